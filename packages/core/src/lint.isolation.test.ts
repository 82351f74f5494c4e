/**
 * Rule isolation (issue 6): a rule that throws — in its check, while building a report's data, with an
 * unknown messageId or a broken fix — costs one internal-error diagnostic naming it; every other rule still
 * runs, on this file and the next.
 */
import { describe, expect, it } from 'vitest';
import type { CxlintConfig } from './config/types.js';
import type { Diagnostic } from './diagnostics.js';
import { lintFiles } from './lint.js';
import { builtInRules, findRule } from './rules/index.js';
import { defineRule, type Rule, type RuleContext } from './rules/rule.js';

const FLOW = [
  'inboundCall:',
  '  name: Isolation',
  '  startUpTaskActions:',
  '    - setParticipantData:',
  '        attributes:',
  '          - attribute:',
  '              name:',
  '                exp: Flow.sessionId',
  '',
].join('\n');

function brokenRule(id: string, check: (context: RuleContext) => void): Rule {
  return defineRule({
    meta: {
      id,
      description: 'A rule that fails, for tests.',
      severity: 'error',
      kinds: ['flow'],
      fixable: true,
      docs: { url: 'https://example.invalid', recommended: true },
      messages: { found: 'Found {{what}}.' },
    },
    check,
  });
}

const literalKey = findRule('participant-data/literal-key')!;

function lintWith(rule: Rule, paths = ['a.yaml']): Map<string, Diagnostic[]> {
  const rules = [literalKey, rule];
  const config: CxlintConfig = { extends: [], rules: { [literalKey.meta.id]: 'error', [rule.meta.id]: 'warn' } };
  const results = lintFiles(paths.map((path) => ({ path, text: FLOW })), { rules, config });
  return new Map(results.map((r) => [r.filePath, r.messages]));
}

function expectIsolated(messages: Diagnostic[] | undefined, id: string, reason: RegExp): void {
  const internal = messages!.filter((m) => m.ruleId === id && /^Internal error/.test(m.message));
  expect(internal).toHaveLength(1);
  expect(internal[0]).toMatchObject({ severity: 2, line: 1, column: 1 });
  expect(internal[0].message).toMatch(new RegExp(`^Internal error in rule ${id.replace('/', '\\/')}: `));
  expect(internal[0].message).toMatch(reason);
  expect(internal[0].message).toMatch(/other rules still ran/);
  expect(internal[0].message).not.toMatch(/\n\s+at /);
  // The other rule's finding is still there, at its line.
  expect(messages!.filter((m) => m.ruleId === 'participant-data/literal-key').map((m) => m.line)).toEqual([8]);
}

describe('rule isolation', () => {
  it('a rule whose check throws: an internal error naming it, the other rules still report, on every file', () => {
    const rule = brokenRule('test/throws', () => {
      throw new Error('boom');
    });
    const byFile = lintWith(rule, ['a.yaml', 'b.yaml']);
    expectIsolated(byFile.get('a.yaml'), 'test/throws', /boom/);
    expectIsolated(byFile.get('b.yaml'), 'test/throws', /boom/);
  });

  it('a rule that throws while building a report’s data', () => {
    const rule = brokenRule('test/data-throws', (context) => {
      const node = context.file.root!;
      context.report({ node, messageId: 'found', data: { what: JSON.parse('{not json') as string } });
    });
    expectIsolated(lintWith(rule).get('a.yaml'), 'test/data-throws', /JSON/);
  });

  it('a report whose data cannot be turned into text (throws inside the engine’s interpolation)', () => {
    const hostile = { toString: () => { throw new TypeError('no string for you'); } } as unknown as string;
    const rule = brokenRule('test/bad-data', (context) => context.report({ node: context.file.root!, messageId: 'found', data: { what: hostile } }));
    expectIsolated(lintWith(rule).get('a.yaml'), 'test/bad-data', /no string for you/);
  });

  it('a rule that reports an unknown messageId: named in the error; its earlier findings are kept', () => {
    const rule = brokenRule('test/unknown-message', (context) => {
      context.report({ node: context.file.root!, messageId: 'found', data: { what: 'first' } });
      context.report({ node: context.file.root!, messageId: 'nope' });
    });
    const messages = lintWith(rule).get('a.yaml');
    expectIsolated(messages, 'test/unknown-message', /unknown messageId "nope"/);
    expect(messages!.filter((m) => m.ruleId === 'test/unknown-message' && m.messageId === 'found').map((m) => m.message)).toEqual(['Found first.']);
  });

  it('a fix whose edits overlap', () => {
    const rule = brokenRule('test/bad-fix', (context) =>
      context.report({ node: context.file.root!, messageId: 'found', data: { what: 'x' }, fix: [{ range: [0, 5], text: 'a' }, { range: [3, 8], text: 'b' }] }),
    );
    expectIsolated(lintWith(rule).get('a.yaml'), 'test/bad-fix', /overlap/);
  });

  it('a rule that recurses without end (stack overflow)', () => {
    const forever = (n: number): number => forever(n + 1) + 1;
    const rule = brokenRule('test/recursion', () => void forever(0));
    expectIsolated(lintWith(rule).get('a.yaml'), 'test/recursion', /call stack/);
  });

  it.each([
    ['a string', 'plain string'],
    ['null', null],
    ['an object without a message', { code: 42 }],
  ])('a rule that throws %s', (_, thrown) => {
    const rule = brokenRule('test/odd-throw', () => {
      throw thrown;
    });
    const messages = lintWith(rule).get('a.yaml');
    const internal = messages!.find((m) => m.ruleId === 'test/odd-throw')!;
    expect(internal.message).toMatch(/^Internal error in rule test\/odd-throw: /);
    expect(messages!.some((m) => m.ruleId === 'participant-data/literal-key')).toBe(true);
  });

  it('a rule that reports outside the file gets a range clamped into it', () => {
    const rule = brokenRule('test/out-of-range', (context) => context.report({ range: [-5, 1e9], messageId: 'found', data: { what: 'x' } }));
    const m = lintWith(rule).get('a.yaml')!.find((x) => x.ruleId === 'test/out-of-range')!;
    expect(m.range).toEqual([0, FLOW.length]);
    expect(m).toMatchObject({ line: 1, column: 1, endLine: 9, endColumn: 1 });
  });

  it('every built-in rule survives a project of broken, empty and odd files without an internal error', () => {
    const texts = ['', 'inboundCall:', 'inboundCall: []', 'inboundCall:\n  startUpTaskActions: 5', 'inboundCall:\n  - x', FLOW, '{"contract": 1, "config": []}', '{"contract": {"input": {"inputSchema": []}}, "config": {"request": null}}'];
    const inputs = texts.map((text, i) => ({ path: `f${i}.${text.startsWith('{') ? 'json' : 'yaml'}`, text }));
    const results = lintFiles(inputs, { config: { extends: 'all' } });
    const internal = results.flatMap((r) => r.messages.filter((m) => /^Internal error/.test(m.message)).map((m) => `${r.filePath}: ${m.message}`));
    expect(internal).toEqual([]);
    expect(builtInRules.length).toBeGreaterThan(1);
  });
});
