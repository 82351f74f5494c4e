import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInRules } from '../rules/index.js';
import { lintPaths } from '../node/lint-paths.js';
import { flowWith, getData, setData } from '../testing/flow-fixtures.js';
import { ConfigError, findConfigFile, loadConfigFile, parseConfigText } from './load.js';
import { compileConfig } from './resolve.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder with the given files (paths relative to it). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cxlint-config-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// One error (literal-key) and one warning (key-looks-like-variable).
const BAD_FLOW = flowWith([setData('name:\n  lit: "{{flow.input.userSessionId}}"'), setData('name:\n  lit: Flow.x\nvalue:\n  exp: Flow.x')].join('\n'));

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

// Other areas' rules (flow/*, call-data/*) see these minimal flows too; these tests are about config, so they
// look at the participant-data rules only.
const rulesOf = (results: { messages: { ruleId: string | null; severity: number }[] }[]) =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('participant-data/')).map((m) => `${m.ruleId}:${m.severity}`)).sort();

describe('finding the config', () => {
  it('finds .cxlint.yml upward from the linted folder, and stops at the repository root', () => {
    const root = tree({ '.git/HEAD': '', '.cxlint.yml': 'rules: {}\n', 'a/b/c/flow.yaml': BAD_FLOW });
    expect(findConfigFile(join(root, 'a/b/c'))).toBe(join(root, '.cxlint.yml'));
    const outside = tree({ '.cxlint.yml': 'rules: {}\n', 'repo/.git/HEAD': '', 'repo/src/x.yaml': '' });
    expect(findConfigFile(join(outside, 'repo/src'))).toBeUndefined();
  });

  it('finds .cxlint.json too, and the nearest config wins', () => {
    const root = tree({ '.git/HEAD': '', '.cxlint.yml': 'rules: {}\n', 'sub/.cxlint.json': '{"rules": {}}' });
    expect(findConfigFile(join(root, 'sub'))).toBe(join(root, 'sub/.cxlint.json'));
  });

  it('applies the nearest config per folder over its ancestors when linting', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'rules:\n  participant-data/key-looks-like-variable: error\n',
      'a/flow.yaml': BAD_FLOW,
      'b/.cxlint.json': '{"rules": {"participant-data/literal-key": "off"}}',
      'b/flow.yaml': BAD_FLOW,
    });
    const { results, configFiles } = await lintPaths(['.'], { cwd: root });
    expect(configFiles.sort()).toEqual([join(root, '.cxlint.yml'), join(root, 'b/.cxlint.json')].sort());
    const byPath = Object.fromEntries(results.map((r) => [r.filePath, rulesOf([r])]));
    expect(byPath['a/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2', 'participant-data/literal-key:2']);
    // b's config turns literal-key off and inherits key-looks-like-variable: error from the root config.
    expect(byPath['b/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2']);
  });
});

describe('config cascade', () => {
  const lint = async (root: string, path = '.') => {
    const { results, configFiles } = await lintPaths([path], { cwd: root });
    return { byPath: Object.fromEntries(results.map((r) => [r.filePath, rulesOf([r])])), configFiles: configFiles.sort() };
  };

  it('a nearer config replaces what it sets and keeps the rest; every config read is listed', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'rules:\n  participant-data/literal-key: warn\n  participant-data/key-looks-like-variable: error\n',
      'a/.cxlint.yml': 'rules:\n  participant-data/literal-key: error\n',
      'a/b/.cxlint.json': '{"rules": {"participant-data/key-looks-like-variable": "off"}}',
      'a/b/flow.yaml': BAD_FLOW,
      'a/flow.yaml': BAD_FLOW,
      'flow.yaml': BAD_FLOW,
    });
    const { byPath, configFiles } = await lint(root);
    expect(byPath['flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2', 'participant-data/literal-key:1']);
    expect(byPath['a/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2', 'participant-data/literal-key:2']);
    expect(byPath['a/b/flow.yaml']).toEqual(['participant-data/literal-key:2']);
    expect(configFiles).toEqual([join(root, '.cxlint.yml'), join(root, 'a/.cxlint.yml'), join(root, 'a/b/.cxlint.json')].sort());
  });

  it('root: true stops the cascade at that config', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'rules:\n  participant-data/literal-key: "off"\n',
      'team/.cxlint.yml': 'root: true\nrules:\n  participant-data/key-looks-like-variable: error\n',
      'team/flow.yaml': BAD_FLOW,
      'other/flow.yaml': BAD_FLOW,
    });
    const { byPath, configFiles } = await lint(root);
    // team/ starts from recommended again: literal-key is on (the root config's "off" is not read for it).
    expect(byPath['team/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2', 'participant-data/literal-key:2']);
    expect(byPath['other/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:1']);
    expect(configFiles).toEqual([join(root, '.cxlint.yml'), join(root, 'team/.cxlint.yml')].sort());
  });

  it('stops at the repository root (.git): a config above the repository is never read', async () => {
    const outside = tree({
      '.cxlint.yml': 'rules:\n  participant-data/literal-key: "off"\n',
      'repo/.git/HEAD': '',
      'repo/.cxlint.yml': 'rules:\n  participant-data/key-looks-like-variable: "off"\n',
      'repo/flow.yaml': BAD_FLOW,
    });
    const { byPath, configFiles } = await lint(join(outside, 'repo'));
    expect(byPath['flow.yaml']).toEqual(['participant-data/literal-key:2']);
    expect(configFiles).toEqual([join(outside, 'repo/.cxlint.yml')]);
  });

  it('without .git or root: true, every config up the tree counts', async () => {
    const outer = tree({ '.cxlint.yml': 'rules:\n  participant-data/literal-key: "off"\n', 'inner/.cxlint.yml': 'rules: {}\n', 'inner/flow.yaml': BAD_FLOW });
    expect((await lint(join(outer, 'inner'))).byPath['flow.yaml']).toEqual(['participant-data/key-looks-like-variable:1']);
  });

  it('globs stay relative to the config that declares them', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': [
        'ignore:',
        '  - "team/generated/**"',
        'overrides:',
        '  - files: "team/legacy/**"',
        '    rules:',
        '      participant-data/literal-key: "off"',
        '',
      ].join('\n'),
      'team/.cxlint.yml': [
        'ignore:',
        '  - "tmp/**"',
        'overrides:',
        '  - files: "legacy/**"',
        '    rules:',
        '      participant-data/key-looks-like-variable: error',
        '',
      ].join('\n'),
      'team/generated/flow.yaml': BAD_FLOW,
      'team/tmp/flow.yaml': BAD_FLOW,
      'team/legacy/flow.yaml': BAD_FLOW,
      'team/flow.yaml': BAD_FLOW,
      'tmp/flow.yaml': BAD_FLOW,
      'legacy/flow.yaml': BAD_FLOW,
    });
    const { byPath } = await lint(root);
    expect(Object.keys(byPath).sort()).toEqual(['legacy/flow.yaml', 'team/flow.yaml', 'team/legacy/flow.yaml', 'tmp/flow.yaml']);
    // The root override (team/legacy/**) and team's override (legacy/**, relative to team/) both apply.
    expect(byPath['team/legacy/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:2']);
    expect(byPath['team/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:1', 'participant-data/literal-key:2']);
    // Neither team's globs nor the root's team/… globs reach files outside team/.
    expect(byPath['legacy/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:1', 'participant-data/literal-key:2']);
  });

  it("a nearer config's rules win over an outer config's overrides; its extends re-applies a preset", async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'overrides:\n  - files: "**"\n    rules:\n      participant-data/literal-key: "off"\n      participant-data/key-looks-like-variable: "off"\n',
      'a/.cxlint.yml': 'rules:\n  participant-data/literal-key: warn\n',
      'a/flow.yaml': BAD_FLOW,
      'b/.cxlint.yml': 'extends: recommended\n',
      'b/flow.yaml': BAD_FLOW,
    });
    const { byPath } = await lint(root);
    expect(byPath['a/flow.yaml']).toEqual(['participant-data/literal-key:1']);
    expect(byPath['b/flow.yaml']).toEqual(['participant-data/key-looks-like-variable:1', 'participant-data/literal-key:2']);
  });

  it('settings cascade key by key: a nearer value replaces the outer one, the others are inherited', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'settings:\n  maxFileSize: 100\n',
      'a/.cxlint.yml': 'settings:\n  knownParticipantKeys: [x]\n',
      'a/flow.yaml': BAD_FLOW,
      'b/.cxlint.yml': 'settings:\n  maxFileSize: 100000\n',
      'b/flow.yaml': BAD_FLOW,
    });
    const { results } = await lintPaths(['.'], { cwd: root });
    const messages = Object.fromEntries(results.map((r) => [r.filePath, r.messages.map((m) => m.message).join('\n')]));
    expect(messages['a/flow.yaml']).toMatch(/100/); // too large under the inherited limit
    expect(rulesOf(results.filter((r) => r.filePath === 'a/flow.yaml'))).toEqual([]);
    expect(rulesOf(results.filter((r) => r.filePath === 'b/flow.yaml'))).toEqual(['participant-data/key-looks-like-variable:1', 'participant-data/literal-key:2']);
  });

  it('project-wide lists (knownParticipantKeys) combine every config read, even one a nearer list replaces', async () => {
    const reader = flowWith([getData('name:\n  lit: fromWebsite\nvariable: Flow.a'), getData('name:\n  lit: fromBot\nvariable: Flow.b')].join('\n'));
    const root = tree({
      '.git/HEAD': '',
      '.cxlint.yml': 'settings:\n  knownParticipantKeys: [fromWebsite]\n',
      'a/.cxlint.yml': 'settings:\n  knownParticipantKeys: [fromBot]\n',
      'a/flow.yaml': reader,
    });
    // Only a/ is linted, so no file has the root config alone as its cascade.
    expect(rulesOf((await lintPaths(['a'], { cwd: root })).results)).toEqual([]);
  });

  it('a broken config anywhere in the cascade is reported with its file', async () => {
    const root = tree({ '.git/HEAD': '', '.cxlint.yml': 'rules:\n  participant-data/literal-kye: error\n', 'a/.cxlint.yml': 'rules: {}\n', 'a/flow.yaml': BAD_FLOW });
    await expect(lintPaths(['.'], { cwd: root })).rejects.toThrow(/\.cxlint\.yml:2:3: Unknown rule/);
  });
});

describe('rule settings', () => {
  it('defaults to recommended with the rules\' own severities', async () => {
    const root = tree({ '.git/HEAD': '', 'flow.yaml': BAD_FLOW });
    const { results } = await lintPaths(['.'], { cwd: root });
    expect(rulesOf(results)).toEqual(['participant-data/key-looks-like-variable:1', 'participant-data/literal-key:2']);
  });

  it('turns rules off, to warn and to error (names and numbers)', () => {
    const m = compileConfig({ rules: { 'participant-data/literal-key': 'warn', 'participant-data/key-looks-like-variable': 0, 'participant-data/value-type': ['error', { maxValueLength: 10 }] } }, builtInRules);
    const r = m.rulesFor('flow.yaml');
    expect(r.get('participant-data/literal-key')?.severity).toBe(1);
    expect(r.has('participant-data/key-looks-like-variable')).toBe(false);
    expect(r.get('participant-data/value-type')).toEqual({ severity: 2, options: { maxValueLength: 10 } });
    // Default options survive when only the severity is set.
    expect(compileConfig({ rules: { 'participant-data/value-type': 'error' } }, builtInRules).rulesFor('x').get('participant-data/value-type')?.options).toEqual({ maxValueLength: 2000 });
  });

  it('extends: [] starts from nothing; extends: all takes every rule', () => {
    expect(compileConfig({ extends: [] }, builtInRules).rulesFor('x').size).toBe(0);
    expect(compileConfig({ extends: 'all' }, builtInRules).rulesFor('x').size).toBe(builtInRules.length);
    expect(compileConfig({ extends: ['recommended'] }, builtInRules).rulesFor('x').size).toBe(builtInRules.filter((r) => r.meta.docs.recommended).length);
  });

  it('applies overrides by glob, later overrides winning, excludedFiles respected', () => {
    const m = compileConfig(
      {
        overrides: [
          { files: 'legacy/**', rules: { 'participant-data/literal-key': 'warn' } },
          { files: ['legacy/keep/*.yaml'], excludedFiles: 'legacy/keep/x.yaml', rules: { 'participant-data/literal-key': 'off' } },
        ],
      },
      builtInRules,
    );
    expect(m.rulesFor('flows/a.yaml').get('participant-data/literal-key')?.severity).toBe(2);
    expect(m.rulesFor('legacy/a.yaml').get('participant-data/literal-key')?.severity).toBe(1);
    expect(m.rulesFor('legacy/keep/a.yaml').has('participant-data/literal-key')).toBe(false);
    expect(m.rulesFor('legacy/keep/x.yaml').get('participant-data/literal-key')?.severity).toBe(1);
  });

  it('ignores files by glob relative to the config folder', async () => {
    const root = tree({ '.git/HEAD': '', '.cxlint.yml': 'ignore:\n  - "generated/**"\n', 'generated/flow.yaml': BAD_FLOW, 'flows/flow.yaml': BAD_FLOW });
    const { results } = await lintPaths(['.'], { cwd: root });
    expect(results.map((r) => r.filePath)).toEqual(['flows/flow.yaml']);
  });

  it('overrides from a config file apply to paths relative to that file', async () => {
    const root = tree({
      '.git/HEAD': '',
      'cx/.cxlint.yml': 'overrides:\n  - files: "legacy/**"\n    rules:\n      participant-data/literal-key: "off"\n',
      'cx/legacy/flow.yaml': BAD_FLOW,
    });
    const { results } = await lintPaths(['cx'], { cwd: root });
    expect(rulesOf(results)).toEqual(['participant-data/key-looks-like-variable:1']);
  });

  it('passes settings to the project (knownParticipantKeys silences read-never-set)', async () => {
    const reader = flowWith(getData('name:\n  lit: fromWebsite\nvariable: Flow.out'));
    const root = tree({ '.git/HEAD': '', 'flow.yaml': reader });
    expect(rulesOf((await lintPaths(['.'], { cwd: root })).results)).toEqual(['participant-data/read-never-set:1']);
    writeFileSync(join(root, '.cxlint.yml'), 'settings:\n  knownParticipantKeys: [fromWebsite]\n');
    expect(rulesOf((await lintPaths(['.'], { cwd: root })).results)).toEqual([]);
  });
});

describe('invalid config', () => {
  it('names the file, line and the unknown key', () => {
    const e = configErrorOf(() => parseConfigText('rules: {}\nignroe:\n  - x\n', '.cxlint.yml', builtInRules));
    expect(e.filePath).toBe('.cxlint.yml');
    expect(e.line).toBe(2);
    expect(e.message).toBe('.cxlint.yml:2:1: `ignroe` is not a known setting');
  });

  it('names a bad severity with the allowed values', () => {
    const e = configErrorOf(() => parseConfigText('rules:\n  participant-data/literal-key: fatal\n', 'c.yml', builtInRules));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/participant-data\/literal-key/);
    expect(e.message).toMatch(/"off", "warn", "error"/);
  });

  it('names a nested unknown key inside overrides', () => {
    const e = configErrorOf(() => parseConfigText('overrides:\n  - files: x\n    rulez: {}\n', 'c.yml', builtInRules));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/`overrides\.0\.rulez` is not a known setting/);
  });

  it('reports an unknown rule id with did-you-mean, at its line', () => {
    const e = configErrorOf(() => parseConfigText('rules:\n  participant-data/literal-keys: error\n', 'c.yml', builtInRules));
    expect(e.line).toBe(2);
    expect(e.column).toBe(3);
    expect(e.message).toBe('c.yml:2:3: Unknown rule `participant-data/literal-keys` (did you mean `participant-data/literal-key`?)');
    const far = configErrorOf(() => parseConfigText('{"rules": {"zzz/qqq": "off"}}', 'c.json', builtInRules));
    expect(far.message).toBe('c.json:1:12: Unknown rule `zzz/qqq`');
  });

  it('reports an unknown rule inside an override', () => {
    const e = configErrorOf(() => parseConfigText('overrides:\n  - files: x\n    rules:\n      participant-data/read-never-sett: off\n', 'c.yml', builtInRules));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/did you mean `participant-data\/read-never-set`/);
  });

  it('reports YAML and JSON syntax errors with their position', () => {
    expect(configErrorOf(() => parseConfigText('rules: [\n', 'c.yml', builtInRules)).line).toBeGreaterThanOrEqual(1);
    const j = configErrorOf(() => parseConfigText('{\n  "rules": {,}\n}', 'c.json', builtInRules));
    expect(j.line).toBe(2);
    expect(j.message).toMatch(/^c\.json:2:\d+: .*invalid JSON/);
  });

  it('makes the CLI entry fail with the file named', async () => {
    const root = tree({ '.git/HEAD': '', '.cxlint.yml': 'extends: strictest\n', 'flow.yaml': BAD_FLOW });
    await expect(lintPaths(['.'], { cwd: root })).rejects.toThrow(/\.cxlint\.yml:1:1: `extends`/);
  });

  it('reports an unreadable config file', () => {
    const e = configErrorOf(() => loadConfigFile('/nonexistent/.cxlint.yml', builtInRules));
    expect(e.message).toMatch(/cannot read config: ENOENT/);
  });

  it('rejects rule options that do not match the rule\'s schema', () => {
    const e = configErrorOf(() => parseConfigText('rules:\n  participant-data/value-type: [warn, {maxValueLen: 5}]\n', 'c.yml', builtInRules));
    expect(e.line).toBe(2);
    expect(e.message).toBe('c.yml:2:40: Options of `participant-data/value-type`: `maxValueLen` is not an option (did you mean `maxValueLength`?)');
    const wrongType = configErrorOf(() => parseConfigText('rules:\n  participant-data/value-type:\n    - warn\n    - maxValueLength: lots\n', 'c.yml', builtInRules));
    expect(wrongType.message).toBe('c.yml:4:7: Options of `participant-data/value-type`: `maxValueLength` must be integer');
    const badEnum = configErrorOf(() => parseConfigText('{"rules": {"participant-data/read-never-set": ["warn", {"clientFlows": "all"}]}}', 'c.json', builtInRules));
    expect(badEnum.message).toMatch(/`clientFlows` must be one of "near-miss", "report"$/);
  });
});
