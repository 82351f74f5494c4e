import { applyEdit } from '../fix/text-edits.js';
import { lintFiles, type LintInput } from '../lint.js';
import type { ProjectSettings } from '../model/project.js';
import type { ReportDescriptor, Rule, RuleContext } from '../rules/rule.js';
import { messageProblems } from '../rules/message-values.js';
import type { Diagnostic } from '../diagnostics.js';
import { builtInRules } from '../rules/index.js';

/**
 * ESLint's RuleTester for cxlint: cases read like documentation. Works with any test runner that provides
 * `describe`/`it` (vitest, node:test); pass them in.
 */
export interface ValidCase {
  name?: string;
  code: string;
  /** Defaults to a name that matches the rule's first kind (`flow.yaml`, `action.json`, `main.tf`). */
  filename?: string;
  options?: Record<string, unknown>;
  settings?: ProjectSettings;
  /** Other files of the project (for cross-file rules). */
  files?: LintInput[];
}

export interface ExpectedError {
  messageId?: string;
  message?: string | RegExp;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Expected suggestion outputs, in order. */
  suggestions?: { messageId?: string; desc?: string | RegExp; output: string }[] | null;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[] | number;
  /** Text after applying every fix; `null` asserts no fix. Omit to not check. */
  output?: string | null;
}

export interface TestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => void): void;
}

const DEFAULT_FILENAMES: Record<string, string> = { flow: 'flow.yaml', 'data-action': 'action.json', terraform: 'main.tf' };

export class RuleTester {
  constructor(private readonly api: TestApi) {}

  run(rule: Rule, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): void {
    const { describe, it } = this.api;
    describe(rule.meta.id, () => {
      describe('valid', () => {
        cases.valid.forEach((c, i) => {
          const tc = typeof c === 'string' ? { code: c } : c;
          it(tc.name ?? `valid #${i + 1}`, () => {
            const messages = lintCase(rule, tc);
            if (messages.length) throw new Error(`Expected no problems, got:\n${describeMessages(messages)}`);
          });
        });
      });
      describe('invalid', () => {
        cases.invalid.forEach((tc, i) => {
          it(tc.name ?? `invalid #${i + 1}`, () => checkInvalid(rule, tc));
        });
      });
    });
  }
}

function filenameFor(rule: Rule, tc: ValidCase): string {
  return tc.filename ?? DEFAULT_FILENAMES[rule.meta.kinds[0]] ?? 'file.yaml';
}

function lintCase(rule: Rule, tc: ValidCase, code = tc.code): Diagnostic[] {
  const filename = filenameFor(rule, tc);
  const reports: ReportDescriptor[] = [];
  const results = lintFiles([{ path: filename, text: code }, ...(tc.files ?? [])], {
    rules: [recordingReports(rule, reports)],
    config: { extends: [], rules: { [rule.meta.id]: ['error', tc.options ?? {}] } },
    settings: tc.settings,
    isTarget: (p) => p === filename,
  });
  const messages = results[0]?.messages ?? [];
  const fatal = messages.find((m) => m.fatal || m.ruleId !== rule.meta.id);
  if (fatal) throw new Error(`Test code does not lint cleanly apart from the rule: ${fatal.message} (line ${fatal.line})`);
  checkMessages(rule, reports);
  return messages;
}

/** The rule as it is, except that every report it makes (in any file of the case) is also kept in `reports`. */
function recordingReports(rule: Rule, reports: ReportDescriptor[]): Rule {
  return {
    meta: rule.meta,
    check(context) {
      const recording: RuleContext = Object.create(context, {
        report: { value: (d: ReportDescriptor) => (reports.push(d), context.report(d)) },
      });
      return rule.check(recording);
    },
  };
}

/** Every message and suggestion is a whole sentence whose placeholders carry values, not English (message-values.ts). */
function checkMessages(rule: Rule, reports: ReportDescriptor[]): void {
  const problems = new Set<string>();
  for (const d of reports) {
    for (const p of messageProblems(rule, d.messageId, d.data)) problems.add(p);
    for (const s of d.suggest ?? []) for (const p of messageProblems(rule, s.messageId, s.data)) problems.add(p);
  }
  if (problems.size) throw new Error(`Rule ${rule.meta.id}:\n${[...problems].join('\n')}`);
}

/**
 * Every finding of every rule (the built-in ones at their default options — the `all` preset — and the rule under
 * test with the case's options) on `code`: a fix or a suggestion must not create a finding of another rule either
 * (moving a dynamic key into `value: exp: Flow.x` must not leave `Flow.x` undeclared). Hygiene that only the
 * `strict` preset reports (a generated fire-and-forget call without failure actions) is not held against it.
 */
function lintAllRules(rule: Rule, tc: ValidCase, code: string): Diagnostic[] {
  const filename = filenameFor(rule, tc);
  const rules = builtInRules.some((r) => r.meta.id === rule.meta.id) ? builtInRules : [...builtInRules, rule];
  const results = lintFiles([{ path: filename, text: code }, ...(tc.files ?? [])], {
    rules,
    config: { extends: ['all'], rules: { [rule.meta.id]: ['error', tc.options ?? {}] } },
    settings: tc.settings,
    isTarget: (p) => p === filename,
  });
  return results[0]?.messages ?? [];
}

/** Findings of other rules in `after` that `before` did not have (counted per rule and message id). */
function newFindings(rule: Rule, before: Diagnostic[], after: Diagnostic[]): Diagnostic[] {
  const key = (m: Diagnostic) => `${m.ruleId ?? 'parse'}\u0000${m.messageId ?? m.message}`;
  const counts = new Map<string, number>();
  for (const m of before) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
  const added: Diagnostic[] = [];
  for (const m of after) {
    if (m.ruleId === rule.meta.id) continue; // the rule under test is checked on its own, below
    const left = counts.get(key(m)) ?? 0;
    if (left > 0) counts.set(key(m), left - 1);
    else added.push(m);
  }
  return added;
}

function assertNoNewFindings(rule: Rule, tc: ValidCase, output: string, what: string): void {
  const added = newFindings(rule, lintAllRules(rule, tc, tc.code), lintAllRules(rule, tc, output));
  if (added.length) throw new Error(`${what} creates finding(s) of other rules:\n${added.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(parse)'} ${m.message}`).join('\n')}`);
}

function describeMessages(messages: Diagnostic[]): string {
  return messages.map((m) => `  ${m.line}:${m.column} ${m.messageId ?? ''} ${m.message}`).join('\n');
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function checkInvalid(rule: Rule, tc: InvalidCase): void {
  const messages = lintCase(rule, tc);
  const expected = tc.errors;
  if (typeof expected === 'number') assertEqual(messages.length, expected, 'number of problems');
  else {
    if (messages.length !== expected.length) {
      throw new Error(`Expected ${expected.length} problem(s), got ${messages.length}:\n${describeMessages(messages)}`);
    }
    expected.forEach((e, i) => {
      const m = messages[i];
      const at = `problem #${i + 1}`;
      if (e.messageId !== undefined) assertEqual(m.messageId, e.messageId, `${at} messageId`);
      if (typeof e.message === 'string') assertEqual(m.message, e.message, `${at} message`);
      else if (e.message && !e.message.test(m.message)) throw new Error(`${at} message ${JSON.stringify(m.message)} does not match ${e.message}`);
      for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) if (e[k] !== undefined) assertEqual(m[k], e[k], `${at} ${k}`);
      if (e.suggestions === null) assertEqual(m.suggestions?.length ?? 0, 0, `${at} suggestions`);
      else if (e.suggestions) {
        assertEqual(m.suggestions?.length ?? 0, e.suggestions.length, `${at} number of suggestions`);
        e.suggestions.forEach((s, j) => {
          const got = m.suggestions![j];
          if (s.messageId) assertEqual(got.messageId, s.messageId, `${at} suggestion #${j + 1} messageId`);
          if (typeof s.desc === 'string') assertEqual(got.desc, s.desc, `${at} suggestion #${j + 1} desc`);
          else if (s.desc && !s.desc.test(got.desc)) throw new Error(`${at} suggestion desc ${got.desc} does not match ${s.desc}`);
          const output = applyEdit(tc.code, got.fix);
          assertEqual(output, s.output, `${at} suggestion #${j + 1} output`);
          lintCase(rule, tc, output); // must still parse
          assertNoNewFindings(rule, tc, output, `${at} suggestion #${j + 1}`);
        });
      }
    });
  }
  const fixes = messages.filter((m) => m.fix);
  if (tc.output === null) assertEqual(fixes.length, 0, 'number of fixes');
  else if (tc.output !== undefined) checkFixOutput(rule, tc, messages, fixes, tc.output);
  else if (fixes.length) {
    // The case does not state the output: the fix is still checked, as --fix would apply it.
    const output = applyFixes(tc.code, fixes);
    lintCase(rule, tc, output);
    assertNoNewFindings(rule, tc, output, 'The fix');
  }
  checkUnstatedSuggestions(rule, tc, messages);
}

function applyFixes(code: string, fixes: Diagnostic[]): string {
  let output = code;
  for (const m of fixes.slice().sort((a, b) => b.fix!.range[0] - a.fix!.range[0])) output = applyEdit(output, m.fix!);
  return output;
}

function checkFixOutput(rule: Rule, tc: InvalidCase, messages: Diagnostic[], fixes: Diagnostic[], expectedOutput: string): void {
  {
    const output = applyFixes(tc.code, fixes);
    assertEqual(output, expectedOutput, 'fix output');
    // A fix must re-parse (lintCase throws otherwise) and must make its finding go away without adding any:
    // no fixable finding may remain (or --fix would loop), and the rest may only be the unfixed ones.
    const after = lintCase(rule, tc, output);
    assertNoNewFindings(rule, tc, output, 'The fix');
    const stillFixable = after.filter((m) => m.fix);
    if (stillFixable.length) throw new Error(`After fixing, the rule still reports:\n${describeMessages(stillFixable)}`);
    if (after.length > messages.length - fixes.length) {
      throw new Error(`After fixing, the rule reports ${after.length} problem(s), more than the ${messages.length - fixes.length} left unfixed:\n${describeMessages(after)}`);
    }
  }
}

/** Suggestions the case does not state: they must re-parse and create no finding of another rule. */
function checkUnstatedSuggestions(rule: Rule, tc: InvalidCase, messages: Diagnostic[]): void {
  const expected = tc.errors;
  // ESLint checks only what a case states; a case that forgot `suggestions` would leave them unchecked here.
  if (typeof expected === 'number' || expected.some((e) => !e.suggestions)) {
    messages.forEach((m, i) => {
      if (typeof expected !== 'number' && expected[i]?.suggestions) return; // checked above with its output
      (m.suggestions ?? []).forEach((s, j) => {
        const output = applyEdit(tc.code, s.fix);
        lintCase(rule, tc, output);
        assertNoNewFindings(rule, tc, output, `problem #${i + 1} suggestion #${j + 1}`);
      });
    });
  }
}
