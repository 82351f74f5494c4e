import { afterAll, describe, expect, it } from 'vitest';
import { changedTargets, pathMatcher, workspaceTargets } from './targets.js';
import { FixtureRepo, flow } from './testing/fixture-repo.js';

describe('pathMatcher', () => {
  it('matches files, folders and globs', () => {
    const m = pathMatcher(['flows/', './data/x.json', 'tf/**/*.tf']);
    expect(m('flows/a.yaml')).toBe(true);
    expect(m('flowsX/a.yaml')).toBe(false);
    expect(m('data/x.json')).toBe(true);
    expect(m('tf/mod/main.tf')).toBe(true);
    expect(m('other.yaml')).toBe(false);
    expect(pathMatcher(['.'])('anything')).toBe(true);
  });
});

describe('targets', () => {
  const repo = new FixtureRepo();
  afterAll(() => repo.cleanup());
  repo.write('flows/a.yaml', flow('A')).write('flows/b.yaml', flow('B')).write('.github/workflows/ci.yml', 'on: push\n').write('package.json', '{}');
  it('changed files: present, selected and ours only', () => {
    const files = [
      { path: 'flows/a.yaml', status: 'modified' },
      { path: 'flows/gone.yaml', status: 'removed' },
      { path: '.github/workflows/ci.yml', status: 'modified' },
      { path: 'package.json', status: 'modified' },
      { path: 'README.md', status: 'modified' },
    ];
    expect(changedTargets(repo.dir, files, ['.'])).toEqual(['flows/a.yaml']);
    expect(changedTargets(repo.dir, files, ['other'])).toEqual([]);
  });
  it('workspace targets expand folders and globs', () => {
    expect(workspaceTargets(repo.dir, ['flows/*.yaml']).files).toEqual(['flows/a.yaml', 'flows/b.yaml']);
    expect(workspaceTargets(repo.dir, ['nope']).missing).toEqual(['nope']);
  });
});
