/**
 * Property and fuzz tests of the whole engine (issue 6): for generated Archy flows and for byte-mutated corpus
 * files, linting never throws, every range lies inside the file and agrees with its line/column, every fix
 * applies cleanly and makes its finding go away, and the same input always gives the same JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult, TextEdit } from './diagnostics.js';
import { applyEdit } from './fix/text-edits.js';
import { lintFiles, lintFilesAsync, type LintInput } from './lint.js';
import { decodeSource } from './source/read-file.js';
import { SourceText } from './source/source-text.js';

/** `CXLINT_FUZZ_RUNS=10 npx vitest run src/lint.fuzz.test.ts` for a longer search; the default keeps `npm test` quick. */
const SCALE = Math.max(1, Number(process.env.CXLINT_FUZZ_RUNS) || 1);
const runs = (n: number) => ({ numRuns: n * SCALE });

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

// ---------------------------------------------------------------------------------------------------------
// Invariants

/** Checks every invariant on one file's result; `raw` is the text as handed to the engine (BOM included). */
function checkResult(result: LintResult, raw: string | undefined): void {
  for (const m of result.messages) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.message.length).toBeGreaterThan(0);
    expect(m.message).not.toMatch(/\n\s+at .+[:(]\d/); // no stack trace
    if (raw === undefined) continue; // could not be read: there is no text to place it in
    const source = new SourceText(raw);
    const [start, end] = m.range;
    expect(0 <= start && start <= end && end <= source.text.length, `range ${start}..${end} of ${source.text.length}`).toBe(true);
    expect({ line: m.line, column: m.column }).toEqual(source.positionAt(start));
    expect({ line: m.endLine, column: m.endColumn }).toEqual(source.positionAt(end));
    for (const edit of editsOf(m)) {
      expect(0 <= edit.range[0] && edit.range[0] <= edit.range[1] && edit.range[1] <= source.text.length).toBe(true);
    }
  }
}

function editsOf(m: Diagnostic): TextEdit[] {
  return [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? []).map((s) => s.fix)];
}

const sameFinding = (a: Diagnostic) => (b: Diagnostic) => b.ruleId === a.ruleId && b.messageId === a.messageId;

/**
 * Applies each fix on its own: the result still parses, and that rule reports that finding one time fewer.
 * `project` is the other files, so cross-file rules see the same repository.
 */
function checkFixes(path: string, raw: string, result: LintResult, project: LintInput[], lint = lintFiles): void {
  const source = new SourceText(raw);
  const bom = source.hasBom ? '\uFEFF' : '';
  for (const m of result.messages) {
    if (!m.fix) continue;
    const fixed = bom + applyEdit(source.text, m.fix);
    const [after] = lint([{ path, text: fixed }, ...project], { isTarget: (p) => p === path });
    const where = `${m.ruleId} ${m.line}:${m.column} fix ${JSON.stringify(m.fix)}\n--- before\n${raw}\n--- after\n${fixed}`;
    expect(after.messages.filter((x) => x.fatal), where).toEqual([]);
    expect(after.messages.filter(sameFinding(m)).length, where).toBeLessThan(result.messages.filter(sameFinding(m)).length);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Archy-shaped flows

const ident = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,10}$/);
const expression = fc.oneof(
  ident.map((s) => `Flow.${s}`),
  ident.map((s) => `State.${s}`),
  ident.map((s) => `flow.input.${s}`),
  ident.map((s) => `ToString(Flow.${s})`),
  fc.constantFrom('Call.Ani', 'Call.ConversationId', 'ToPhoneNumber(Call.Ani).e164', 'Append("a", Flow.x)'),
);
const literal = fc.oneof(
  ident,
  ident.map((s) => `{{${s}}}`),
  fc.tuple(ident, ident).map(([a, b]) => `${a}_{{flow.input.${b}}}`),
  ident.map((s) => `\${input.${s}}`),
  ident.map((s) => `Flow.${s}`),
  fc.constantFrom('', ' ', 'has space', 'quote"inside', "it's", 'a: b', '#hash', 'ünïcödé', '😀emoji', 'x\\y'),
);
/** An Archy value in one of the shapes real files use (block `lit:`, flow `{exp: …}`, bare, `noValue`). */
const archyValue = fc.oneof(
  literal.map((s) => ({ kind: 'lit', text: s })),
  expression.map((s) => ({ kind: 'exp', text: s })),
  ident.map((s) => ({ kind: 'var', text: `Flow.${s}` })),
  fc.constant({ kind: 'noValue', text: '' }),
  literal.map((s) => ({ kind: 'bare', text: s })),
);
type ArchyValue = { kind: string; text: string };

const quote = (s: string) => JSON.stringify(s);
function renderValue(key: string, v: ArchyValue, pad: string, flowStyle: boolean): string[] {
  if (v.kind === 'bare') return [`${pad}${key}: ${quote(v.text)}`];
  const body = v.kind === 'noValue' ? 'noValue: true' : `${v.kind}: ${quote(v.text)}`;
  return flowStyle ? [`${pad}${key}: {${body}}`] : [`${pad}${key}:`, `${pad}  ${body}`];
}

const attribute = fc.record({
  name: archyValue,
  value: fc.option(archyValue, { nil: undefined }),
  variable: fc.option(ident.map((s) => `Flow.${s}`), { nil: undefined }),
  flowStyle: fc.boolean(),
});
const action = fc.record({
  op: fc.constantFrom('setParticipantData', 'getParticipantData'),
  label: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  attributes: fc.array(attribute, { minLength: 0, maxLength: 3 }),
});
const flow = fc.record({
  type: fc.constantFrom('inboundCall', 'inboundShortMessage', 'workflow', 'inqueueCall', 'commonModule'),
  name: fc.oneof(ident, fc.constant('{{flow_name}}')),
  variables: fc.array(ident, { maxLength: 3 }),
  actions: fc.array(action, { minLength: 1, maxLength: 4 }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

type Flow = typeof flow extends fc.Arbitrary<infer T> ? T : never;

function renderFlow(f: Flow): string {
  const lines = [`${f.type}:`, `  name: ${f.name}`, '  division: Home', '  defaultLanguage: en-us', '  startUpRef: ./menus/menu[main]'];
  if (f.variables.length) {
    lines.push('  variables:');
    for (const v of f.variables) lines.push('    - stringVariable:', `        name: Flow.${v}`, '        initialValue:', '          noValue: true');
  }
  lines.push('  startUpTaskActions:');
  for (const a of f.actions) {
    lines.push(`    - ${a.op}:`);
    if (a.label !== undefined) lines.push(`        name: ${quote(a.label)}`);
    lines.push('        attributes:');
    if (!a.attributes.length) lines[lines.length - 1] += ' []';
    for (const at of a.attributes) {
      lines.push('          - attribute:');
      const pad = '              ';
      lines.push(...renderValue('name', at.name, pad, at.flowStyle));
      if (a.op === 'setParticipantData' && at.value) lines.push(...renderValue('value', at.value, pad, at.flowStyle));
      if (a.op === 'getParticipantData' && at.variable) lines.push(`${pad}variable: ${at.variable}`);
    }
  }
  const text = lines.join('\n') + '\n';
  return (f.bom ? '\uFEFF' : '') + (f.crlf ? text.replace(/\n/g, '\r\n') : text);
}

describe('generated Archy flows', () => {
  it('never throw; ranges, positions and fixes hold; a fixed finding is gone; output is deterministic', { timeout: 120_000 * SCALE }, () => {
    fc.assert(
      fc.property(fc.array(flow, { minLength: 1, maxLength: 3 }), (flows) => {
        const inputs = flows.map((f, i) => ({ path: `flows/f${i}.yaml`, text: renderFlow(f) }));
        const results = lintFiles(inputs);
        expect(JSON.stringify(lintFiles(inputs.map((x) => ({ ...x }))))).toBe(JSON.stringify(results));
        for (const r of results) {
          const input = inputs.find((x) => x.path === r.filePath)!;
          checkResult(r, input.text);
          checkFixes(r.filePath, input.text, r, inputs.filter((x) => x !== input));
        }
      }),
      runs(60),
    );
  });

  it('the literal-key rule finds every dynamic key the generator wrote', () => {
    fc.assert(
      fc.property(flow, (f) => {
        const [r] = lintFiles([{ path: 'f.yaml', text: renderFlow(f) }]);
        const dynamic = f.actions.flatMap((a) => a.attributes).filter((at) => at.name.kind === 'exp' || at.name.kind === 'var').length;
        const dynamicKeyMessages = ['dynamicKey', 'dynamicKeyNoExample', 'variableKey', 'variableKeyNoExample'];
        const found = r.messages.filter((m) => m.ruleId === 'participant-data/literal-key' && dynamicKeyMessages.includes(m.messageId ?? '')).length;
        expect(found).toBe(dynamic);
      }),
      runs(100),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Byte mutations of real files

/** Fragments that stress parsers: indicators, anchors, brackets, substitutions, line breaks, bad bytes. */
const HOSTILE = [
  '[', ']', '{', '}', ':', ': ', '- ', '? ', '#', '"', "'", '\\', '&a ', '*a', '!!str ', '|', '>-', '---\n', '...\n',
  '{{x}}', '${input.x}', '$${', '\t', '\r', '\r\n', '\n', '\uFEFF', '\u0000', '\u2028', '\uD800', 'é', '😀', ',',
  '%YAML 1.1\n', '<<: *a\n', '"""', '/*', '//', '\\u12', 'null', '1e999', '-0', '0x1F',
].map((s) => Buffer.from(s, 'utf8'));

const mutation = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...HOSTILE) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let b = bytes;
  for (const m of mutations) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    if (m.op === 'flip') b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at + 1)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), m.piece, b.subarray(at)]);
    else if (m.op === 'duplicate') b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}

function corpusFiles(exts: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(CORPUS);
  return out.sort();
}

/** The lint input a disk read of these bytes gives (binary and bad UTF-8 become read errors). */
function inputFromBytes(path: string, bytes: Buffer): LintInput {
  const read = decodeSource(bytes);
  return read.error !== undefined ? { path, readError: read.error, readErrorLine: read.errorLine } : { path, text: read.text };
}

describe.skipIf(!existsSync(CORPUS))('mutated corpus files', () => {
  const files = existsSync(CORPUS) ? corpusFiles(['.yaml', '.yml', '.json']) : [];
  const terraform = existsSync(CORPUS) ? corpusFiles(['.tf']) : [];

  it('flows and data actions: never throw; every range, position and fix holds; deterministic', { timeout: 120_000 * SCALE }, () => {
    expect(files.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (index, mutations) => {
        const file = files[index];
        const path = file.slice(CORPUS.length + 1);
        const input = inputFromBytes(path, mutate(readFileSync(file), mutations));
        const results = lintFiles([input]);
        expect(JSON.stringify(lintFiles([{ ...input }]))).toBe(JSON.stringify(results));
        for (const r of results) {
          checkResult(r, input.text);
          if (input.text !== undefined) checkFixes(path, input.text, r, []);
        }
      }),
      runs(150),
    );
  });

  it('Terraform files through the asynchronous parser: never throw, ranges hold', { timeout: 120_000 * SCALE }, async () => {
    expect(terraform.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.nat(terraform.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (index, mutations) => {
        const file = terraform[index];
        const path = file.slice(CORPUS.length + 1);
        const input = inputFromBytes(path, mutate(readFileSync(file), mutations));
        const results = await lintFilesAsync([input]);
        expect(JSON.stringify(await lintFilesAsync([{ ...input }]))).toBe(JSON.stringify(results));
        for (const r of results) checkResult(r, input.text);
      }),
      runs(30),
    );
  });
});

if (!existsSync(CORPUS)) {
  describe('mutated corpus files', () => {
    it.skip(`skipped: no corpus at ${CORPUS}`, () => {});
  });
}
