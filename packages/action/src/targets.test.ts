import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { lintPaths } from '@cxlint/core';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from './inputs.js';
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
  repo.write('flows/a.yaml', flow('A')).write('flows/b.yaml', flow('B')).write('.github/workflows/ci.yml', 'on: push\n').write('package.json', '{}')
    .write('other/readme.md', 'not ours\n').write('callbacks/Proactive callback offer.yaml', flow('C'));
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
  });
  it('a file name with spaces is one entry', () => {
    expect(workspaceTargets(repo.dir, ['callbacks/Proactive callback offer.yaml']).files).toEqual(['callbacks/Proactive callback offer.yaml']);
    const changed = [{ path: 'callbacks/Proactive callback offer.yaml', status: 'modified' }];
    expect(changedTargets(repo.dir, changed, ['callbacks/Proactive callback offer.yaml'])).toEqual(['callbacks/Proactive callback offer.yaml']);
  });
  it('a named pipe in `paths` stays a target, and linting it is an error (never passed over as nothing)', async () => {
    const pipe = join(repo.dir, 'flows/pipe.yaml');
    execFileSync('mkfifo', [pipe]);
    try {
      const targets = workspaceTargets(repo.dir, ['flows/pipe.yaml', 'flows/a.yaml']).files;
      expect(targets).toEqual(['flows/a.yaml', 'flows/pipe.yaml']);
      const { results } = await lintPaths(targets, { cwd: repo.dir });
      const piped = results.find((r) => r.filePath === 'flows/pipe.yaml');
      expect(piped?.messages[0]).toMatchObject({ severity: 2, fatal: true, message: expect.stringMatching(/^Cannot read: it is a named pipe \(FIFO\)/) });
    } finally {
      rmSync(pipe);
    }
  });
  it('a changed file that is a looping or broken link is a target, and linting it reports the OS error', async () => {
    symlinkSync('loop-b.yaml', join(repo.dir, 'flows/loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(repo.dir, 'flows/loop-b.yaml'));
    symlinkSync('nowhere.yaml', join(repo.dir, 'flows/broken.yaml'));
    try {
      const changed = ['flows/loop-a.yaml', 'flows/broken.yaml', 'flows/gone.yaml', 'flows/a.yaml'].map((path) => ({ path, status: 'modified' }));
      const targets = changedTargets(repo.dir, changed, ['flows']);
      expect(targets).toEqual(['flows/a.yaml', 'flows/broken.yaml', 'flows/loop-a.yaml']);
      const byPath = new Map((await lintPaths(targets, { cwd: repo.dir })).results.map((r) => [r.filePath, r.messages[0]]));
      expect(byPath.get('flows/loop-a.yaml')).toMatchObject({ fatal: true, severity: 2, message: 'Cannot read: ELOOP (too many symbolic links).' });
      expect(byPath.get('flows/broken.yaml')).toMatchObject({ fatal: true, severity: 2, message: 'Cannot read: ENOENT (a symbolic link to nowhere.yaml, which does not exist).' });
    } finally {
      for (const f of ['loop-a', 'loop-b', 'broken']) rmSync(join(repo.dir, `flows/${f}.yaml`));
    }
  });
  it('an entry that names nothing fails, with the message the CLI prints (`paths: flow` for `flows`)', () => {
    // The CLI prints `cxlint: <message>`; the action fails the step with `cxlint: <message>` (main.ts).
    expect(() => workspaceTargets(repo.dir, ['flow'])).toThrow(new InputError('no such file or folder: flow'));
    expect(() => workspaceTargets(repo.dir, ['flows', 'flows/*.json'])).toThrow(new InputError('no file matches the pattern: flows/*.json'));
    // On a pull request too, even when no changed file would have been selected anyway.
    expect(() => changedTargets(repo.dir, [{ path: 'flows/a.yaml', status: 'modified' }], ['flow'])).toThrow('no such file or folder: flow');
  });
});
