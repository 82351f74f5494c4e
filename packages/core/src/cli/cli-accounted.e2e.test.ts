/**
 * Issue 11, "nothing silent": every case through the real `cxlint` spawned as a process, exit code and message
 * asserted. Unreadable files are tested as a non-root user (root reads a chmod-000 file anyway): as root, the
 * CLI is run through `setpriv` as `nobody` (from a world-readable copy when the clone is in a folder `nobody` cannot
 * enter, as a CI clone may be); where even that is impossible those tests are skipped, saying why.
 * Needs `npm run build` first (turbo's `test` depends on `build`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowWith, setData } from '../testing/flow-fixtures.js';
import { BIN, DIST, plainEnv, showRun, spawnCxlint, type Run } from '../testing/spawn-cli.js';
import { nonRootCli } from '../testing/non-root.js';
import { tempDirs } from '../testing/temp-dirs.js';

const tempDir = tempDirs();

interface JsonResult { filePath: string; messages: { ruleId: string | null; severity: number; message: string; line: number; fatal?: boolean; suggestions?: unknown[] }[]; errorCount: number }

const CONFIG = ['extends: []', 'rules:', '  participant-data/literal-key: error', '  flow/flow-type-key: error', ''].join('\n');
const BAD_KEY = flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"\nvalue:\n  lit: x'));
/** A key that `--fix` repairs with certainty (a constant expression), for the tests that need a fix to be written. */
const FIXABLE_KEY = flowWith(setData('name:\n  exp: "\\"customerId\\""\nvalue:\n  lit: x'));

/** A temporary repository (`.git` stops config lookup) that the `nobody` user can read: 0755 folders, 0644 files. */
function repo(files: Record<string, string | Buffer>): string {
  const root = tempDir(join(tmpdir(), 'cxlint-accounted-'));
  chmodSync(root, 0o755);
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.cxlint.yml'), CONFIG);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true, mode: 0o755 });
    writeFileSync(join(root, path), text, { mode: 0o644 });
  }
  return root;
}

const cxlint = (cwd: string, ...args: string[]): Run => spawnCxlint(cwd, args);

function json(run: Run): JsonResult[] {
  try {
    return JSON.parse(run.stdout) as JsonResult[];
  } catch {
    throw new Error(`not JSON:\n${showRun(run)}`);
  }
}
const byPath = (run: Run) => new Map(json(run).map((r) => [r.filePath, r]));
const rulesOf = (r: JsonResult | undefined) => (r?.messages ?? []).map((m) => m.ruleId);

const asUser = nonRootCli();
const USER_NOTE = 'skip' in asUser ? ` [SKIPPED: ${asUser.skip}]` : '';
const asNobody = (cwd: string, ...args: string[]) => spawnCxlint(cwd, args, 'skip' in asUser ? {} : asUser);

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build @cxlint/core first (npx turbo run build --filter=@cxlint/core)`);
});

const SLOW = { timeout: 120_000 };

describe('files that cannot be read fail the run (exit 2)', SLOW, () => {
  it.skipIf('skip' in asUser)(`an unreadable file in a folder walk is reported with the OS error, the others still linted${USER_NOTE}`, () => {
    const dir = repo({ 'flows/locked.yaml': BAD_KEY, 'flows/open.yaml': BAD_KEY });
    chmodSync(join(dir, 'flows/locked.yaml'), 0o000);
    const run = asNobody(dir, '--format', 'json', 'flows');
    expect(run.code, showRun(run)).toBe(2);
    const results = byPath(run);
    expect(results.get('flows/locked.yaml')?.messages[0]).toMatchObject({ fatal: true, severity: 2, message: 'Cannot read file: EACCES (permission denied).' });
    expect(rulesOf(results.get('flows/open.yaml'))).toEqual(['participant-data/literal-key']);
    expect(run.stderr).toContain('cxlint: flows/locked.yaml could not be read: nothing in it was checked, so the run fails');
  });

  it.skipIf('skip' in asUser)(`an unreadable folder is reported, never passed over as empty${USER_NOTE}`, () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY, 'private/b.yaml': BAD_KEY });
    chmodSync(join(dir, 'private'), 0o000);
    const run = asNobody(dir, '--format', 'json', '.');
    chmodSync(join(dir, 'private'), 0o755);
    expect(run.code, showRun(run)).toBe(2);
    expect(byPath(run).get('private')?.messages[0].message).toBe('Cannot read folder: EACCES (permission denied); the files in it are not linted.');
    expect(run.stderr).toContain('cxlint: private could not be read');
    // A file named inside it cannot even be looked at: reported as such, not as "no such file".
    chmodSync(join(dir, 'private'), 0o000);
    const named = asNobody(dir, '--format', 'json', 'private/b.yaml');
    chmodSync(join(dir, 'private'), 0o755);
    expect(named.code, showRun(named)).toBe(2);
    expect(byPath(named).get('private/b.yaml')?.messages[0].message).toBe('Cannot read: EACCES (permission denied).');
  });

  it.skipIf('skip' in asUser)(`an unreadable file or folder that the config ignores is not read, so it does not fail the run${USER_NOTE}`, () => {
    const dir = repo({ 'flows/open.yaml': BAD_KEY, 'secret/x.yaml': BAD_KEY, 'locked/y.yaml': BAD_KEY, '.cxlint.yml': `${CONFIG}ignore:\n  - secret/**\n` });
    chmodSync(join(dir, 'secret/x.yaml'), 0o000);
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const ignored = asNobody(dir, '--format', 'json', '--ignore-pattern', 'locked/**', '.');
      expect(ignored.code, showRun(ignored)).toBe(1);
      expect(json(ignored).map((r) => r.filePath)).toEqual(['flows/open.yaml']);
      expect(ignored.stderr).toBe('');
      // Not ignored (--no-ignore): both are reported, and the run fails.
      const all = asNobody(dir, '--format', 'json', '--no-ignore', '.');
      expect(all.code, showRun(all)).toBe(2);
      expect(all.stderr).toContain('cxlint: 2 files or folders could not be read (locked, secret/x.yaml)');
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it.skipIf('skip' in asUser)(`-o onto a file or into a folder the user may not write: exit 2 naming the path, before linting${USER_NOTE}`, () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY, 'report.txt': '' }); // root's, 0644; the folder 0755
    const file = asNobody(dir, '-o', 'report.txt', 'flows');
    expect(file.code, showRun(file)).toBe(2);
    expect(file.stderr).toBe('cxlint: cannot write the report to report.txt: cannot write to it: EACCES (permission denied)\n');
    const folder = asNobody(dir, '-o', 'new.txt', 'flows');
    expect(folder.code, showRun(folder)).toBe(2);
    expect(folder.stderr).toBe(`cxlint: cannot write the report to new.txt: cannot create a file in ${dir}: EACCES (permission denied)\n`);
  });

  it.skipIf('skip' in asUser)(`--fix that cannot write reports the original findings, the file and the OS error; exit 2${USER_NOTE}`, () => {
    // Owned by root, 0644: the `nobody` user reads it but cannot write it (another owner).
    const dir = repo({ 'flows/a.yaml': FIXABLE_KEY });
    const run = asNobody(dir, '--fix', '--format', 'json', 'flows/a.yaml');
    expect(run.code, showRun(run)).toBe(2);
    expect(run.stderr).toContain('cxlint: could not write the fixes to flows/a.yaml: EACCES (permission denied); the file is unchanged');
    // The finding that is still on disk is reported, not the fixed text's (clean) result.
    const [result] = json(run);
    expect(result.messages.map((m) => m.ruleId)).toEqual(['participant-data/literal-key']);
    expect(readFileSync(join(dir, 'flows/a.yaml'), 'utf8')).toBe(FIXABLE_KEY);
  });
});

describe('paths that are neither file nor folder', SLOW, () => {
  it('a named pipe (FIFO) named on the command line is exit 2 saying what it is, never "nothing found", and never blocks', () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY });
    const made = spawnSync('mkfifo', [join(dir, 'flows/pipe.yaml')]);
    expect(made.status, String(made.stderr)).toBe(0);
    const run = cxlint(dir, '--format', 'json', 'flows/pipe.yaml', 'flows/a.yaml');
    expect(run.code, showRun(run)).toBe(2);
    const results = byPath(run);
    expect(results.get('flows/pipe.yaml')?.messages[0]).toMatchObject({
      fatal: true,
      message: 'Cannot read: it is a named pipe (FIFO), not a file or folder; cxlint lints files and folders (text from a pipe: --stdin --stdin-filename <path>).',
    });
    expect(rulesOf(results.get('flows/a.yaml'))).toEqual(['participant-data/literal-key']);
    expect(run.stderr).toBe('cxlint: flows/pipe.yaml could not be read: nothing in it was checked, so the run fails\n');
    // Met in a folder walk, a pipe is not a file of ours: skipped (with --debug saying so), and the walk does not hang.
    const walk = cxlint(dir, '--debug', 'flows');
    expect(walk.code, showRun(walk)).toBe(1);
    expect(walk.stderr).toContain('cxlint: debug: flows/pipe.yaml: skipped: not a regular file');
  });

  it('symbolic links: to a flow, linted (named or in a walk); looping or broken, reported with the OS error (exit 2); to a folder, not followed', () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY, 'shared/main.yaml': BAD_KEY });
    symlinkSync('b.yaml', join(dir, 'flows/loop.yaml'));
    symlinkSync('loop.yaml', join(dir, 'flows/b.yaml'));
    symlinkSync('../shared/main.yaml', join(dir, 'flows/current.yaml'));
    symlinkSync('.', join(dir, 'flows/self'));
    const named = cxlint(dir, '--format', 'json', 'flows/loop.yaml');
    expect(named.code, showRun(named)).toBe(2);
    expect(byPath(named).get('flows/loop.yaml')?.messages[0].message).toBe('Cannot read: ELOOP (too many symbolic links).');
    const walk = cxlint(dir, '--debug', '--format', 'json', 'flows');
    expect(walk.code, showRun(walk)).toBe(2);
    const results = byPath(walk);
    expect([...results.keys()]).toEqual(['flows/a.yaml', 'flows/b.yaml', 'flows/current.yaml', 'flows/loop.yaml']);
    expect(rulesOf(results.get('flows/current.yaml'))).toEqual(['participant-data/literal-key']);
    expect(results.get('flows/loop.yaml')?.messages[0]).toMatchObject({ fatal: true, message: 'Cannot read file: ELOOP (too many symbolic links).' });
    expect(walk.stderr).toContain('cxlint: 2 files or folders could not be read (flows/b.yaml, flows/loop.yaml)');
    expect(walk.stderr).toContain('cxlint: debug: flows/current.yaml: linted as flow (found in a folder, a symbolic link)');
    expect(walk.stderr).toContain('cxlint: debug: flows/self: skipped: symbolic link to a folder (not followed)');
    // A broken link is not "no such file": it is there, and leads nowhere.
    const other = repo({});
    mkdirSync(join(other, 'flows'), { mode: 0o755 });
    symlinkSync('nowhere.yaml', join(other, 'flows/broken.yaml'));
    for (const path of ['flows/broken.yaml', 'flows']) {
      const run = cxlint(other, '--format', 'json', path);
      expect(run.code, showRun(run)).toBe(2);
      expect(byPath(run).get('flows/broken.yaml')?.messages[0].message).toMatch(/^Cannot read( file)?: ENOENT/);
      expect(run.stderr).toBe('cxlint: flows/broken.yaml could not be read: nothing in it was checked, so the run fails\n');
    }
  });
});

describe('text encodings', SLOW, () => {
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BAD_KEY, 'utf16le')]);
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(BAD_KEY, 'utf16le').swap16()]);
  const utf32le = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...Array.from(BAD_KEY, (ch) => { const b = Buffer.alloc(4); b.writeUInt32LE(ch.codePointAt(0)!); return b; })]);

  it('UTF-16 and UTF-32 with a byte-order mark are decoded and linted, named or found in a folder', () => {
    const dir = repo({ 'flows/le.yaml': utf16le, 'flows/be.yaml': utf16be, 'flows/u32.yaml': utf32le });
    for (const args of [['flows'], ['flows/le.yaml', 'flows/be.yaml', 'flows/u32.yaml']]) {
      const run = cxlint(dir, '--format', 'json', ...args);
      expect(run.code, showRun(run)).toBe(1);
      const results = byPath(run);
      for (const f of ['flows/le.yaml', 'flows/be.yaml', 'flows/u32.yaml']) {
        expect(results.get(f)?.messages.map((m) => [m.ruleId, m.line]), f).toEqual([['participant-data/literal-key', 11]]);
      }
    }
  });

  it('--fix writes a UTF-16 file back as UTF-16 with its byte-order mark', () => {
    const dir = repo({ 'flows/le.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE_KEY, 'utf16le')]) });
    const run = cxlint(dir, '--fix', 'flows/le.yaml');
    expect(run.stderr, showRun(run)).toBe('');
    const bytes = readFileSync(join(dir, 'flows/le.yaml'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(new TextDecoder('utf-16le').decode(bytes)).toContain('lit: customerId');
  });

  it('UTF-16 without a byte-order mark is reported ("save as UTF-8"), in a walk too', () => {
    const dir = repo({ 'flows/nobom.yaml': Buffer.from(BAD_KEY, 'utf16le') });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    expect(byPath(run).get('flows/nobom.yaml')?.messages[0].message).toMatch(/^File looks like UTF-16 saved without a byte-order mark; save it as UTF-8/);
  });
});

describe('files that are ours in all but spelling', SLOW, () => {
  it('a quoted flow-type key is linted as a flow', () => {
    const dir = repo({ 'flows/q.yaml': BAD_KEY.replace(/^inboundCall:/, '"inboundCall":') });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    expect(rulesOf(byPath(run).get('flows/q.yaml'))).toEqual(['participant-data/literal-key']);
  });

  it('a wrongly cased or misspelt flow-type key is an error that says what Archy does, and the flow is linted', () => {
    const dir = repo({ 'flows/cased.yaml': BAD_KEY.replace(/^inboundCall:/, 'InboundEmail:'), 'flows/typo.yaml': BAD_KEY.replace(/^inboundCall:/, 'outboundCal:') });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    const cased = byPath(run).get('flows/cased.yaml')!;
    expect(rulesOf(cased)).toEqual(['flow/flow-type-key', 'participant-data/literal-key']);
    expect(cased.messages[0].message).toBe('`InboundEmail` is not an Archy flow type: flow types are case-sensitive, and this flow is `inboundEmail`. Archy does not recognise the file as a flow, so it is not published; write `inboundEmail`.');
    const typo = byPath(run).get('flows/typo.yaml')!;
    expect(typo.messages[0].message).toMatch(/^`outboundCal` is not an Archy flow type \(did you mean `outboundCall`\?\)/);
    expect(typo.messages[0].suggestions).toHaveLength(1);
  });

  it('a file a genesyscloud_flow deploys is a flow even without a flow\'s shape', () => {
    const dir = repo({ 'main.tf': 'resource "genesyscloud_flow" "support" {\n  filepath = "flows/min.yaml"\n}\n', 'flows/min.yaml': 'inboundcall:\n  name: Minimal\n' });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    expect(rulesOf(byPath(run).get('flows/min.yaml'))).toEqual(['flow/flow-type-key']);
  });

  it('--fix corrects the case of a flow-type key (certain), not a misspelling (a guess)', () => {
    const dir = repo({ 'flows/cased.yaml': BAD_KEY.replace(/^inboundCall:/, 'InboundCall:'), 'flows/typo.yaml': BAD_KEY.replace(/^inboundCall:/, 'outboundCal:') });
    cxlint(dir, '--fix', '.');
    expect(readFileSync(join(dir, 'flows/cased.yaml'), 'utf8')).toMatch(/^inboundCall:\n/);
    expect(readFileSync(join(dir, 'flows/typo.yaml'), 'utf8')).toMatch(/^outboundCal:\n/);
  });

  it('a data-action JSON whose root is an array gets a finding', () => {
    const dir = repo({ 'actions/all.json': JSON.stringify([{ name: 'A', contract: {}, config: {} }, { name: 'B', contract: {}, config: {} }]) });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    expect(byPath(run).get('actions/all.json')?.messages[0].message).toMatch(/A data action file holds one data action, a JSON object with `contract` and `config`; this file's root is an array of 2 items/);
  });

  it('a multi-document YAML file gets our message, not a parser library\'s advice', () => {
    const dir = repo({ 'flows/three.yaml': `${BAD_KEY}---\n${BAD_KEY}---\n${BAD_KEY}` });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(run.code, showRun(run)).toBe(1);
    const [m] = byPath(run).get('flows/three.yaml')!.messages;
    expect(m.message).toBe(`Parse error: a flow file holds one YAML document; this one has 3 (the second starts at line ${BAD_KEY.split('\n').length}). Archy publishes one flow per file: split it into one file per flow.`);
    expect(m.message).not.toMatch(/parseAllDocuments/);
  });

  it('YAML merge keys resolve as YAML defines them (no false "missing name")', () => {
    const flow = [
      'inboundCall:', '  name: Merge', '  defaultLanguage: en-us', '  startUpRef: ./menus/menu[main]', '  variables:',
      '    - stringVariable: &text', '        name: Flow.greeting', '        initialValue:', '          lit: hi',
      '    - stringVariable:', '        <<: *text', '        initialValue:', '          lit: bye', '',
    ].join('\n');
    const dir = repo({ 'flows/merge.yaml': flow, '.cxlint.yml': 'extends: []\nrules:\n  flow/schema: error\n' });
    const run = cxlint(dir, '--format', 'json', '.');
    expect(json(run).flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
    expect(run.code, showRun(run)).toBe(0);
  });
});

describe('paths, globs and what a walk found', SLOW, () => {
  it('an empty folder, or one with nothing of ours, says so on stderr', () => {
    const dir = repo({ 'empty/.keep': '', 'other/ci.yml': 'on: push\n' });
    for (const folder of ['empty', 'other']) {
      const run = cxlint(dir, folder);
      expect(run.code, showRun(run)).toBe(0);
      expect(run.stderr).toBe(`cxlint: no flow, data action or Terraform files found under ${folder}\n`);
    }
    writeFileSync(join(dir, '.cxlint.yml'), `${CONFIG}ignore:\n  - gen/**\n`);
    mkdirSync(join(dir, 'gen'));
    writeFileSync(join(dir, 'gen/a.yaml'), BAD_KEY);
    const ignored = cxlint(dir, 'gen');
    expect(ignored.code, showRun(ignored)).toBe(0);
    expect(ignored.stderr).toBe("cxlint: no flow, data action or Terraform files found under gen (1 file is ignored by the config's `ignore`)\n");
  });

  it('quoted globs are expanded by cxlint; a glob or a path that matches nothing is exit 2', () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY, 'flows/b.yml': BAD_KEY, 'flows/sub/c.yaml': BAD_KEY });
    const run = cxlint(dir, '--format', 'json', 'flows/**/*.yaml');
    expect(run.code, showRun(run)).toBe(1);
    expect(json(run).map((r) => r.filePath)).toEqual(['flows/a.yaml', 'flows/sub/c.yaml']);
    const none = cxlint(dir, 'flows/*.json');
    expect(none.code, showRun(none)).toBe(2);
    expect(none.stderr).toBe('cxlint: no file matches the pattern: flows/*.json\n');
    const typo = cxlint(dir, 'flow');
    expect(typo.code, showRun(typo)).toBe(2);
    expect(typo.stderr).toBe('cxlint: no such file or folder: flow\n');
  });

  it('--debug lists every file considered and why it was linted or skipped', () => {
    const dir = repo({ 'flows/a.yaml': BAD_KEY, 'flows/notes.txt': 'x', 'ci/build.yml': 'on: push\n', 'gen/x.yaml': BAD_KEY, '.gitignore': 'gen/\n' });
    const run = cxlint(dir, '--debug', '.');
    expect(run.code, showRun(run)).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines).toContain('cxlint: debug: flows/a.yaml: linted as flow (found in a folder)');
    expect(lines).toContain('cxlint: debug: flows/notes.txt: skipped: not .yaml, .yml, .json or .tf');
    expect(lines).toContain(`cxlint: debug: gen: skipped: ignored by ${join(dir, '.gitignore')}`);
    expect(lines.find((l) => l.startsWith('cxlint: debug: ci/build.yml: '))).toMatch(/skipped: not a flow, data action or Terraform file/);
    expect(lines).toContain(`cxlint: debug: config ${join(dir, '.cxlint.yml')}`);
  });
});

describe('output that never fails', SLOW, () => {
  it('stylish cuts long lines: a 4 MB one-line data action with two findings prints a few kB', () => {
    const action = JSON.parse(readFileSync(new URL('../../../../examples/data-actions/Create-Support-Ticket.custom.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const contract = action.contract as { input: { inputSchema: { description?: string } } };
    contract.input.inputSchema.description = 'a'.repeat(4 * 1024 * 1024);
    const config = action.config as { request: { requestTemplate: string } };
    config.request.requestTemplate = '{"subject": "${input.subject}", "customerEmail": "${input.customerEmail}"}';
    const dir = repo({ 'actions/one-line.custom.json': JSON.stringify(action), '.cxlint.yml': 'extends: []\nrules:\n  data-action/json-escape: warn\n' });
    const run = cxlint(dir, '.');
    expect(run.code, showRun(run)).toBe(0);
    expect(run.stdout).toContain('2 problems (0 errors, 2 warnings)');
    expect(run.stdout.length).toBeLessThan(8000);
    expect(run.stdout).toMatch(/> 1 \| …/);
  });

  it('a 4.7 MB one-line flow with 300 findings: every format prints every finding', () => {
    const attributes = Array.from({ length: 300 }, (_, i) => `{attribute: {name: {lit: "{{flow.input.k${i}}}"}, value: {lit: v}}}`).join(', ');
    const flow = `inboundCall: {name: Big, description: "${'d'.repeat(4.6 * 1024 * 1024)}", startUpRef: "./menus/menu[main]", startUpTaskActions: [{setParticipantData: {name: S, attributes: [${attributes}]}}]}`;
    const dir = repo({ 'flows/big.yaml': flow });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const run = cxlint(dir, '--format', format, '.');
      expect(run.code, `${format}\n${run.stderr}`).toBe(1);
      expect(run.stderr, format).toBe('');
      expect(run.stdout.length, format).toBeLessThan(2_000_000);
      if (format === 'json') expect(json(run)[0].errorCount).toBe(300);
      if (format === 'stylish') expect(run.stdout).toContain('300 problems (300 errors, 0 warnings)');
    }
  });

  it('a closed stdout (`cxlint flows | head -1`) ends quietly, with the exit code of the run', () => {
    const dir = repo(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`flows/f${i}.yaml`, BAD_KEY])));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" flows | head -1`], { cwd: dir, encoding: 'utf8', env: plainEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('\n');
    expect(r.status).toBe(1);
  });
});

describe('user mistakes are exit 2 with the file, line and key — never "please report it"', SLOW, () => {
  const dir = () => repo({ 'flows/a.yaml': BAD_KEY, 'actions/x.custom.json': '{}' });
  const cases: [string, string, RegExp][] = [
    ['an invalid regular expression option', 'rules:\n  data-action/json-escape: [error, {idPattern: "("}]\n', /bad\.yml:2:\d+: Options of `data-action\/json-escape`: `idPattern` is not a valid regular expression \(Invalid regular expression: \/\(\/: Unterminated group\)/],
    ['options on a rule that takes none', 'rules:\n  flow/ref-resolves: [error, {strict: true}]\n', /bad\.yml:2:\d+: Options of `flow\/ref-resolves`: this rule takes no options/],
    ['an invalid override glob', 'overrides:\n  - files: ["flows/[unclosed"]\n    rules:\n      flow/schema: off\n', /bad\.yml:2:\d+: `overrides\.0\.files` has an invalid glob "flows\/\[unclosed": it opens a bracket without the closing `\]`/],
    ['an invalid ignore glob', 'ignore:\n  - "gen/{a,b"\n', /bad\.yml:2:\d+: `ignore` has an invalid glob "gen\/\{a,b": it opens a brace without the closing `\}`/],
  ];
  for (const [what, config, message] of cases) {
    it(what, () => {
      const d = dir();
      writeFileSync(join(d, 'bad.yml'), config);
      const run = cxlint(d, '-c', 'bad.yml', '.');
      expect(run.code, showRun(run)).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/report/i);
      expect(run.stdout).toBe('');
    });
  }

  it('an invalid --ignore-pattern glob is exit 2, as in a config (never a pattern that silently ignores nothing)', () => {
    const run = cxlint(dir(), '--ignore-pattern', 'flows/[unclosed', '.');
    expect(run.code, showRun(run)).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: --ignore-pattern "flows\/\[unclosed" is not a valid glob: it opens a bracket without the closing `\]`/);
    expect(run.stdout).toBe('');
  });

  it('a 10 MB config is refused unread', () => {
    const d = dir();
    writeFileSync(join(d, 'big.yml'), `rules: {}\n#${'x'.repeat(10 * 1024 * 1024)}\n`);
    const started = Date.now();
    const run = cxlint(d, '-c', 'big.yml', '.');
    expect(run.code, showRun(run)).toBe(2);
    expect(run.stderr).toMatch(/big\.yml: config file is 10\.0 MB, over the 1 MB limit for a config; not read/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a config saved with a byte-order mark (UTF-8 or UTF-16) is read; UTF-16 without one, or a pipe, is exit 2 naming the file', () => {
    const d = dir();
    const text = 'extends: []\nrules:\n  participant-data/literal-key: warn\n';
    writeFileSync(join(d, 'utf8bom.yml'), `\uFEFF${text}`);
    writeFileSync(join(d, 'utf16.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const config of ['utf8bom.yml', 'utf16.yml']) {
      const run = cxlint(d, '--format', 'json', '-c', config, 'flows');
      expect(run.code, `${config}\n${showRun(run)}`).toBe(0);
      expect(json(run)[0].messages.map((m) => [m.ruleId, m.severity])).toEqual([['participant-data/literal-key', 1]]);
    }
    writeFileSync(join(d, 'nobom.yml'), Buffer.from(text, 'utf16le'));
    const nobom = cxlint(d, '-c', 'nobom.yml', 'flows');
    expect(nobom.code, showRun(nobom)).toBe(2);
    expect(nobom.stderr).toBe(`cxlint: invalid config: ${join(d, 'nobom.yml')}: cannot read config: File looks like UTF-16 saved without a byte-order mark; save it as UTF-8 (or UTF-16 with a byte-order mark) to lint it.\n`);
    expect(spawnSync('mkfifo', [join(d, 'pipe.yml')]).status).toBe(0);
    const pipe = cxlint(d, '-c', 'pipe.yml', 'flows');
    expect(pipe.code, showRun(pipe)).toBe(2);
    expect(pipe.stderr).toBe(`cxlint: invalid config: ${join(d, 'pipe.yml')}: is not a regular file (a pipe or a device); a config is a YAML or JSON file\n`);
  });

  it('-c <folder> says it is a folder', () => {
    const run = cxlint(dir(), '-c', 'flows', '.');
    expect(run.code, showRun(run)).toBe(2);
    expect(run.stderr).toMatch(/flows: is a folder; --config takes a config file/);
    expect(run.stderr).not.toMatch(/JavaScript/);
  });

  it('-o into a missing folder or onto a folder: exit 2 naming the path, before linting', () => {
    const d = dir();
    const missing = cxlint(d, '-o', 'missing/dir/x.txt', '.');
    expect(missing.code, showRun(missing)).toBe(2);
    expect(missing.stderr).toBe(`cxlint: cannot write the report to missing/dir/x.txt: the folder ${join(d, 'missing/dir')} does not exist\n`);
    const folder = cxlint(d, '-o', 'flows', '.');
    expect(folder.code, showRun(folder)).toBe(2);
    expect(folder.stderr).toBe('cxlint: cannot write the report to flows: it is a folder\n');
  });
});

describe('progress on a terminal', SLOW, () => {
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  const note = script.status === 0 ? '' : ' [SKIPPED: `script` (util-linux) is not installed, so no pseudo-terminal]';
  it.skipIf(script.status !== 0)(`a run longer than a second shows files done / total on a terminal, nothing in a pipe${note}`, () => {
    // 12,000 flows: about 2 s of reading, parsing and linting here (4 s wall on the shared 2-core machine).
    const N = 12_000;
    const dir = repo({});
    mkdirSync(join(dir, 'flows'), { mode: 0o755 });
    for (let i = 0; i < N; i++) writeFileSync(join(dir, `flows/f${i}.yaml`), BAD_KEY);
    const command = `"${process.execPath}" "${BIN}" --format json flows > out.json`;
    const started = Date.now();
    // `script` gives the command a pseudo-terminal; what the command writes to it comes out on script's stdout.
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: plainEnv(), timeout: 110_000 });
    const took = Date.now() - started;
    expect(tty.status, tty.stdout + tty.stderr).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toHaveLength(N);
    if (took > 1500) {
      expect(tty.stdout).toMatch(new RegExp(`\\r\\x1b\\[Kcxlint: (reading|parsing|linting) \\d+/${N} files`));
      expect(tty.stdout).toMatch(/\r\x1b\[K$/); // erased before the report
    } else {
      // A machine fast enough to finish within the first second shows nothing at all.
      expect(tty.stdout).toBe('');
    }
    const piped = cxlint(dir, '--format', 'json', 'flows');
    expect(piped.stderr).toBe('');
  });
});
