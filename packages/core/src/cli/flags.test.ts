/**
 * The ESLint-style flags (cli/flags.ts) end to end: the real bin spawned on copies of `examples/`, checked by exit
 * code and output. Needs `npm run build` first (turbo's `test` depends on `build`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../rules/index.js';
import { tempDirs } from '../testing/temp-dirs.js';

const BIN = fileURLToPath(new URL('../../bin/cxlint.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));
const tempDir = tempDirs();

interface Run { code: number | null; stdout: string; stderr: string }
interface JsonResult { filePath: string; messages: { ruleId: string | null; messageId?: string; severity: number; line: number }[]; output?: string }

function cxlint(cwd: string, args: string[], input?: string): Run {
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const show = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
function json(r: Run): JsonResult[] {
  try {
    return JSON.parse(r.stdout) as JsonResult[];
  } catch {
    throw new Error(`not JSON:\n${show(r)}`);
  }
}
const rulesOf = (r: JsonResult | undefined) => (r?.messages ?? []).map((m) => m.ruleId);

/** A copy of examples/ as a repository of its own. */
function repo(): string {
  const dir = tempDir(join(tmpdir(), 'cxlint-flags-'));
  cpSync(EXAMPLES, dir, { recursive: true });
  mkdirSync(join(dir, '.git'));
  return dir;
}

const READER = readFileSync(join(EXAMPLES, 'flows/callback-inqueue.yaml'), 'utf8');
const TEMPLATED = readFileSync(join(EXAMPLES, 'flows/support-inbound.yaml'), 'utf8');

describe('--help', () => {
  it('lists every flag', () => {
    const r = cxlint(tmpdir(), ['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--stdin', '--stdin-filename', '--print-config', '--rule', '--ignore-pattern', '--no-ignore', '--list-rules', '--fix-dry-run', '--format', '--config', '--cache', '--cache-location', '--cache-strategy']) {
      expect(r.stdout).toContain(`${flag} `);
    }
  });
});

describe('--stdin with --stdin-filename', () => {
  it('lints the piped text as that path, with the files around it for cross-file rules', () => {
    const dir = repo();
    const neverSet = (r: Run) => json(r)[0].messages.filter((m) => m.ruleId === 'participant-data/read-never-set').map((m) => m.line);
    // The reader reads `userSessionId` and `orderNumbr`; nothing in the repository sets them.
    const alone = cxlint(dir, ['--stdin', '--stdin-filename', 'flows/reader.yaml', '--format', 'json'], READER);
    expect(json(alone).map((r) => r.filePath), show(alone)).toEqual(['flows/reader.yaml']);
    expect(neverSet(alone)).toEqual([29, 33]);
    // A flow on disk, next to the (unsaved) piped one, starts setting `orderNumbr`.
    writeFileSync(join(dir, 'flows/setter.yaml'), TEMPLATED.replace('lit: phoneNumber', 'lit: orderNumbr'));
    const withSetter = cxlint(dir, ['--stdin', '--stdin-filename', 'flows/reader.yaml', '--format', 'json'], READER);
    expect(neverSet(withSetter)).toEqual([29]);
    // From a subfolder too: the project is the repository around the path, not the working folder.
    const fromSub = cxlint(join(dir, 'terraform'), ['--stdin', '--stdin-filename', '../flows/reader.yaml', '--format', 'json'], READER);
    expect(neverSet(fromSub)).toEqual([29]);
    expect(existsSync(join(dir, 'flows/reader.yaml'))).toBe(false);
  });

  it('the piped text replaces the file on disk, and the path decides the config', () => {
    const dir = repo();
    const clean = READER.replace('lit: Flow.customerId', 'lit: customerId');
    const r = cxlint(dir, ['--stdin', '--stdin-filename', 'flows/callback-inqueue.yaml', '--format', 'json'], clean);
    expect(rulesOf(json(r)[0])).not.toContain('participant-data/key-looks-like-variable');
    // examples/.cxlint.yml turns read-never-set off under flows/archive/.
    const archived = cxlint(dir, ['--stdin', '--stdin-filename', 'flows/archive/old.yaml', '--format', 'json'], READER);
    expect(rulesOf(json(archived)[0])).not.toContain('participant-data/read-never-set');
    expect(rulesOf(json(archived)[0])).toContain('participant-data/key-looks-like-variable');
  });

  it('--fix-dry-run --format json prints the fixed text as "output" and writes nothing', () => {
    const dir = repo();
    const r = cxlint(dir, ['--stdin', '--stdin-filename', 'flows/support-inbound.yaml', '--fix-dry-run', '--format', 'json'], TEMPLATED);
    const [result] = json(r);
    expect(result.filePath).toBe('flows/support-inbound.yaml');
    // Only the certain fix is applied (a constant key); the templated key's renames are suggestions, left as is.
    expect(result.output).toBe(TEMPLATED.replace('exp: Append("Account", "Type")', 'lit: AccountType'));
    expect(result.messages.filter((m) => m.ruleId === 'participant-data/literal-key').map((m) => m.messageId)).toEqual(['templateKey']);
    expect(readFileSync(join(dir, 'flows/support-inbound.yaml'), 'utf8')).toBe(TEMPLATED);
  });

  it('refuses what it cannot do, with exit 2 and a reason', () => {
    const dir = repo();
    const cases: [string[], RegExp][] = [
      [['--stdin'], /--stdin needs --stdin-filename/],
      [['--stdin', '--stdin-filename', 'flows/a.yaml', '--fix'], /--fix cannot write piped text; use --fix-dry-run/],
      [['--stdin-filename', 'flows/a.yaml'], /--stdin-filename is only used with --stdin/],
      [['--stdin', '--stdin-filename', 'flows/a.yaml', 'flows'], /give no paths/],
    ];
    for (const [args, message] of cases) {
      const r = cxlint(dir, args, READER);
      expect(r.code, show(r)).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('--rule', () => {
  it('sets rules over every config, repeatable, later flags winning', () => {
    const dir = repo();
    const base = json(cxlint(dir, ['.', '--format', 'json']));
    const support = (rs: JsonResult[]) => rs.find((r) => r.filePath === 'flows/support-inbound.yaml');
    const order = (rs: JsonResult[]) => rs.find((r) => r.filePath === 'flows/order-status-bot.yaml');
    expect(rulesOf(support(base))).toEqual(['participant-data/literal-key', 'participant-data/literal-key']);
    expect(order(base)!.messages.find((m) => m.ruleId === 'flow/substitution-undefined')!.severity).toBe(2);
    const r = cxlint(dir, ['.', '--format', 'json', '--rule', 'participant-data/literal-key: off', '--rule', 'flow/substitution-undefined: warn']);
    expect(rulesOf(support(json(r)))).toEqual([]);
    expect(order(json(r))!.messages.find((m) => m.ruleId === 'flow/substitution-undefined')!.severity).toBe(1);
    // Options in the config's own syntax; and the last --rule for a rule wins.
    const last = cxlint(dir, ['flows', '--format', 'json', '--rule', 'participant-data/literal-key: off', '--rule', 'participant-data/literal-key: [warn]']);
    expect(support(json(last))!.messages.map((m) => m.severity)).toEqual([1, 1]);
  });

  it('rejects an unknown rule (with a guess) and a malformed value', () => {
    const dir = repo();
    const typo = cxlint(dir, ['flows', '--rule', 'participant-data/literal-kee: off']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('cxlint: --rule: Unknown rule `participant-data/literal-kee` (did you mean `participant-data/literal-key`?)\n');
    const bad = cxlint(dir, ['flows', '--rule', 'participant-data/literal-key']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rule 'participant-data\/literal-key' is not of the form '<rule id>: <off\|warn\|error>'/);
    const sev = cxlint(dir, ['flows', '--rule', 'participant-data/literal-key: loud']);
    expect(sev.code).toBe(2);
    expect(sev.stderr).toMatch(/^cxlint: --rule: /);
  });
});

describe('--ignore-pattern and --no-ignore', () => {
  it('--ignore-pattern skips matching files (repeatable); --no-ignore skips nothing, config ignores included', () => {
    const dir = repo();
    const files = (r: Run) => json(r).map((x) => x.filePath).sort();
    const all = files(cxlint(dir, ['.', '--format', 'json']));
    expect(all).toContain('flows/support-inbound.yaml');
    const some = files(cxlint(dir, ['.', '--format', 'json', '--ignore-pattern', 'flows/support-*.yaml', '--ignore-pattern', 'terraform/**']));
    expect(some).toEqual(all.filter((f) => f !== 'flows/support-inbound.yaml' && !f.startsWith('terraform/')));
    // Relative to the working folder, as ESLint's: from flows/, the pattern names the file without the folder.
    const fromFlows = json(cxlint(join(dir, 'flows'), ['.', '--format', 'json', '--ignore-pattern', 'support-*.yaml'])).map((x) => x.filePath);
    expect(fromFlows).not.toContain('support-inbound.yaml');
    expect(fromFlows).toContain('order-status-bot.yaml');

    writeFileSync(join(dir, '.cxlint.yml'), readFileSync(join(dir, '.cxlint.yml'), 'utf8') + 'ignore:\n  - data-actions/**\n');
    const configIgnored = files(cxlint(dir, ['.', '--format', 'json']));
    expect(configIgnored.some((f) => f.startsWith('data-actions/'))).toBe(false);
    const none = files(cxlint(dir, ['.', '--format', 'json', '--no-ignore', '--ignore-pattern', 'flows/**']));
    expect(none).toEqual(all);
  });
});

describe('--print-config', () => {
  it('prints the rules, settings and config files that apply to a file', () => {
    const dir = repo();
    const of = (file: string, ...extra: string[]) => {
      const r = cxlint(dir, ['--print-config', file, ...extra]);
      expect(r.code, show(r)).toBe(0);
      return JSON.parse(r.stdout) as { rules: Record<string, unknown>; settings: Record<string, unknown>; configFiles: string[]; ignored: boolean };
    };
    const severity = (entry: unknown) => (Array.isArray(entry) ? entry[0] : entry);
    const flow = of('flows/support-inbound.yaml');
    expect(severity(flow.rules['participant-data/literal-key'])).toBe('error');
    expect(flow.rules['participant-data/read-never-set']).toEqual(['warn', { clientFlows: 'near-miss' }]);
    expect(flow.settings.knownParticipantKeys).toEqual(['customerEmail']);
    expect(flow.configFiles).toEqual([join(dir, '.cxlint.yml')]);
    expect(flow.ignored).toBe(false);
    // The override for flows/archive/** turns read-never-set off there; the file need not exist.
    expect(of('flows/archive/old.yaml').rules['participant-data/read-never-set']).toBeUndefined();
    const withFlags = of('flows/support-inbound.yaml', '--rule', 'participant-data/literal-key: warn', '--ignore-pattern', 'flows/**');
    expect(severity(withFlags.rules['participant-data/literal-key'])).toBe('warn');
    expect(withFlags.ignored).toBe(true);
  });
});

describe('--list-rules', () => {
  it('lists every rule, as text and as JSON', () => {
    const text = cxlint(tmpdir(), ['--list-rules']);
    expect(text.code).toBe(0);
    for (const r of builtInRules) expect(text.stdout).toContain(r.meta.id);
    const r = cxlint(tmpdir(), ['--list-rules', '--format', 'json']);
    const list = JSON.parse(r.stdout) as { id: string; severity: string; fixable: boolean; url: string }[];
    expect(list.map((x) => x.id)).toEqual(builtInRules.map((x) => x.meta.id));
    const literal = list.find((x) => x.id === 'participant-data/literal-key')!;
    expect(literal).toMatchObject({ severity: 'error', fixable: true, url: 'https://github.com/cxlint/cxlint/blob/main/docs/rules/participant-data/literal-key.md' });
  });

  it('lists every rule as a SARIF log with no results, and refuses a format that cannot list them', () => {
    const sarif = cxlint(tmpdir(), ['--list-rules', '--format', 'sarif']);
    expect(sarif.code).toBe(0);
    const run = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: unknown[] }[] }).runs[0];
    // The rules, and the descriptor SARIF results use for a file that does not parse.
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...builtInRules.map((r) => r.meta.id), 'cxlint/parse-error']);
    expect(run.results).toEqual([]);
    const github = cxlint(tmpdir(), ['--list-rules', '--format', 'github']);
    expect(github.code).toBe(2);
    expect(github.stderr).toBe('cxlint: --list-rules prints a table (stylish), JSON or SARIF, not --format github\n');
  });
});
