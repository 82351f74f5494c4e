/**
 * `--cache` end to end: the real bin spawned on copies of examples/ (and the corpus when present). A warm run must
 * give exactly what a fresh run without a cache gives, after every kind of edit a repository sees; the flags follow
 * ESLint's rules for where the cache file lives; a broken cache is a note, never a wrong or lost result.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIST, showRun, spawnCxlint, type Run } from '../testing/spawn-cli.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build @cxlint/core first (npx turbo run build --filter=@cxlint/core)`);
});

/** A temporary repository (`.git` stops config lookup there) holding a copy of `from`. */
function copyOf(from: string): string {
  const root = mkdtempSync(join(tmpdir(), 'cxlint-cache-'));
  dirs.push(root);
  mkdirSync(join(root, '.git'));
  cpSync(from, join(root, 'repo'), { recursive: true });
  return root;
}

const cxlint = (cwd: string, ...args: string[]): Run => spawnCxlint(cwd, args);

/** The report and exit code a run gives: what must not depend on the cache. */
function outcome(run: Run): { code: number | null; stdout: string } {
  return { code: run.code, stdout: run.stdout };
}

function edit(root: string, path: string, from: string | RegExp, to: string): void {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${path} changed nothing: ${String(from)} not found`);
  writeFileSync(file, next);
}

function rulesOf(run: Run, path: string): string[] {
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; line: number }[] }[];
  return (results.find((r) => r.filePath === path)?.messages ?? []).map((m) => `${m.ruleId}:${m.line}`);
}

describe('a warm --cache run gives what a fresh run gives, edit after edit', () => {
  it('examples/: cross-file findings appear and disappear as other files change', () => {
    const root = copyOf(EXAMPLES);
    const cacheFile = join(root, 'cache', 'cxlint.json');
    // The fresh run names another location: a run without --cache deletes the cache file it points at (ESLint).
    const fresh = () => cxlint(root, 'repo', '--format', 'json', '--cache-location', join(root, 'elsewhere'));
    const warm = () => cxlint(root, 'repo', '--format', 'json', '--cache', '--cache-location', cacheFile);
    const same = (step: string) => {
      const w = warm();
      expect(w.stderr, `${step}: ${showRun(w)}`).toBe('');
      expect(outcome(w), step).toEqual(outcome(fresh()));
      return w;
    };

    const cold = same('cold');
    expect(existsSync(cacheFile)).toBe(true);
    expect(rulesOf(cold, 'repo/flows/callback-inqueue.yaml')).toContain('participant-data/read-never-set:33');
    expect(rulesOf(cold, 'repo/flows/order-status-bot.yaml')).toEqual(expect.arrayContaining(['flow/substitution-undefined:3', 'call-data/contract:54']));
    same('unchanged');

    // Another flow now sets the key callback-inqueue reads: its read-never-set goes, though callback-inqueue is unchanged.
    edit(root, 'repo/flows/order-status-bot.yaml', 'lit: lookupAttempts', 'lit: orderNumbr');
    expect(rulesOf(same('a key set elsewhere'), 'repo/flows/callback-inqueue.yaml')).not.toContain('participant-data/read-never-set:33');

    // The data action's contract now declares the output the flow maps: the flow's call-data/contract finding goes.
    edit(root, 'repo/data-actions/Get-Order-Status.custom.json', /"status": \{\s*"type": "string"\s*\}/, '"status": { "type": "string" }, "estimatedDelivery": { "type": "string" }');
    expect(rulesOf(same('a data action contract'), 'repo/flows/order-status-bot.yaml')).not.toContain('call-data/contract:54');

    // Terraform now substitutes {{division}} for the flow: its substitution-undefined goes.
    edit(root, 'repo/terraform/main.tf', 'flow_name = "Order Status"', 'flow_name = "Order Status"\n    division  = "Home"');
    expect(rulesOf(same('a Terraform substitution'), 'repo/flows/order-status-bot.yaml')).not.toContain('flow/substitution-undefined:3');

    unlinkSync(join(root, 'repo/data-actions/Get-Order-Status.custom.json'));
    same('a data action deleted');

    writeFileSync(join(root, 'repo/flows/session-writer.yaml'), readFileSync(join(EXAMPLES, 'flows/support-inbound.yaml'), 'utf8').replace('lit: "{{flow.input.userSessionId}}"', 'lit: userSessionId'));
    expect(rulesOf(same('a flow added'), 'repo/flows/callback-inqueue.yaml')).not.toContain('participant-data/read-never-set:29');

    // The key is no longer set: the finding comes back from a warm run too.
    edit(root, 'repo/flows/order-status-bot.yaml', 'lit: orderNumbr', 'lit: lookupAttempts');
    expect(rulesOf(same('a key no longer set'), 'repo/flows/callback-inqueue.yaml')).toContain('participant-data/read-never-set:33');

    // examples/ has its own .cxlint.yml: the configs change there.
    writeFileSync(join(root, 'repo/.cxlint.yml'), 'extends: strict\nrules:\n  participant-data/read-never-set: off\n');
    expect(rulesOf(same('the config'), 'repo/flows/callback-inqueue.yaml')).not.toContain('participant-data/read-never-set:33');
    writeFileSync(join(root, 'repo/.cxlint.yml'), 'settings:\n  knownParticipantKeys: [orderNumbr]\n');
    expect(rulesOf(same('the project settings'), 'repo/flows/callback-inqueue.yaml')).not.toContain('participant-data/read-never-set:33');
  });

  it.skipIf(!existsSync(CORPUS))('the corpus: a deleted file, an edited flow, a strict config', () => {
    const root = copyOf(CORPUS);
    const cacheFile = join(root, 'cxlint-cache');
    const fresh = () => cxlint(root, 'repo', '--format', 'json', '--cache-location', join(root, 'elsewhere'));
    const warm = () => cxlint(root, 'repo', '--format', 'json', '--cache', '--cache-location', cacheFile);
    const same = (step: string) => {
      const w = warm();
      expect(w.stderr, step).toBe('');
      expect(outcome(w), step).toEqual(outcome(fresh()));
    };
    same('cold');
    same('unchanged');
    const flows = listFiles(join(root, 'repo')).filter((f) => /\.ya?ml$/.test(f) && /setParticipantData|getParticipantData/.test(readFileSync(f, 'utf8')));
    unlinkSync(flows[0]);
    same('a flow deleted');
    const text = readFileSync(flows[1], 'utf8');
    writeFileSync(flows[1], text.replace(/lit: ([A-Za-z_]+)/, 'lit: $1Renamed'));
    same('a key renamed');
    writeFileSync(join(root, '.cxlint.yml'), 'root: true\nextends: strict\n');
    same('a strict config');
  }, 120_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])).sort();
}

describe('--cache and --cache-location', () => {
  const ERROR_FLOW = readFileSync(join(EXAMPLES, 'flows/support-inbound.yaml'), 'utf8');
  const repo = () => {
    const root = mkdtempSync(join(tmpdir(), 'cxlint-cache-'));
    dirs.push(root);
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'flows'));
    writeFileSync(join(root, 'flows/inbound.yaml'), ERROR_FLOW);
    return root;
  };

  it('keeps .cxlintcache in the working folder, and a run without --cache deletes it, as ESLint does', () => {
    const root = repo();
    const first = cxlint(root, 'flows', '--cache');
    expect(first.code, showRun(first)).toBe(1);
    expect(existsSync(join(root, '.cxlintcache'))).toBe(true);
    const second = cxlint(root, 'flows', '--cache');
    expect(outcome(second)).toEqual(outcome(first));
    const plain = cxlint(root, 'flows');
    expect(plain.code).toBe(1);
    expect(existsSync(join(root, '.cxlintcache'))).toBe(false);
  });

  it('a --stdin run without --cache leaves the cache file alone (ESLint #6459: an editor piping a buffer must not delete the CLI\'s cache)', () => {
    const root = repo();
    expect(cxlint(root, 'flows', '--cache').code).toBe(1);
    const before = readFileSync(join(root, '.cxlintcache'), 'utf8');
    const piped = spawnCxlint(root, ['--stdin', '--stdin-filename', 'flows/inbound.yaml'], { input: ERROR_FLOW });
    expect(piped.code, showRun(piped)).toBe(1);
    expect(existsSync(join(root, '.cxlintcache')), 'the cache file is still there').toBe(true);
    expect(readFileSync(join(root, '.cxlintcache'), 'utf8')).toBe(before);
  });

  it('puts the cache in a folder under a name made from the working folder when the location is a folder or ends with /', () => {
    const root = repo();
    const run = cxlint(root, 'flows', '--cache', '--cache-location', 'caches/');
    expect(run.code, showRun(run)).toBe(1);
    const inside = readdirSync(join(root, 'caches'));
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatch(/^\.cxlintcache_[0-9a-f]{16}$/);
    // An existing folder without the trailing separator is a folder too; the same working folder gives the same name.
    mkdirSync(join(root, 'existing'));
    cxlint(root, 'flows', '--cache', '--cache-location', 'existing');
    expect(readdirSync(join(root, 'existing'))).toEqual(inside);
    // Anything else is the file itself.
    cxlint(root, 'flows', '--cache', '--cache-location', 'my-cache.json');
    expect(statSync(join(root, 'my-cache.json')).isFile()).toBe(true);
  });

  it('ignores a corrupt, truncated or foreign cache with one note, and the run is a correct cold run', () => {
    const root = repo();
    const cold = cxlint(root, 'flows', '--format', 'json', '--cache');
    const good = readFileSync(join(root, '.cxlintcache'), 'utf8');
    // The built CLI names its build (a digest of its code) beside the version: a build between releases is not the same cxlint.
    expect(good.slice(0, good.indexOf('\n'))).toMatch(/"cxlint":"\d+\.\d+\.\d+\+[0-9a-f]{16}"/);
    for (const [what, text] of [
      ['truncated', good.slice(0, good.length >> 1)],
      // Cut after a whole line: every line left parses, only the header's count of entries tells.
      ['cut after a line', good.slice(0, good.indexOf('\n') + 1)],
      ['not JSON', '\u0000\u0001garbage'],
      ['another version', good.replace(/"cxlint":"[^"]*"/, '"cxlint":"0.0.0-other"')],
      ['another build of this version', good.replace(/"cxlint":"([^"+]*)\+[0-9a-f]+"/, '"cxlint":"$1+0000000000000000"')],
    ] as const) {
      writeFileSync(join(root, '.cxlintcache'), text);
      const run = cxlint(root, 'flows', '--format', 'json', '--cache');
      expect(outcome(run), what).toEqual(outcome(cold));
      const notes = run.stderr.trim().split('\n');
      expect(notes, what).toHaveLength(1);
      expect(notes[0], what).toMatch(/^cxlint: note: the cache file .*\.cxlintcache .*ignoring it/);
      // The run wrote a good cache again.
      expect(cxlint(root, 'flows', '--format', 'json', '--cache').stderr, what).toBe('');
    }
  });

  it('a cache that cannot be written is a note; the results and the exit code are those of the run', () => {
    const root = repo();
    writeFileSync(join(root, 'a-file'), 'not a folder');
    const run = cxlint(root, 'flows', '--format', 'json', '--cache', '--cache-location', 'a-file/cache');
    expect(outcome(run)).toEqual(outcome(cxlint(root, 'flows', '--format', 'json')));
    expect(run.stderr).toMatch(/^cxlint: note: could not write the cache file .*a-file\/cache \((EEXIST|ENOTDIR)\)[^\n]*\n$/);
  });

  it('offers the content strategy only, and --help lists the flags', () => {
    const root = repo();
    expect(cxlint(root, 'flows', '--cache', '--cache-strategy', 'content').code).toBe(1);
    const metadata = cxlint(root, 'flows', '--cache', '--cache-strategy', 'metadata');
    expect(metadata.code).toBe(2);
    expect(metadata.stderr).toMatch(/--cache-strategy "metadata" is not supported/);
    const help = cxlint(root, '--help').stdout;
    for (const flag of ['--cache ', '--cache-location', '--cache-strategy']) expect(help).toContain(flag);
  });
});
