import { afterEach, describe, expect, it } from 'vitest';
import { configFromBaseCommit } from './config-source.js';
import { createClient } from './github-client.js';
import { FakeGitHub } from './testing/fake-github.js';
import { FixtureRepo } from './testing/fixture-repo.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function repoWithPrConfig() {
  const repo = new FixtureRepo();
  cleanups.push(() => repo.cleanup());
  repo.write('.cxlint.yml', 'rules:\n  participant-data/literal-key: error\n');
  const base = repo.commit('base');
  // The PR switches the rule off — in the workspace only.
  repo.write('.cxlint.yml', "rules:\n  participant-data/literal-key: 'off'\n");
  repo.commit('pr');
  return { repo, base };
}

describe('configFromBaseCommit', () => {
  it('reads the config of the base commit with git, not the PR version in the workspace', async () => {
    const { repo, base } = repoWithPrConfig();
    const loaded = await configFromBaseCommit({ workspace: repo.dir, baseSha: base, configPath: '', repo: { owner: 'o', repo: 'r' } });
    expect(loaded.config.rules).toEqual({ 'participant-data/literal-key': 'error' });
    expect(loaded.origin).toBe(`.cxlint.yml@${base.slice(0, 12)}`);
  });

  it('falls back to the contents API when the base commit is not in a shallow checkout', async () => {
    const { repo } = repoWithPrConfig();
    const missing = 'f'.repeat(40);
    const gh = await new FakeGitHub({ token: 't', owner: 'o', repo: 'r', number: 1, headSha: 'h', files: [], contents: { [`${missing}:.cxlint.yml`]: 'rules:\n  participant-data/literal-key: warn\n' } }).start();
    cleanups.push(() => gh.stop());
    const client = createClient('t', { baseUrl: gh.url, retryUnitMs: 1 });
    // main passes its whole run context as `repo`: only owner and repo may reach the request.
    const ctx = { eventName: 'pull_request_target', workspace: repo.dir, owner: 'o', repo: 'r', pr: { owner: 'o', repo: 'r', number: 1, headSha: 'h', baseSha: missing } };
    const loaded = await configFromBaseCommit({ workspace: repo.dir, baseSha: missing, configPath: '', client, repo: ctx });
    expect(loaded.config.rules).toEqual({ 'participant-data/literal-key': 'warn' });
    // Only documented query parameters (the runner's workspace path once leaked into the URL).
    expect([...gh.requests[0].query.keys()]).toEqual(['ref']);
    expect(gh.violations).toEqual([]);
    // The first name was found; no other names were asked for.
    expect(gh.requests.map((r) => `${r.path}?ref=${r.query.get('ref')}`)).toEqual([`/repos/o/r/contents/.cxlint.yml?ref=${missing}`]);
  });

  it('no config in the base commit means the built-in defaults; a named config that is missing is an error', async () => {
    const repo = new FixtureRepo();
    cleanups.push(() => repo.cleanup());
    repo.write('a.txt', 'x');
    const base = repo.commit('base');
    const loaded = await configFromBaseCommit({ workspace: repo.dir, baseSha: base, configPath: '', repo: { owner: 'o', repo: 'r' } });
    expect(loaded.config).toEqual({});
    await expect(configFromBaseCommit({ workspace: repo.dir, baseSha: base, configPath: 'conf/.cxlint.yml', repo: { owner: 'o', repo: 'r' } })).rejects.toThrow(/does not exist in the base commit/);
  });

  it('refuses a base "sha" that is not one (no option injection into git)', async () => {
    await expect(configFromBaseCommit({ workspace: '.', baseSha: '--output=/tmp/x', configPath: '', repo: { owner: 'o', repo: 'r' } })).rejects.toThrow(/not a commit sha/);
  });
});
