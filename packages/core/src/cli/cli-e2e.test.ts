/**
 * The `cxlint` command end to end: the real bin (`packages/core/bin/cxlint.js` → `dist/`), spawned on temporary
 * folders, checked by exit code and output. Needs `npm run build` first (turbo's `test` depends on `build`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flowWith, setData } from '../testing/flow-fixtures.js';
import { DIST, showRun, spawnCxlint, type Run } from '../testing/spawn-cli.js';

interface JsonMessage { ruleId: string | null; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; fix?: { range: [number, number]; text: string }; suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[]; fatal?: boolean }
interface JsonResult { filePath: string; messages: JsonMessage[]; errorCount: number; warningCount: number }

const cxlint = (cwd: string, ...args: string[]): Run => spawnCxlint(cwd, args);
const show = showRun;
function codeOf(run: Run): [number | null, string] {
  return [run.code, show(run)];
}

function json(run: Run): JsonResult[] {
  try {
    return JSON.parse(run.stdout) as JsonResult[];
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary repository (it has `.git`, so config lookup stops there) with the given files. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cxlint-e2e-'));
  dirs.push(root);
  mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// Only the participant-data rules, so other areas' rules cannot change these exit codes.
const PD_ONLY = [
  'extends: []',
  'rules:',
  '  participant-data/literal-key: error',
  '  participant-data/key-looks-like-variable: warn',
  '  participant-data/value-type: warn',
  '',
].join('\n');
const CLEAN = flowWith(setData('name:\n  lit: phoneNumber\nvalue:\n  exp: ToPhoneNumber(Call.Ani).e164'));
const ERROR = flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"'));
const WARNING = flowWith(setData('name:\n  lit: Flow.userId\nvalue:\n  exp: Flow.userId'));

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build @cxlint/core first (npx turbo run build --filter=@cxlint/core)`);
});

// Each spawn starts Node and loads the engine; on a busy 2-core machine that is seconds, not milliseconds.
const SLOW = { timeout: 120_000 };

describe('cxlint (spawned)', SLOW, () => {
  it('exits 0 on a clean repository', () => {
    const r = cxlint(repo({ '.cxlint.yml': PD_ONLY, 'flows/clean.yaml': CLEAN }), '.');
    expect(r.stderr).toBe('');
    expect(r.code, show(r)).toBe(0);
  });

  it('exits 1 on errors and prints them stylish by default', () => {
    const r = cxlint(repo({ '.cxlint.yml': PD_ONLY, 'flows/bad.yaml': ERROR }));
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toContain('flows/bad.yaml');
    expect(r.stdout).toMatch(/11:22\s+error\s+.*participant-data\/literal-key/);
  });

  it('exits 2 on bad usage', () => {
    const root = repo({ 'flows/clean.yaml': CLEAN });
    expect(...codeOf(cxlint(root, '--no-such-flag'))).toBe(2);
    const fmt = cxlint(root, '--format', 'xml');
    expect(fmt.code, show(fmt)).toBe(2);
    expect(fmt.stderr).toMatch(/unknown format "xml"/);
    const mw = cxlint(root, '--max-warnings', 'some');
    expect(mw.code, show(mw)).toBe(2);
    expect(mw.stderr).toMatch(/--max-warnings needs a whole number/);
    const missing = cxlint(root, 'nowhere');
    expect(missing.code, show(missing)).toBe(2);
    expect(missing.stderr).toMatch(/no such file or folder: nowhere/);
  });

  it('exits 2 on an invalid config, naming the file, line and bad key', () => {
    const r = cxlint(repo({ '.cxlint.yml': 'extends: []\nrules:\n  participant-data/literal-kee: error\n', 'flows/clean.yaml': CLEAN }));
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toMatch(/\.cxlint\.yml:3:3: Unknown rule `participant-data\/literal-kee` \(did you mean `participant-data\/literal-key`\?\)/);
  });

  it('--config uses the given file instead of the nearest one', () => {
    const root = repo({ '.cxlint.yml': PD_ONLY, 'other.yml': 'extends: []\n', 'flows/bad.yaml': ERROR });
    expect(...codeOf(cxlint(root))).toBe(1);
    expect(...codeOf(cxlint(root, '--config', 'other.yml'))).toBe(0);
  });

  it('--format json is ESLint\'s shape', () => {
    const results = json(cxlint(repo({ '.cxlint.yml': PD_ONLY, 'flows/bad.yaml': ERROR, 'flows/warn.yaml': WARNING }), '--format', 'json'));
    expect(results.map((r) => r.filePath)).toEqual(['flows/bad.yaml', 'flows/warn.yaml']);
    const [bad, warn] = results;
    expect(bad).toMatchObject({ errorCount: 1, warningCount: 0 });
    expect(warn).toMatchObject({ errorCount: 0, warningCount: 1 });
    const m = bad.messages[0];
    expect(m).toMatchObject({ ruleId: 'participant-data/literal-key', severity: 2, line: 11, column: 22, endLine: 11, endColumn: 52 });
    expect(typeof m.message).toBe('string');
    // A template key's literal name is a guess: a suggestion, never a fix.
    expect(m.fix).toBeUndefined();
    expect(m.suggestions?.[0]).toMatchObject({ desc: expect.any(String), fix: { range: expect.any(Array), text: expect.any(String) } });
    expect(warn.messages[0]).toMatchObject({ ruleId: 'participant-data/key-looks-like-variable', severity: 1 });
    expect(warn.messages[0].fix).toBeUndefined();
    expect(m).not.toHaveProperty('range'); // offsets live in fix ranges only, as in ESLint
  });

  it('--quiet reports errors only, and warnings alone then exit 0', () => {
    const root = repo({ '.cxlint.yml': PD_ONLY, 'flows/bad.yaml': ERROR, 'flows/warn.yaml': WARNING });
    const r = json(cxlint(root, '--format', 'json', '--quiet'));
    expect(r.flatMap((x) => x.messages.map((m) => m.severity))).toEqual([2]);
    const onlyWarnings = repo({ '.cxlint.yml': PD_ONLY, 'flows/warn.yaml': WARNING });
    const q = cxlint(onlyWarnings, '--quiet');
    expect(q.code, show(q)).toBe(0);
    expect(q.stdout).not.toContain('key-looks-like-variable');
  });

  it('--max-warnings fails the run only above the limit', () => {
    const root = repo({ '.cxlint.yml': PD_ONLY, 'a.yaml': WARNING, 'b.yaml': WARNING });
    expect(...codeOf(cxlint(root))).toBe(0);
    expect(...codeOf(cxlint(root, '--max-warnings', '2'))).toBe(0);
    const over = cxlint(root, '--max-warnings', '1');
    expect(over.code, show(over)).toBe(1);
    expect(over.stderr).toMatch(/too many warnings \(maximum: 1\)/);
  });

  it('skips .gitignore\'d files and node_modules when walking folders', () => {
    const root = repo({
      '.cxlint.yml': PD_ONLY,
      '.gitignore': 'build/\n*.generated.yaml\n',
      'flows/bad.yaml': ERROR,
      'flows/x.generated.yaml': ERROR,
      'build/bad.yaml': ERROR,
      'node_modules/pkg/bad.yaml': ERROR,
      'flows/node_modules/bad.yaml': ERROR,
      'nested/.gitignore': 'local.yaml\n',
      'nested/local.yaml': ERROR,
      'nested/kept.yaml': ERROR,
    });
    expect(json(cxlint(root, '--format', 'json')).map((r) => r.filePath)).toEqual(['flows/bad.yaml', 'nested/kept.yaml']);
  });

  it('reports a broken file at its line and still lints the others', () => {
    const broken = 'inboundCall:\n  name: Broken\n  startUpTaskActions:\n    - setParticipantData:\n        name: [unclosed\n';
    const results = json(cxlint(repo({ '.cxlint.yml': PD_ONLY, 'flows/a-broken.yaml': broken, 'flows/b-bad.yaml': ERROR, 'actions/broken.json': '{"contract": {}, "config": {,}}' }), '--format', 'json'));
    const byPath = Object.fromEntries(results.map((r) => [r.filePath, r]));
    const yamlError = byPath['flows/a-broken.yaml'].messages[0];
    expect(yamlError).toMatchObject({ ruleId: null, severity: 2, fatal: true });
    expect(yamlError.message).toMatch(/^Parse error: /);
    expect(yamlError.line).toBeGreaterThanOrEqual(5);
    const jsonError = byPath['actions/broken.json'].messages[0];
    expect(jsonError).toMatchObject({ ruleId: null, fatal: true, line: 1, column: 29 });
    expect(byPath['flows/b-bad.yaml'].messages.map((m) => m.ruleId)).toEqual(['participant-data/literal-key']);
  });

  it('ignores YAML and JSON that are not ours', () => {
    const r = cxlint(repo({ '.cxlint.yml': PD_ONLY, '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'package.json': '{"name": "x"}', 'flows/clean.yaml': CLEAN }), '--format', 'json');
    expect(r.code, show(r)).toBe(0);
    expect(json(r).map((x) => x.filePath)).toEqual(['flows/clean.yaml']);
  });
});

describe('issues 2 and 12, done when: literal-key errors with suggestions (no guessed fix) in --format json', SLOW, () => {
  it('reports the seed\'s template key and an exp: key at the right lines, each with a suggestion and no fix', () => {
    const seed = [
      'inboundCall:',
      '  name: Web session',
      '  startUpTaskActions:',
      '    - setParticipantData:',
      '        name: Remember the web session',
      '        attributes:',
      '          - attribute:',
      '              name: {lit: "{{flow.input.userSessionId}}"}',
      '',
    ].join('\n');
    const expression = [
      'inboundCall:',
      '  name: Session id',
      '  startUpTaskActions:',
      '    - setParticipantData:',
      '        name: Save the session id',
      '        attributes:',
      '          - attribute:',
      '              name: {exp: Flow.userSessionId}',
      '              value: {exp: Call.Ani}',
      '',
    ].join('\n');
    // Default config (recommended): what a user gets with no .cxlint.yml.
    const root = repo({ 'flows/seed.yaml': seed, 'flows/expression.yaml': expression });
    const run = cxlint(root, '--format', 'json');
    expect(run.code, show(run)).toBe(1);
    const results = json(run);
    const literalKey = (path: string) => results.find((r) => r.filePath === path)!.messages.filter((m) => m.ruleId === 'participant-data/literal-key');
    const [s] = literalKey('flows/seed.yaml');
    const [e] = literalKey('flows/expression.yaml');
    expect(s).toMatchObject({ severity: 2, line: 8, column: 27, endLine: 8, endColumn: 57 });
    expect(e).toMatchObject({ severity: 2, line: 8, column: 27, endLine: 8, endColumn: 45 });
    const apply = (text: string, fix: { range: [number, number]; text: string }) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    expect(s.fix).toBeUndefined();
    expect(e.fix).toBeUndefined();
    // The flow declares no `Flow.userSessionId`, so the suggestion renames the key and leaves the value to a person.
    expect(apply(seed, s.suggestions![0].fix)).toBe(seed.replace('{lit: "{{flow.input.userSessionId}}"}', '{lit: userSessionId}'));
    expect(apply(expression, e.suggestions![0].fix)).toBe(expression.replace('{exp: Flow.userSessionId}', '{lit: userSessionId}'));
  });
});
