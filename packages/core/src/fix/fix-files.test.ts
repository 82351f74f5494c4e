import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineRule, ruleDocsUrl, type Rule } from '../rules/rule.js';
import { parseFile } from '../parse/parse-file.js';
import { fixPaths, MAX_FIX_PASSES } from './fix-files.js';
import { unifiedDiff } from './unified-diff.js';

const FLOW = 'inboundCall:\n  name: Support\n  description: old\n';

/** Test rule: reports `description: old` with a fix chosen by the test. */
function ruleWithFix(id: string, fixText: (text: string) => { range: [number, number]; text: string } | null, suggestion = false): Rule {
  return defineRule({
    meta: { id, description: 't', severity: 'error', kinds: ['flow'], fixable: true, hasSuggestions: suggestion, docs: { url: ruleDocsUrl(id), recommended: true }, messages: { m: 'Found it.' } },
    check(context) {
      const at = context.text.indexOf('old');
      if (at < 0) return;
      const fix = fixText(context.text);
      if (!fix) return;
      if (suggestion) context.report({ range: [at, at + 3], messageId: 'm', suggest: [{ messageId: 'm', fix }] });
      else context.report({ range: [at, at + 3], messageId: 'm', fix });
    },
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxlint-fix-'));
  writeFileSync(join(dir, 'flow.yaml'), FLOW);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = () => readFileSync(join(dir, 'flow.yaml'), 'utf8');
const config = (ids: string[]) => ({ config: { config: { rules: Object.fromEntries(ids.map((i) => [i, 'error' as const])) }, baseDir: dir } });

describe('fixPaths', () => {
  it('never writes a fix that would break the YAML, and reports it', async () => {
    const breaking = ruleWithFix('t/breaking', (t) => ({ range: [t.indexOf('old'), t.indexOf('old') + 3], text: 'x: [unclosed' }));
    const good = ruleWithFix('t/good', (t) => (t.includes('Support') ? { range: [t.indexOf('Support'), t.indexOf('Support') + 7], text: 'Sales' } : null));
    // t/good edits the name, t/breaking the description: applied together the file would not parse.
    const run = await fixPaths(['.'], { cwd: dir, write: true, rules: [breaking, good], ...config(['t/breaking', 't/good']) });
    expect(read()).toBe('inboundCall:\n  name: Sales\n  description: old\n');
    expect(parseFile('flow.yaml', read()).errors).toEqual([]);
    expect(run.rejected).toEqual([expect.objectContaining({ ruleId: 't/breaking', line: 3, column: 16, reason: 'the fixed file would not parse as YAML' })]);
    expect(run.results[0].messages.map((m) => m.ruleId)).toEqual(['t/breaking']);
  });

  it('never applies suggestions', async () => {
    const suggesting = ruleWithFix('t/suggest', (t) => ({ range: [t.indexOf('old'), t.indexOf('old') + 3], text: 'new' }), true);
    const run = await fixPaths(['.'], { cwd: dir, write: true, rules: [suggesting], ...config(['t/suggest']) });
    expect(read()).toBe(FLOW);
    expect(run.fixed).toEqual([]);
  });

  it('runs passes until nothing changes, at most 10', async () => {
    // Each pass appends one `d` to the value: it would never settle on its own.
    const endless = ruleWithFix('t/endless', (t) => ({ range: [t.indexOf('old'), t.indexOf('old')], text: 'd' }));
    const run = await fixPaths(['.'], { cwd: dir, write: true, rules: [endless], ...config(['t/endless']) });
    expect(run.passes).toBe(MAX_FIX_PASSES);
    expect(read()).toBe(`inboundCall:\n  name: Support\n  description: ${'d'.repeat(MAX_FIX_PASSES)}old\n`);
    expect(run.fixed[0].fixCount).toBe(MAX_FIX_PASSES);
  });

  it('lets a later pass pick up a fix that overlapped one applied earlier', async () => {
    const a = ruleWithFix('t/a', (t) => (t.includes('description: old') ? { range: [t.indexOf('old'), t.indexOf('old') + 3], text: 'old1' } : null));
    const b = ruleWithFix('t/b', (t) => (t.includes('old1') || !t.includes('old') ? null : { range: [t.indexOf('old') - 1, t.indexOf('old') + 3], text: ' old2' }));
    const run = await fixPaths(['.'], { cwd: dir, write: false, rules: [a, b], ...config(['t/a', 't/b']) });
    expect(run.passes).toBeGreaterThanOrEqual(1);
    expect(run.fixed[0].after).toMatch(/description: old[12]/);
    expect(read()).toBe(FLOW); // write: false
  });

  it('does not overwrite a file that changed on disk meanwhile', async () => {
    const good = ruleWithFix('t/good', (t) => {
      writeFileSync(join(dir, 'flow.yaml'), FLOW + '# edited in an editor\n');
      return { range: [t.indexOf('old'), t.indexOf('old') + 3], text: 'new' };
    });
    const run = await fixPaths(['flow.yaml'], { cwd: dir, write: true, rules: [good], ...config(['t/good']), maxPasses: 1 });
    expect(run.fixed[0].written).toBe(false);
    expect(run.fixed[0].writeError).toMatch(/changed on disk/);
    expect(read()).toBe(FLOW + '# edited in an editor\n');
  });
});

describe('unifiedDiff', () => {
  it('writes git-style hunks with 3 lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const b = a.replace('5\n', 'five\n').replace('10\n', '10\n11\n');
    expect(unifiedDiff(a, b, 'f.yaml')).toBe(
      ['--- a/f.yaml', '+++ b/f.yaml', '@@ -2,9 +2,10 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ' 9', ' 10', '+11', ''].join('\n'),
    );
  });

  it('splits far-apart changes into hunks and marks a missing final newline', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);
    const a = lines.join('\n');
    const b = ['L1', ...lines.slice(1)].join('\n') + '\n';
    expect(unifiedDiff(a, b, 'f')).toBe(
      ['--- a/f', '+++ b/f', '@@ -1,4 +1,4 @@', '-l1', '+L1', ' l2', ' l3', ' l4', '@@ -17,4 +17,4 @@', ' l17', ' l18', ' l19', '-l20', '\\ No newline at end of file', '+l20', ''].join('\n'),
    );
  });

  it('shows CRLF lines without the CR and an insertion into an empty file', () => {
    expect(unifiedDiff('a: 1\r\n', 'a: 2\r\n', 'f')).toContain('-a: 1\n+a: 2\n');
    expect(unifiedDiff('', 'x\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('same', 'same', 'f')).toBe('');
  });
});
