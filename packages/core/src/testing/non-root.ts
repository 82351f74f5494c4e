/**
 * Running the built CLI as a user who is not root, for permission tests (root reads and writes any file, so a
 * chmod-000 test passes as root for the wrong reason). CI runs as root on a clone in a folder the `nobody` user
 * may not be able to enter (a `mktemp -d` folder is 0700): the CLI, its runtime packages and, if needed, node are
 * then copied to a world-readable temporary folder, laid out as in the repository, and run from there.
 * Test-only (excluded from the published build).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll } from 'vitest';
import { BIN } from './spawn-cli.js';

const SETPRIV = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
/** The core package (…/packages/core) and the repository root above it. */
const CORE = resolve(dirname(BIN), '..');
const REPO = realpathSync(resolve(CORE, '..', '..'));

/** How to run the CLI as `nobody`: the command to put before `node bin/cxlint.js`, or why it cannot be done here. */
export type NonRoot = { prefix: string[]; node: string; bin: string } | { skip: string };

function probe(node: string, bin: string): string | undefined {
  const r = spawnSync(SETPRIV[0], [...SETPRIV.slice(1), node, bin, '--version'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : (r.error?.message ?? (r.stderr.trim() || `exit ${r.status}`));
}

/** Where `name` resolves from `fromDir`, as Node looks it up (node_modules folders upwards); undefined if nowhere. */
function lookUp(name: string, fromDir: string): string | undefined {
  for (let d = fromDir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Copies `packages/core`'s bin and dist and every package it needs at run time (dependencies, recursively, as
 * Node resolves them from each package's real folder) into `dest`, at the same paths relative to the repository.
 * Workspace links (`node_modules/@cxlint/schema` → `packages/schema`) stay links to the copied package.
 */
export function copyBuiltCli(dest: string): string {
  const done = new Set<string>();
  const copyPackage = (real: string, only?: string[]) => {
    if (done.has(real)) return;
    done.add(real);
    const to = join(dest, relative(REPO, real));
    const entries = only ?? ['.'];
    for (const entry of entries) {
      // A package's own node_modules is copied entry by entry, only what is resolved from it.
      cpSync(join(real, entry), join(to, entry), { recursive: true, filter: (src) => !relative(real, src).split(sep).includes('node_modules') });
    }
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const required = Object.keys(pkg.dependencies ?? {});
    const optional = [...Object.keys(pkg.optionalDependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
    for (const name of [...required, ...optional]) {
      const found = lookUp(name, real);
      if (!found) {
        if (required.includes(name)) throw new Error(`${name}, a dependency of ${real}, is not installed`);
        continue;
      }
      const foundReal = realpathSync(found);
      if (lstatSync(found).isSymbolicLink()) {
        const link = join(dest, relative(REPO, found));
        if (!existsSync(link)) {
          mkdirSync(dirname(link), { recursive: true });
          symlinkSync(readlinkSync(found), link);
        }
      }
      copyPackage(foundReal);
    }
  };
  copyPackage(realpathSync(CORE), ['bin', 'dist', 'package.json']);
  return join(dest, relative(REPO, realpathSync(BIN)));
}

/** Makes every folder and file under `dir` readable (and folders enterable) by anyone. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  spawnSync('chmod', ['-R', 'a+rX', dir]);
}

/**
 * How to run the CLI as `nobody` (uid 65534): directly when not root; as root through `setpriv`, from the repository
 * when `nobody` can read it, else from a world-readable copy (removed after the tests). Call at module level.
 */
export function nonRootCli(): NonRoot {
  if (process.getuid?.() !== 0) return { prefix: [], node: process.execPath, bin: BIN };
  const direct = probe(process.execPath, BIN);
  if (direct === undefined) return { prefix: SETPRIV, node: process.execPath, bin: BIN };
  let copy: string | undefined;
  try {
    copy = mkdtempSync(join(tmpdir(), 'cxlint-nonroot-'));
    const dir = copy;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const bin = copyBuiltCli(copy);
    let node = process.execPath;
    if (spawnSync(SETPRIV[0], [...SETPRIV.slice(1), node, '--version']).status !== 0) {
      // node itself lives where `nobody` cannot go (a version manager under /root): a copy of the binary runs anywhere.
      node = join(copy, 'node');
      copyFileSync(process.execPath, node);
    }
    openUp(copy);
    const copied = probe(node, bin);
    if (copied === undefined) return { prefix: SETPRIV, node, bin };
    return { skip: `running as root; \`setpriv\` cannot run the CLI as uid 65534 from the repository (${direct}) nor from a copy in ${copy} (${copied}): permission tests would pass for the wrong reason` };
  } catch (e) {
    return { skip: `running as root; \`setpriv\` cannot run the CLI as uid 65534 (${direct}), and copying it elsewhere failed (${(e as Error).message})` };
  }
}
