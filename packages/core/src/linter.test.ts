import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLinter } from './linter.js';
import { defaultLinter, lintText } from './lint.js';
import { builtInContributors } from './model/contributors.js';
import { RuleMetaError } from './rules/check-meta.js';
import { builtInRules } from './rules/index.js';
import { defineRule, ruleDocsUrl, type Rule, type RuleMeta } from './rules/rule.js';

const SRC = dirname(fileURLToPath(import.meta.url));
const FLOW = 'inboundCall:\n  name: Support\n  description: old\n';
const ONLY = (id: string) => ({ extends: [] as [], rules: { [id]: 'error' as const } });

function testRule(meta: Partial<RuleMeta>, check: Rule['check'] = () => {}): Rule {
  const id = meta.id ?? 'test/rule';
  return defineRule({
    meta: { id, description: 'A rule for tests.', severity: 'error', kinds: ['flow'], docs: { url: 'https://example.invalid/rule', recommended: true }, messages: { found: 'Found {{what}}.' }, ...meta },
    check,
  });
}

describe('createLinter', () => {
  it('knows only what it was given: no Terraform parser, no contributors unless listed', async () => {
    const tf = 'resource "genesyscloud_flow" "f" {\n  filepath = "a.yaml"\n}\n';
    const bare = createLinter({ rules: builtInRules });
    const [r] = await bare.lintFilesAsync([{ path: 'main.tf', text: tf }]);
    expect(r.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringContaining('asynchronous HCL parser') })]);
    const [ok] = await defaultLinter.lintFilesAsync([{ path: 'main.tf', text: tf }]);
    expect(ok.messages.filter((m) => m.fatal)).toEqual([]);
    expect(bare.contributors).toEqual([]);
    expect(defaultLinter.contributors).toEqual(builtInContributors);
  });

  it('runs a rule of its own next to none of the built-in ones', () => {
    const rule = testRule({ id: 'acme/no-old' }, (c) => {
      const at = c.text.indexOf('old');
      if (at >= 0) c.report({ range: [at, at + 3], messageId: 'found', data: { what: 'old' } });
    });
    const linter = createLinter({ rules: [rule] });
    const r = linter.lintText(FLOW, 'f.yaml', { config: ONLY('acme/no-old') });
    expect(r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message}`)).toEqual(['acme/no-old 3:16 Found old.']);
  });

  it("runs a file's own rules only on targets: other files are read for their facts (an editor's workspace, the action's repository)", () => {
    const seen: string[] = [];
    const rule = testRule({ id: 'acme/seen' }, (c) => void seen.push(c.file.path));
    const linter = createLinter({ rules: [rule] });
    const inputs = ['a.yaml', 'b.yaml', 'c.yaml'].map((path) => ({ path, text: FLOW }));
    const parsed = inputs.map((i) => ({ ...i, parsed: linter.parseFile(i.path, i.text) }));
    for (const given of [inputs, parsed]) {
      seen.length = 0;
      const results = linter.lintFiles(given, { config: ONLY('acme/seen'), isTarget: (p) => p === 'b.yaml' });
      expect(results.map((r) => r.filePath)).toEqual(['b.yaml']);
      expect(seen).toEqual(['b.yaml']);
    }
  });

  it.each<[string, Partial<RuleMeta> | Rule[], RegExp]>([
    ['an id that is not area/name', { id: 'NoSlash' }, /Rule NoSlash: the id must be `area\/name`/],
    ['a message that is a fragment', { messages: { found: 'found {{what}}' } }, /message "found" must be a whole sentence/],
    ['a message whose end is assembled in code', { messages: { found: 'Found {{what}}{{hint}}' } }, /message "found" must be a whole sentence/],
    ['an empty message', { messages: { found: ' ' } }, /message "found" is empty/],
    ['no messages', { messages: {} }, /meta.messages is empty/],
    ['a built-in docs url for another id', { id: 'flow/mine', docs: { url: ruleDocsUrl('flow/schema'), recommended: true } }, /does not match the id/],
    ['no kinds', { kinds: [] }, /meta.kinds/],
    ['a bad severity', { severity: 'fatal' as 'error' }, /meta.severity/],
    ['two rules with one id', [testRule({}), testRule({})], /two rules have this id/],
  ])('throws a clear error at load for %s', (_what, meta, error) => {
    const rules = Array.isArray(meta) ? meta : [testRule(meta)];
    expect(() => createLinter({ rules })).toThrow(RuleMetaError);
    expect(() => createLinter({ rules })).toThrow(error);
    // Rules given for one run are checked the same way.
    expect(() => lintText(FLOW, 'f.yaml', { rules })).toThrow(error);
  });

  it.each<[string, Partial<RuleMeta>, Rule['check'], RegExp]>([
    ['a fix without meta.fixable', {}, (c) => c.report({ range: [0, 1], messageId: 'found', data: { what: 'x' }, fix: { range: [0, 1], text: 'I' } }), /reported a fix, but meta.fixable is not set/],
    ['a suggestion without meta.hasSuggestions', {}, (c) => c.report({ range: [0, 1], messageId: 'found', data: { what: 'x' }, suggest: [{ messageId: 'found', data: { what: 'y' }, fix: { range: [0, 1], text: 'I' } }] }), /meta.hasSuggestions is not set/],
    ['a message whose placeholder has no data', {}, (c) => c.report({ range: [0, 1], messageId: 'found' }), /needs data.what/],
    ['a read of other files without meta.crossFile', {}, (c) => void c.project.facts, /does not set crossFile: true/],
  ])('reports %s as the rule\'s internal error, keeping the other rules\' findings', (_what, meta, check, error) => {
    const broken = testRule({ ...meta, id: 'test/broken' }, check);
    const ok = testRule({ id: 'test/ok' }, (c) => c.report({ range: [0, 1], messageId: 'found', data: { what: 'it' } }));
    const r = createLinter({ rules: [broken, ok] }).lintText(FLOW, 'f.yaml', { config: { extends: [], rules: { 'test/broken': 'error', 'test/ok': 'error' } } });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['test/broken', 'test/ok']);
    expect(r.messages[0].message).toMatch(error);
    expect(r.messages[1].message).toBe('Found it.');
  });

  it('accepts a fix, a suggestion and a project read when the meta says so', () => {
    const rule = testRule({ fixable: true, hasSuggestions: true, crossFile: true }, (c) =>
      c.report({ range: [0, 1], messageId: 'found', data: { what: String(c.project.facts.length) }, fix: { range: [0, 1], text: 'I' }, suggest: [{ messageId: 'found', data: { what: 's' }, fix: { range: [0, 1], text: 'J' } }] }),
    );
    const [m] = createLinter({ rules: [rule] }).lintText(FLOW, 'f.yaml', { config: ONLY('test/rule') }).messages;
    expect(m).toMatchObject({ message: 'Found 1.', fix: { range: [0, 1], text: 'I' }, suggestions: [{ desc: 'Found s.' }] });
  });
});

describe('built-in rules', () => {
  it('each lives at src/rules/<id>.ts, whose default export it is', async () => {
    for (const rule of builtInRules) {
      const module = (await import(/* @vite-ignore */ pathToFileURL(join(SRC, 'rules', `${rule.meta.id}.ts`)).href)) as { default: Rule };
      expect(module.default, rule.meta.id).toBe(rule);
    }
  });

  it('never import other rules: shared knowledge lives in the model', () => {
    const rulesDir = join(SRC, 'rules');
    const ruleFiles = new Set(builtInRules.map((r) => resolve(rulesDir, `${r.meta.id}.ts`)));
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []));
    const offending: string[] = [];
    for (const file of sources(rulesDir)) {
      if (file === join(rulesDir, 'index.ts')) continue; // the list of built-in rules
      for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gm)) {
        const target = resolve(dirname(file), m[1].replace(/\.js$/, '.ts'));
        if (ruleFiles.has(target)) offending.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('files that are not linted still exist for the project', () => {
  const tf = `resource "genesyscloud_flow" "support" {\n  filepath = "\${path.module}/support.yaml"\n}\n`;
  const flow = 'inboundCall:\n  name: Support\n  defaultLanguage: en-us\n';
  const filepathFindings = async (flowInput: { path: string; text?: string; readError?: string }, config = {}) => {
    // Another flow is read, so the rule knows flows were given to it (it is quiet when none were).
    const results = await defaultLinter.lintFilesAsync([{ path: 'infra/main.tf', text: tf }, flowInput, { path: 'infra/other.yaml', text: flow }], { config, isTarget: (p) => p === 'infra/main.tf' });
    return results[0].messages.filter((m) => m.ruleId === 'terraform/flow-filepath').map((m) => m.message);
  };

  it('a flow the config ignores, one too large and one that could not be read are not "missing"', async () => {
    expect(await filepathFindings({ path: 'infra/elsewhere.yaml', text: flow })).toHaveLength(1); // the rule does report a missing file
    expect(await filepathFindings({ path: 'infra/support.yaml', text: flow }, { ignore: ['infra/support.yaml'] })).toEqual([]);
    expect(await filepathFindings({ path: 'infra/support.yaml', readError: 'Permission denied.' })).toEqual([]);
    const results = await defaultLinter.lintFilesAsync([{ path: 'infra/main.tf', text: tf }, { path: 'infra/support.yaml', text: `${flow}  description: ${'x'.repeat(200)}\n` }, { path: 'infra/other.yaml', text: flow }], { maxFileSize: 150 });
    expect(results[1].messages[0]?.message).toMatch(/over the 150 B limit/);
    expect(results[0].messages.filter((m) => m.ruleId === 'terraform/flow-filepath')).toEqual([]);
  });
});
