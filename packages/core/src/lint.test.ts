import { describe, expect, it } from 'vitest';
import { lintFiles, lintText } from './lint.js';
import { defineRule, type Rule } from './rules/rule.js';
import { walk, isScalar } from './parse/nodes.js';

const rule = (id: string, check: Rule['check'], messages: Record<string, string> = { m: 'Saw {{what}}.' }, meta: Partial<Rule['meta']> = {}): Rule =>
  defineRule({ meta: { id, description: id, severity: 'error', kinds: ['flow'], docs: { url: '', recommended: true }, messages, ...meta }, check });

const flow = 'inboundCall:\n  name: one\n  description: two\n';
const config = (ids: string[]) => ({ extends: [] as [], rules: Object.fromEntries(ids.map((id) => [id, 'error' as const])) });

describe('the engine', () => {
  it('keeps the other rules\' findings when one rule throws, and says which rule broke', () => {
    const broken = rule('t/broken', () => { throw new Error('boom'); });
    const ok = rule('t/ok', (c) => c.report({ range: [2, 5], messageId: 'm', data: { what: 'x' } }));
    const r = lintText(flow, 'f.yaml', { rules: [broken, ok], config: config(['t/broken', 't/ok']) });
    expect(r.messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['t/broken', 'Internal error in rule t/broken: boom. Please report it; other rules still ran.'],
      ['t/ok', 'Saw x.'],
    ]);
  });

  it('treats an unknown messageId as a rule bug', () => {
    const bad = rule('t/bad', (c) => c.report({ range: [0, 1], messageId: 'nope' }));
    expect(lintText(flow, 'f.yaml', { rules: [bad], config: config(['t/bad']) }).messages[0].message).toMatch(/unknown messageId "nope"/);
  });

  it('never re-expands {{…}} that came in through data (flow substitutions are data)', () => {
    const r = rule('t/sub', (c) => c.report({ range: [0, 1], messageId: 'm', data: { what: '{{what}} and {{flow.input.x}}' } }));
    expect(lintText(flow, 'f.yaml', { rules: [r], config: config(['t/sub']) }).messages[0].message).toBe('Saw {{what}} and {{flow.input.x}}.');
  });

  it('sorts findings by position and computes counts', () => {
    const r = rule('t/each', (c) => walk(c.file.root, (n) => { if (isScalar(n)) c.report({ node: n, messageId: 'm', data: { what: String(n.value) } }); }));
    const res = lintText(flow, 'f.yaml', { rules: [r], config: { extends: [], rules: { 't/each': 'warn' } } });
    expect(res.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(['2:9 Saw one.', '3:16 Saw two.']);
    expect(res).toMatchObject({ errorCount: 0, warningCount: 2, fixableWarningCount: 0 });
  });

  it('merges a fix\'s several edits into one edit over the span they cover', () => {
    const r = rule('t/fix', (c) => c.report({ range: [0, 1], messageId: 'm', data: { what: 'x' }, fix: [{ range: [21, 24], text: 'ONE' }, { range: [15, 19], text: 'NAME' }] }), undefined, { fixable: true });
    const m = lintText(flow, 'f.yaml', { rules: [r], config: config(['t/fix']) }).messages[0];
    expect(m.fix).toEqual({ range: [15, 24], text: 'NAME: ONE' });
    expect(flow.slice(0, 15) + m.fix!.text + flow.slice(24)).toBe('inboundCall:\n  NAME: ONE\n  description: two\n');
  });

  it('reports files it could not read, with their line, and marks files that are not ours as skipped', () => {
    const res = lintFiles([
      { path: 'bad.yaml', readError: 'File is not valid UTF-8 (first invalid byte at offset 30).', readErrorLine: 3 },
      { path: 'ci.yml', text: 'on: push\n' },
      { path: 'f.yaml', text: flow },
    ], { rules: [], config: { extends: [] } });
    // One result per input: the CI workflow is not ours, so it is marked skipped, with nothing to say.
    expect(res.map((r) => [r.filePath, r.skipped])).toEqual([['bad.yaml', undefined], ['ci.yml', 'not-ours'], ['f.yaml', undefined]]);
    expect(res[1].messages).toEqual([]);
    expect(res[0].messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 3 });
  });

  it('reads every file for the project but reports only the targets', () => {
    const seen: string[] = [];
    const r = rule('t/files', (c) => { seen.push(`${c.file.path}:${c.project.facts.length}`); }, undefined, { crossFile: true });
    const res = lintFiles([{ path: 'a.yaml', text: flow }, { path: 'b.yaml', text: flow }], { rules: [r], config: config(['t/files']), isTarget: (p) => p === 'b.yaml' });
    expect(res.map((x) => x.filePath)).toEqual(['b.yaml']);
    expect(seen).toEqual(['b.yaml:2']);
  });

  it('does not run rules on a file with parse errors; reports each error at its position', () => {
    const r = rule('t/never', () => { throw new Error('should not run'); });
    const res = lintText('inboundCall:\n  name: a\n  name: b\n', 'f.yaml', { rules: [r], config: config(['t/never']) });
    expect(res.messages).toHaveLength(1);
    expect(res.messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 3, column: 3 });
    expect(res.messages[0].message).toMatch(/^Parse error: /);
  });
});

describe('lintText always returns a result', () => {
  it('YAML that does not parse and is not a flow: a result marked not ours, never undefined', () => {
    const r = lintText('a: [', 'x.yaml');
    expect(r).toMatchObject({ filePath: 'x.yaml', kind: 'unknown', skipped: 'not-ours', messages: [], errorCount: 0 });
  });

  it('a file the config ignores: a result marked ignored', () => {
    const r = lintText('inboundCall:\n  name: x\n', 'gen/x.yaml', { config: { ignore: ['gen/**'] } });
    expect(r).toMatchObject({ filePath: 'gen/x.yaml', skipped: 'ignored', messages: [] });
  });
});
