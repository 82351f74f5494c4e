import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fixPaths } from '../fix/fix-files.js';
import { lintFiles, lintFilesAsync } from '../lint.js';
import { parseFile } from '../parse/parse-file.js';
import { builtInRules } from '../rules/index.js';
import { defineRule, type Rule } from '../rules/rule.js';
import { stableText } from '../stable-digest.js';
import { cacheFilePath, FileCache } from './cache.js';
import { lintPaths } from './lint-paths.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function examplesCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'cxlint-cache-unit-'));
  dirs.push(root);
  cpSync(EXAMPLES, root, { recursive: true });
  return root;
}

/** A copy of examples/ linted once with `--cache`: the cache file is written. */
async function cachedExamples(): Promise<{ cwd: string; path: string }> {
  const cwd = examplesCopy();
  const path = cacheFilePath(undefined, cwd);
  const cache = FileCache.open(path, cwd, () => {});
  await lintPaths(['.'], { cwd, cache });
  expect(cache.save()).toBeUndefined();
  return { cwd, path };
}

/** The built-in rules, counting each run of a rule on a file (with the file's path), local and cross-file apart. */
function countingRules() {
  const runs = { local: [] as string[], cross: [] as string[] };
  const rules: Rule[] = builtInRules.map((r) => ({ ...r, check: (context) => { runs[r.meta.crossFile ? 'cross' : 'local'].push(context.file.path); return r.check(context); } }));
  return { rules, runs };
}

describe('the lint cache', () => {
  it('a warm run with nothing changed runs no rule that reads one file, and reuses cross-file findings', async () => {
    const cwd = examplesCopy();
    const path = cacheFilePath(undefined, cwd);
    const cold = countingRules();
    const first = FileCache.open(path, cwd, (m) => { throw new Error(m); });
    const coldRun = await lintPaths(['.'], { cwd, rules: cold.rules, cache: first });
    expect(first.save()).toBeUndefined();
    expect(cold.runs.local.length).toBeGreaterThan(0);

    const warm = countingRules();
    const warmRun = await lintPaths(['.'], { cwd, rules: warm.rules, cache: FileCache.open(path, cwd, (m) => { throw new Error(m); }) });
    expect(warmRun.results).toEqual(coldRun.results);
    expect(warm.runs.local).toEqual([]);
    // A few targets rerun, to build the project indexes the others' cached findings are checked against (once per run,
    // whatever the number of files); the rest reuse theirs.
    expect(new Set(warm.runs.cross).size).toBeLessThanOrEqual(new Set(cold.runs.cross).size / 2);
  });

  it('a file cached while it was only context (its own rules not run) is linted fully when it becomes a target', async () => {
    const cwd = examplesCopy();
    const path = cacheFilePath(undefined, cwd);
    const first = FileCache.open(path, cwd, (m) => { throw new Error(m); });
    // As the action does: the changed file is the target, the rest of the repository is read for the project.
    const one = countingRules();
    await lintPaths(['flows/support-inbound.yaml'], { cwd, contextPaths: ['.'], rules: one.rules, cache: first });
    expect(new Set(one.runs.local)).toEqual(new Set(['flows/support-inbound.yaml']));
    expect(first.save()).toBeUndefined();
    const all = await lintPaths(['.'], { cwd, cache: FileCache.open(path, cwd, (m) => { throw new Error(m); }) });
    expect(all.results).toEqual((await lintPaths(['.'], { cwd })).results);
    expect(all.results.some((r) => r.filePath !== 'flows/support-inbound.yaml' && r.messages.some((m) => !builtInRules.find((x) => x.meta.id === m.ruleId)?.meta.crossFile))).toBe(true);
  });

  it('a changed file is linted again; an unchanged one whose project facts are unchanged is not', async () => {
    const { cwd, path } = await cachedExamples();
    const flow = join(cwd, 'flows/support-inbound.yaml');
    writeFileSync(flow, readFileSync(flow, 'utf8').replace('tts: Thanks for calling support.', 'tts: Thank you for calling support.'));
    const warm = countingRules();
    await lintPaths(['.'], { cwd, rules: warm.rules, cache: FileCache.open(path, cwd, () => {}) });
    expect(new Set(warm.runs.local)).toEqual(new Set(['flows/support-inbound.yaml']));
    expect(warm.runs.cross).toContain('flows/support-inbound.yaml');
  });

  it('--fix lints again only the files a fix changed in the passes after the first', async () => {
    const cwd = examplesCopy();
    const counted = countingRules();
    const seen: number[] = [];
    const result = await fixPaths(['.'], { cwd, rules: counted.rules, write: false, onPass: () => { seen.push(counted.runs.local.length); } });
    expect(result.fixed.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    const fixedPaths = new Set(result.fixed.map((f) => f.filePath));
    const secondPass = counted.runs.local.slice(seen[1], seen[2]);
    expect(secondPass.length).toBeGreaterThan(0);
    expect(secondPass.filter((p) => !fixedPaths.has(p))).toEqual([]);
  });

  it('an unchanged Terraform file is not parsed warm, and is when a file it points at goes away', async () => {
    const { cwd, path } = await cachedExamples();
    const prepared: string[] = [];
    const { terraformParser } = await import('../parse/terraform.js');
    const prepare = terraformParser.prepare!;
    terraformParser.prepare = (file, text) => { prepared.push(file); return prepare(file, text); };
    try {
      const warm = FileCache.open(path, cwd, () => {});
      await lintPaths(['.'], { cwd, cache: warm });
      warm.save();
      expect(prepared).toEqual([]);
      unlinkSync(join(cwd, 'flows/order-status-bot.yaml'));
      const after = await lintPaths(['.'], { cwd, cache: FileCache.open(path, cwd, () => {}) });
      expect(prepared).toContain('terraform/main.tf');
      expect(after.results).toEqual((await lintPaths(['.'], { cwd })).results);
      expect(after.results.find((r) => r.filePath === 'terraform/main.tf')?.messages.map((m) => m.ruleId)).toContain('terraform/flow-filepath');
    } finally {
      terraformParser.prepare = prepare;
    }
  });

  it('a YAML file a genesyscloud_flow deploys (read as a flow) gives the same findings warm and cold', async () => {
    const cache = FileCache.inMemory('/repo');
    const tf = { path: 'main.tf', text: 'resource "genesyscloud_flow" "support" {\n  filepath = "flows/min.yaml"\n}\n' };
    const min = { path: 'flows/min.yaml', text: 'inboundcall:\n  name: Minimal\n' };
    const run = (inputs: { path: string; text: string }[], withCache = true) => lintFilesAsync(inputs, withCache ? { cache } : {});
    const cold = await run([tf, min], false);
    expect(cold.find((r) => r.filePath === 'flows/min.yaml')?.messages.map((m) => m.ruleId)).toEqual(['flow/flow-type-key']);
    expect(await run([tf, min])).toEqual(cold);
    expect(await run([tf, min])).toEqual(cold);
    // No longer deployed: not ours any more, warm as cold.
    const alone = await run([min], false);
    expect(alone[0].skipped).toBe('not-ours');
    expect(await run([min])).toEqual(alone);
  });

  it('a rule that reads every file\'s facts directly (project.facts) sees a file added in a warm run', () => {
    const counter = defineRule({
      meta: { id: 't/count', description: 'count', severity: 'error', kinds: ['flow'], crossFile: true, docs: { url: '', recommended: true }, messages: { m: 'The project holds {{n}} files.' } },
      check: (c) => c.report({ range: [0, 1], messageId: 'm', data: { n: c.project.facts.length } }),
    });
    const cache = FileCache.inMemory('/repo');
    const config = { extends: [] as [], rules: { 't/count': 'error' as const } };
    const flow = (name: string) => ({ path: `${name}.yaml`, text: `inboundCall:\n  name: ${name}\n` });
    const messageOf = (inputs: { path: string; text: string }[]) => lintFiles(inputs, { rules: [counter], config, cache, isTarget: (p) => p === 'a.yaml' })[0].messages[0].message;
    expect(messageOf([flow('a'), flow('b')])).toBe('The project holds 2 files.');
    expect(messageOf([flow('a'), flow('b'), flow('c')])).toBe('The project holds 3 files.');
    expect(messageOf([flow('a'), flow('b'), flow('c')])).toBe('The project holds 3 files.');
  });

  it('stable text keeps the order of Maps, Sets and keys, and stands a file for its path and text', () => {
    expect(stableText(new Map([['a', 1], ['b', 2]]))).not.toBe(stableText(new Map([['b', 2], ['a', 1]])));
    expect(stableText({ s: new Set([1, 2]) })).toBe(stableText({ s: new Set([1, 2]) }));
    expect(stableText([1, undefined])).not.toBe(stableText([1, null]));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(stableText(cyclic)).toContain('cycle');
    const a = parseFile('f.yaml', 'inboundCall:\n  name: A\n');
    expect(stableText({ file: a })).toBe(stableText({ file: parseFile('f.yaml', 'inboundCall:\n  name: A\n') }));
    expect(stableText({ file: a })).not.toBe(stableText({ file: parseFile('f.yaml', 'inboundCall:\n  name: B\n') }));
  });
});
