/**
 * The `cxlint` command as a user runs it: the real bin (`packages/core/bin/cxlint.js` → `dist/`), spawned as a
 * process. Test-only (excluded from the published build).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/cxlint.js', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

export interface Run { code: number | null; stdout: string; stderr: string }

/** Plain output: vitest sets FORCE_COLOR, which (as in Node) wins over NO_COLOR, so it is dropped. */
export function plainEnv(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, ...env } = process.env;
  return { ...env, NO_COLOR: '1' };
}

/**
 * Runs `cxlint ...args` in `cwd`; `prefix` runs it through another command (`setpriv …`, for a non-root user), and
 * `node` and `bin` run another copy of node or of the CLI (see `nonRootCli`).
 */
export function spawnCxlint(cwd: string, args: string[], options: { prefix?: string[]; node?: string; bin?: string; input?: string } & Pick<SpawnSyncOptions, 'env'> = {}): Run {
  const [cmd, ...rest] = [...(options.prefix ?? []), options.node ?? process.execPath, options.bin ?? BIN, ...args];
  const r = spawnSync(cmd, rest, { cwd, encoding: 'utf8', env: options.env ?? plainEnv(), timeout: 60_000, input: options.input, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit code and output, so a failing assertion shows what the command said. */
export function showRun(run: Run): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
