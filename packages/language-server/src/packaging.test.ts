/**
 * The packages as users get them: `npm pack` of schema, core and language-server, installed from the tarballs into
 * an empty project outside the repository (no node_modules above it), then run there: `cxlint` on a flow, the
 * language server's handshake and a diagnostic, `require()` from CommonJS. The tarballs' contents and every
 * installed dependency's `engines` are checked against what we declare.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../core/src/testing/temp-dirs.js';
import { LspProcess } from './testing/lsp-client.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PACKAGES = ['schema', 'core', 'language-server'] as const;
const semver = createRequire(import.meta.url)('semver') as { subset(a: string, b: string): boolean; validRange(r: string): string | null };
const ENGINES = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
const tempDir = tempDirs();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let packDir: string;
let project: string;
const tarballs = new Map<string, { file: string; entries: string[] }>();

const FLOW = readFileSync(join(ROOT, 'examples/flows/support-inbound.yaml'), 'utf8');

beforeAll(() => {
  packDir = tempDir(join(tmpdir(), 'cxlint-pack-'));
  for (const p of PACKAGES) {
    const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: join(ROOT, 'packages', p), encoding: 'utf8' });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    tarballs.set(p, { file: join(packDir, info.filename), entries: info.files.map((f) => f.path) });
  }
  // Outside the repository, so nothing resolves from the workspace's node_modules.
  project = tempDir(join(tmpdir(), 'cxlint-install-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'cxlint-install-check', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...PACKAGES.map((p) => tarballs.get(p)!.file)], {
    cwd: project,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
  });
  mkdirSync(join(project, 'flows'));
  writeFileSync(join(project, 'flows/support.yaml'), FLOW);
}, 360_000);

describe('packed tarballs', () => {
  for (const p of PACKAGES) {
    it(`${p}: holds a LICENSE, the build, and nothing dev-only`, () => {
      const { entries } = tarballs.get(p)!;
      expect(entries).toContain('LICENSE');
      expect(entries).toContain('package.json');
      expect(entries).toContain('dist/index.js');
      const devOnly = entries.filter((f) =>
        /(^|\/)(src|test|tests|scripts|node_modules|\.turbo)\//.test(f) || /\.test\.|tsconfig|vitest\.config|\.tsbuildinfo$|\.lua$/.test(f) ||
        /testing\/(temp-dirs|flow-fixtures|data-action-fixtures|lsp-client)/.test(f));
      expect(devOnly).toEqual([]);
    });

    it(`${p}: every source map points at files inside the tarball`, () => {
      const { entries } = tarballs.get(p)!;
      const installed = join(project, 'node_modules/@cxlint', p);
      const dangling: string[] = [];
      for (const map of entries.filter((f) => f.endsWith('.map'))) {
        const { sources = [] } = JSON.parse(readFileSync(join(installed, map), 'utf8')) as { sources?: string[] };
        for (const s of sources) {
          const target = posix.normalize(posix.join(posix.dirname(map), s));
          if (!entries.includes(target)) dangling.push(`${map} -> ${s}`);
        }
      }
      // Comments that name a map the tarball does not hold are dangling too.
      for (const js of entries.filter((f) => /\.(m?js|d\.ts)$/.test(f))) {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(installed, js), 'utf8'));
        if (m && !m[1].startsWith('data:') && !entries.includes(posix.join(posix.dirname(js), m[1]))) dangling.push(`${js} -> ${m[1]}`);
      }
      expect(dangling).toEqual([]);
    });

    it(`${p}: declares our engines`, () => {
      const pkg = JSON.parse(readFileSync(join(project, 'node_modules/@cxlint', p, 'package.json'), 'utf8'));
      expect(pkg.engines.node).toBe(ENGINES);
    });
  }
});

describe('installed from the tarballs into an empty project', () => {
  it('every installed dependency supports every Node version our engines allow', () => {
    const conflicts: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        if (name.startsWith('.')) continue;
        if (name.startsWith('@')) { walk(join(dir, name)); continue; }
        const manifest = join(dir, name, 'package.json');
        if (!existsSync(manifest)) continue;
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string; engines?: { node?: string } };
        const range = pkg.engines?.node;
        if (range && semver.validRange(range) && !semver.subset(ENGINES, range)) conflicts.push(`${pkg.name}@${pkg.version} needs node ${range}`);
        walk(join(dir, name, 'node_modules'));
      }
    };
    walk(join(project, 'node_modules'));
    expect(conflicts).toEqual([]);
  });

  it('`npx cxlint` lints a flow and reports what the CLI in the repository reports', () => {
    const run = spawnSync(npm, ['exec', '--offline', '--', 'cxlint', 'flows/support.yaml', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    const installed = JSON.parse(run.stdout);
    const inRepo = spawnSync(process.execPath, [join(ROOT, 'packages/core/bin/cxlint.js'), 'flows/support.yaml', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(installed).toEqual(JSON.parse(inRepo.stdout));
    expect(installed[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('participant-data/literal-key');
    // The worker threads of --concurrency run the installed package's lint-worker script (it must be in `files`).
    const pooled = spawnSync(npm, ['exec', '--offline', '--', 'cxlint', 'flows/support.yaml', '--format', 'json', '--concurrency', '2', '--debug'], { cwd: project, encoding: 'utf8' });
    expect(pooled.stderr).toMatch(/concurrency: 1 worker thread \(pass 1 of 1 of 1 files to lint, pass 2 of 1 targets\)/);
    expect(JSON.parse(pooled.stdout)).toEqual(installed);
  });

  it('`cxlint-language-server --stdio` answers the handshake and publishes the diagnostic', async () => {
    const server = new LspProcess(join(project, 'node_modules/@cxlint/language-server/bin/cxlint-language-server.js'));
    try {
      const init = await server.initialize(project);
      expect(init.serverInfo?.name).toBe('cxlint-language-server');
      const file = join(project, 'flows/support.yaml');
      server.open(file, FLOW);
      const got = await server.diagnosticsFor(file, (d) => d.length > 0);
      // The example flow's templated key (line 31) and constant key (line 45), as the CLI reports them.
      expect(got.map((d) => `${String(d.code)} ${d.range.start.line + 1}`)).toEqual(['participant-data/literal-key 31', 'participant-data/literal-key 45']);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // And through the bin link npm made, as an editor would start it.
    const version = spawnSync(join(project, 'node_modules/.bin/cxlint-language-server'), ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/language-server/package.json'), 'utf8')).version);
  });

  for (const p of PACKAGES) {
    it(`require('@cxlint/${p}') from CommonJS works, or fails with the ERR_REQUIRE_ESM the README explains`, () => {
      const script = `try { const m = require('@cxlint/${p}'); console.log(JSON.stringify({ ok: true, exports: Object.keys(m).length })); }
        catch (e) { console.log(JSON.stringify({ ok: false, code: e.code, message: e.message })); }`;
      const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' }));
      if (out.ok) expect(out.exports).toBeGreaterThan(0);
      else {
        expect(out.code).toBe('ERR_REQUIRE_ESM');
        expect(out.message).toMatch(/import\(\)/);
        const readme = readFileSync(join(project, 'node_modules/@cxlint', p, 'README.md'), 'utf8');
        expect(readme).toContain('ERR_REQUIRE_ESM');
      }
      const [major, minor] = process.versions.node.split('.').map(Number);
      // Node 20.19+ and 22.12+ load ES modules from require(); other versions must give the explained error.
      expect(out.ok).toBe(major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19));
    });
  }

  it('the install happened outside the repository', () => {
    expect(dirname(project).startsWith(ROOT)).toBe(false);
  });
});
