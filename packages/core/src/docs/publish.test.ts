import { spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { VERSION } from '../version.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const readJson = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));
const core = readJson('packages/core/package.json');

interface Hook { id: string; entry: string; language: string; args?: string[]; files: string; pass_filenames?: boolean; additional_dependencies?: string[] }
const hooks: Hook[] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'cxlint')!;
  const tmp = mkdtempSync(join(tmpdir(), 'cxlint-hook-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('declares a node hook whose entry is the package bin, pinned to the current version', () => {
    expect(hook).toBeDefined();
    expect(hook.language).toBe('node');
    expect(Object.keys(core.bin)).toContain(hook.entry.split(' ')[0]);
    expect(hook.additional_dependencies).toEqual([`@cxlint/core@${core.version}`]);
    // Cross-file rules need the whole repository: the hook must not pass only the staged files.
    expect(hook.pass_filenames).toBe(false);
  });

  it('runs for flows, data actions and Terraform, and not for other files', () => {
    const files = new RegExp(hook.files);
    for (const p of ['flows/a.yaml', 'b.yml', 'data-actions/c.custom.json', 'terraform/main.tf']) expect(files.test(p), p).toBe(true);
    for (const p of ['README.md', 'src/index.ts', 'main.tfvars']) expect(files.test(p), p).toBe(false);
  });

  it('its entry runs the CLI the way pre-commit does (bin on PATH, repository root as cwd)', () => {
    // pre-commit installs the package, which puts the `bin` on PATH, then runs `entry` + `args` at the root.
    const binDir = join(tmp, 'bin');
    mkdirSync(binDir);
    const binTarget = join(ROOT, 'packages/core', core.bin[hook.entry.split(' ')[0]]);
    accessSync(binTarget, constants.X_OK);
    symlinkSync(binTarget, join(binDir, hook.entry.split(' ')[0]));
    const repo = join(tmp, 'repo');
    cpSync(join(ROOT, 'examples'), repo, { recursive: true });
    const [cmd, ...entryArgs] = hook.entry.split(' ');
    const run = spawnSync(cmd, [...entryArgs, ...(hook.args ?? [])], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '' },
    });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('flows/support-inbound.yaml');
    expect(run.stdout).toContain('participant-data/literal-key');
    expect(run.status).toBe(1); // errors fail the commit
  }, 60_000);
});

describe('packages are ready to publish', () => {
  for (const dir of ['packages/core', 'packages/schema', 'packages/language-server']) {
    const pkg = readJson(`${dir}/package.json`);

    it(`${pkg.name}: metadata`, () => {
      expect(pkg.private).toBeUndefined();
      expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(pkg.type).toBe('module');
      expect(pkg.license).toBe('MIT');
      expect(pkg.engines.node).toBe(readJson('package.json').engines.node);
      expect(pkg.publishConfig.access).toBe('public');
      expect(pkg.repository.directory).toBe(dir);
      expect(pkg.files).toContain('dist');
      // `types` must come first in each condition for TypeScript to see it; `default` lets require() reach the
      // ES module (Node >= 22.12 loads it; older Node says ERR_REQUIRE_ESM, as the README explains).
      expect(Object.keys(pkg.exports['.'])).toEqual(['types', 'import', 'default']);
      expect(pkg.types).toBe(pkg.exports['.'].types);
      expect(existsSync(join(ROOT, dir, 'README.md'))).toBe(true);
    });

    it(`${pkg.name}: every export and bin exists in the built package`, () => {
      const targets = [pkg.main, pkg.types, ...Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))];
      for (const t of targets.filter((t) => !t.includes('*'))) expect(existsSync(join(ROOT, dir, t)), t).toBe(true);
      for (const b of Object.values((pkg.bin ?? {}) as Record<string, string>)) accessSync(join(ROOT, dir, b), constants.X_OK);
    });

    it(`${pkg.name}: the tarball holds the build and no sources or tests`, () => {
      const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(ROOT, dir), encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const files: string[] = JSON.parse(run.stdout)[0].files.map((f: { path: string }) => f.path);
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.d.ts');
      expect(files).toContain('README.md');
      expect(files.filter((f) => f.startsWith('src/') || /\.test\.(js|ts|d\.ts)$/.test(f))).toEqual([]);
      if (pkg.name === '@cxlint/core') expect(files).toEqual(expect.arrayContaining(['bin/cxlint.js', 'dist/bundle/lint-worker.mjs', 'dist/node/lint-worker.js']));
      if (pkg.name === '@cxlint/schema') {
        const schemas = readdirSync(join(ROOT, dir, 'schemas')).filter((f) => f.endsWith('.schema.json'));
        for (const s of schemas) expect(files).toContain(`schemas/${s}`);
      }
    }, 60_000);
  }
});

describe('versions and changesets', () => {
  it('the CLI reports the package version (sync-version keeps them equal)', () => {
    expect(VERSION).toBe(core.version);
  });

  it('changesets publish the packages publicly, with one version', () => {
    const config = readJson('.changeset/config.json');
    expect(config.access).toBe('public');
    expect(config.baseBranch).toBe('main');
    expect(config.fixed).toEqual([['@cxlint/core', '@cxlint/schema', '@cxlint/language-server']]);
  });

  it('pending changesets name only packages of this repository', () => {
    const names = readdirSync(join(ROOT, 'packages')).map((d) => readJson(`packages/${d}/package.json`).name);
    for (const f of readdirSync(join(ROOT, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(ROOT, '.changeset', f), 'utf8'));
      expect(front, f).not.toBeNull();
      const bumps = parse(front![1]) as Record<string, string>;
      for (const [name, bump] of Object.entries(bumps)) {
        expect(names, f).toContain(name);
        expect(['major', 'minor', 'patch']).toContain(bump);
      }
    }
  });
});
