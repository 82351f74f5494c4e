/**
 * Security, core side (issue 6): nothing from the linted repository is ever executed. Config is data (YAML or
 * JSON, never JavaScript), there is no plugin loading, YAML tags cannot construct code, a `__proto__` key is
 * data, and a symbolic link cannot make cxlint read files outside the folder it lints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInRules } from './rules/index.js';
import { ConfigError, loadConfigFile, parseConfigText } from './config/load.js';
import { lintFiles } from './lint.js';
import { lintPaths } from './node/lint-paths.js';
import { toJS } from './parse/nodes.js';
import { parseFile } from './parse/parse-file.js';
import { tempDirs } from './testing/temp-dirs.js';

/** Temporary folders, removed after the file's tests. */
const tempDir = tempDirs();

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../bin/cxlint.js');

/** A flow with one literal-key error (line 8), which any executed config below would try to switch off. */
const FLOW = [
  'inboundCall:',
  '  name: Security',
  '  startUpTaskActions:',
  '    - setParticipantData:',
  '        attributes:',
  '          - attribute:',
  '              name:',
  '                exp: Flow.sessionId',
  '',
].join('\n');

/** JavaScript that would leave a marker file if anything ran it, in every module flavour. */
function payload(marker: string): string {
  const m = JSON.stringify(marker);
  return `require('node:fs').writeFileSync(${m}, 'executed'); module.exports = { rules: { 'participant-data/literal-key': 'off' } };`;
}
function esmPayload(marker: string): string {
  const m = JSON.stringify(marker);
  return `import { writeFileSync } from 'node:fs'; writeFileSync(${m}, 'executed'); export default { rules: { 'participant-data/literal-key': 'off' } };`;
}

function repo(): { dir: string; marker: string } {
  const dir = tempDir(join(tmpdir(), 'cxlint-sec-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'flow.yaml'), FLOW);
  return { dir, marker: join(dir, 'EXECUTED') };
}

const literalKeyLines = (results: { messages: { ruleId: string | null; line: number }[] }[]) =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'participant-data/literal-key').map((m) => m.line));

describe('no code from the linted repository runs', () => {
  it('JavaScript config files in the repository are neither executed nor used', async () => {
    const { dir, marker } = repo();
    for (const name of ['.cxlint.js', '.cxlint.cjs', 'cxlint.config.js', '.cxlintrc.js']) writeFileSync(join(dir, name), payload(marker));
    for (const name of ['.cxlint.mjs', 'cxlint.config.mjs', '.cxlint.ts']) writeFileSync(join(dir, name), esmPayload(marker));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ cxlint: { rules: { 'participant-data/literal-key': 'off' } } }));
    const { results, configFiles } = await lintPaths(['.'], { cwd: dir });
    expect(configFiles).toEqual([]);
    expect(literalKeyLines(results)).toEqual([8]); // the rule was not switched off by any of them
    expect(existsSync(marker)).toBe(false);
  });

  it('--config pointing at JavaScript is refused before it is read', { timeout: 60_000 }, async () => {
    const { dir, marker } = repo();
    writeFileSync(join(dir, 'evil.js'), payload(marker));
    expect(() => loadConfigFile(join(dir, 'evil.js'), builtInRules)).toThrow(ConfigError);
    expect(() => loadConfigFile(join(dir, 'evil.js'), builtInRules)).toThrow(/JavaScript configs and plugins are never loaded/);
    await expect(lintPaths(['.'], { cwd: dir, configFile: 'evil.js' })).rejects.toThrow(/never loaded/);
    const run = spawnSync(process.execPath, [BIN, '--config', 'evil.js', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cxlint: invalid config: .*evil\.js: config files are YAML or JSON data/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(marker)).toBe(false);
  });

  it('a `plugins:` key (or any other way to name code) is rejected with its line, and nothing is loaded', { timeout: 60_000 }, async () => {
    const { dir, marker } = repo();
    writeFileSync(join(dir, 'plugin.js'), payload(marker));
    mkdirSync(join(dir, 'node_modules', 'cxlint-plugin-evil'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'cxlint-plugin-evil', 'index.js'), payload(marker));
    writeFileSync(join(dir, '.cxlint.yml'), 'rules:\n  participant-data/literal-key: error\nplugins:\n  - ./plugin.js\n  - evil\n');
    await expect(lintPaths(['.'], { cwd: dir })).rejects.toThrow(/\.cxlint\.yml:3:1: `plugins` is not a known setting/);
    const run = spawnSync(process.execPath, [BIN, '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/`plugins` is not a known setting/);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['extends: ./plugin.js\n', /`extends`/],
    ['extends: [recommended, cxlint-plugin-evil]\n', /`extends/],
    ['rules:\n  evil/rule: error\n', /Unknown rule `evil\/rule`/],
    ['parser: ./parser.js\n', /`parser` is not a known setting/],
    ['rulesdir: ./rules\n', /`rulesdir` is not a known setting/],
  ])('config %j names no code that could run', (text, error) => {
    expect(() => parseConfigText(text, '.cxlint.yml', builtInRules)).toThrow(error);
  });

  it('the CLI has no option to load plugins or rule folders', { timeout: 60_000 }, () => {
    for (const option of ['--plugin', '--rulesdir', '--require']) {
      const run = spawnSync(process.execPath, [BIN, option, 'x', '.'], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });
      expect(run.status, option).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^cxlint: unknown option ${option}[ ;]`));
    }
  });

  it('YAML tags cannot construct functions or objects, in flows or in config', () => {
    const flow = [
      'inboundCall:',
      "  name: !!js/function 'function () { globalThis.__cxlintPwned = true }'",
      "  description: !<tag:yaml.org,2002:js/function> 'function () { globalThis.__cxlintPwned = true }'",
      '  division: !!js/regexp /x/',
      '',
    ].join('\n');
    const [r] = lintFiles([{ path: 'tags.yaml', text: flow }]);
    const file = parseFile('tags.yaml', flow);
    const js = toJS(file.root) as { inboundCall?: Record<string, unknown> } | null;
    for (const v of Object.values(js?.inboundCall ?? {})) expect(typeof v === 'string' || v === null).toBe(true);
    expect(r.messages.every((m) => typeof m.message === 'string')).toBe(true);
    expect(() => parseConfigText("rules: !!js/function 'function () { globalThis.__cxlintPwned = true }'\n", '.cxlint.yml', builtInRules)).toThrow(ConfigError);
    expect((globalThis as Record<string, unknown>).__cxlintPwned).toBeUndefined();
  });

  it('a `__proto__` key is data: an own property, never a prototype, never global', () => {
    const file = parseFile('proto.yaml', 'inboundCall:\n  __proto__:\n    polluted: yes\n  name: x\n');
    const js = toJS(file.root) as { inboundCall: Record<string, unknown> };
    expect(Object.getPrototypeOf(js.inboundCall)).toBe(Object.prototype);
    expect(Object.keys(js.inboundCall)).toEqual(['__proto__', 'name']);
    expect((js.inboundCall as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    const json = parseFile('proto.json', '{"contract": {}, "config": {}, "__proto__": {"polluted": true}}', 'data-action');
    expect(Object.getPrototypeOf(toJS(json.root))).toBe(Object.prototype);
    expect(() => parseConfigText('__proto__:\n  rules: {}\n', '.cxlint.yml', builtInRules)).toThrow(/`__proto__` is not a known setting/);
  });
});

describe('symbolic links', () => {
  it('a file linked to something outside the linted folder is reported, not read', async () => {
    const outside = tempDir(join(tmpdir(), 'cxlint-secret-'));
    writeFileSync(join(outside, 'credentials.yaml'), 'inboundCall:\n  name: TOKEN-ghp_secretsecret\n');
    const { dir } = repo();
    mkdirSync(join(dir, 'flows'));
    symlinkSync(join(outside, 'credentials.yaml'), join(dir, 'flows', 'evil.yaml'));
    symlinkSync(outside, join(dir, 'linked-dir'));
    symlinkSync(join(dir, 'flow.yaml'), join(dir, 'flows', 'alias.yaml')); // inside: fine
    // Named explicitly, as the action names a pull request's changed files.
    const named = await lintPaths(['flows/evil.yaml', 'linked-dir/credentials.yaml', 'flows/alias.yaml', 'flow.yaml'], { cwd: dir, includeSource: true });
    const byPath = new Map(named.results.map((r) => [r.filePath, r]));
    for (const p of ['flows/evil.yaml', 'linked-dir/credentials.yaml']) {
      expect(byPath.get(p)!.messages).toEqual([expect.objectContaining({ fatal: true, message: 'Symbolic link to a file outside the folder being linted; not read.' })]);
      expect(byPath.get(p)!.source).toBeUndefined();
    }
    expect(literalKeyLines([byPath.get('flows/alias.yaml')!])).toEqual([8]);
    expect(JSON.stringify(named.results)).not.toContain('ghp_secret');
    // Walking the folder: a link to a file is judged like a named one (inside: linted; outside: reported, not read);
    // a link to a folder is not followed.
    const walked = await lintPaths(['.'], { cwd: dir, includeSource: true });
    expect(walked.results.map((r) => r.filePath).sort()).toEqual(['flow.yaml', 'flows/alias.yaml', 'flows/evil.yaml']);
    const walkedByPath = new Map(walked.results.map((r) => [r.filePath, r]));
    expect(walkedByPath.get('flows/evil.yaml')!.messages).toEqual([expect.objectContaining({ fatal: true, message: 'Symbolic link to a file outside the folder being linted; not read.' })]);
    expect(literalKeyLines([walkedByPath.get('flows/alias.yaml')!])).toEqual([8]);
    expect(JSON.stringify(walked.results)).not.toContain('ghp_secret');
    // A linked folder named as the folder to walk: its files are plain, but the walk starts outside (the check per
    // walked folder, which spares a realpath per file, must see the link in the folder itself).
    const viaLinkedFolder = await lintPaths(['linked-dir', 'flows'], { cwd: dir, includeSource: true });
    const viaByPath = new Map(viaLinkedFolder.results.map((r) => [r.filePath, r]));
    expect([...viaByPath.keys()].sort()).toEqual(['flows/alias.yaml', 'flows/evil.yaml', 'linked-dir/credentials.yaml']);
    for (const p of ['flows/evil.yaml', 'linked-dir/credentials.yaml']) {
      expect(viaByPath.get(p)!.messages).toEqual([expect.objectContaining({ fatal: true, message: 'Symbolic link to a file outside the folder being linted; not read.' })]);
    }
    expect(JSON.stringify(viaLinkedFolder.results)).not.toContain('ghp_secret');
  });
});
