/**
 * `--concurrency` end to end: the real bin spawned with the pool forced on small sets (`--concurrency 2`) must print
 * exactly what `--concurrency off` prints (JSON and stylish, fixes, exit code) on examples/, the corpus when present
 * and a generated repository of a few hundred files; a worker that dies or throws loses nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, plainEnv, showRun, spawnCxlint, type Run } from '../testing/spawn-cli.js';
import { parseConcurrency, workerCount, AUTO_FILES_PER_WORKER } from './worker-pool.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));

let root: string;
let repo: string;

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: build @cxlint/core first (npx turbo run build --filter=@cxlint/core)`);
  root = mkdtempSync(join(tmpdir(), 'cxlint-pool-'));
  mkdirSync(join(root, '.git'));
  // A repository of 50 teams, each with examples/' flows, data actions and Terraform (350 files): cross-file rules
  // see every team's keys and actions, and every fourth team spells some names differently.
  repo = join(root, 'repo');
  for (let i = 0; i < 50; i++) {
    const team = join(repo, `team-${i}`);
    cpSync(EXAMPLES, team, { recursive: true });
    if (i % 4 !== 1) continue;
    for (const dir of ['flows', 'data-actions']) {
      for (const name of readdirSync(join(team, dir))) {
        const file = join(team, dir, name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/Order/g, 'order').replace(/Ticket/g, 'ticket'));
      }
    }
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Run => spawnCxlint(cwd, args, { env: { ...plainEnv(), ...env } });

/** Runs both ways and expects the same exit code and report; returns the pooled run's stderr for more checks. */
function expectSameAsOff(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const off = run(cwd, [...args, '--concurrency', 'off']);
  const pooled = run(cwd, [...args, '--concurrency', '2', '--debug'], env);
  expect(off.code, showRun(off)).not.toBe(2);
  expect({ code: pooled.code, stdout: pooled.stdout }, showRun(pooled)).toEqual({ code: off.code, stdout: off.stdout });
  return pooled.stderr;
}

describe('--concurrency 2 prints what --concurrency off prints', () => {
  it('on examples/ (JSON and stylish), with the pool doing both passes', () => {
    const stderr = expectSameAsOff(EXAMPLES, ['.', '-f', 'json']);
    expect(stderr).toMatch(/concurrency: 2 worker threads \(pass 1 of 7 of 7 files to lint, pass 2 of 6 targets\)/);
    expectSameAsOff(EXAMPLES, ['.']);
  });

  it('on a generated repository of 350 files, and with --fix-dry-run', () => {
    const stderr = expectSameAsOff(repo, ['.', '-f', 'json']);
    expect(stderr).toMatch(/concurrency: 2 worker threads \(pass 1 of 350 of 350 files to lint, pass 2 of 300 targets\)/);
    expectSameAsOff(repo, ['team-1', 'team-2', '-f', 'json', '--fix-dry-run']);
  });

  it('with --cache: only the cache misses go to the workers', () => {
    const cwd = mkdtempSync(join(root, 'cache-'));
    mkdirSync(join(cwd, '.git'));
    cpSync(join(repo, 'team-1'), join(cwd, 'team-1'), { recursive: true });
    cpSync(join(repo, 'team-2'), join(cwd, 'team-2'), { recursive: true });
    const cold = run(cwd, ['.', '-f', 'json', '--cache', '--concurrency', '2', '--debug']);
    expect(cold.stderr).toMatch(/pass 1 of 14 of 14 files to lint, pass 2 of 0 targets/);
    writeFileSync(join(cwd, 'team-2/flows/support-inbound.yaml'), readFileSync(join(cwd, 'team-2/flows/support-inbound.yaml'), 'utf8').replace(/Support/g, 'Help'));
    const warm = run(cwd, ['.', '-f', 'json', '--cache', '--concurrency', '2', '--debug']);
    expect(warm.stderr).toMatch(/pass 1 of 1 of 1 files to lint/);
    const fresh = run(cwd, ['.', '-f', 'json', '--concurrency', 'off']);
    expect({ code: warm.code, stdout: warm.stdout }, showRun(warm)).toEqual({ code: fresh.code, stdout: fresh.stdout });
  });

  (existsSync(CORPUS) ? it : it.skip)(existsSync(CORPUS) ? 'on the real corpus (../shared/corpus)' : 'on the real corpus: SKIPPED, ../shared/corpus not found next to the repository', () => {
    expectSameAsOff(CORPUS, ['.', '-f', 'json']);
  });
});

describe('a worker that fails loses nothing', () => {
  for (const fault of ['crash', 'throw', 'crash-cross', 'throw-cross']) {
    it(`${fault}: the file is linted on the main thread and the report is the same`, () => {
      const stderr = expectSameAsOff(repo, ['.', '-f', 'json'], { CXLINT_TEST_WORKER_FAULT: `${fault}:team-7/flows/support-inbound.yaml` });
      if (fault.startsWith('crash')) expect(stderr).toMatch(/note: a worker thread stopped \(exit code 70\) while linting a batch of files; its files were linted on the main thread/);
      else expect(stderr).not.toMatch(/note:/);
    });
  }

  it('every worker dying still gives the whole report', () => {
    const stderr = expectSameAsOff(repo, ['.', '-f', 'json'], { CXLINT_TEST_WORKER_FAULT: 'crash:/flows/' });
    expect(stderr.match(/worker thread stopped/g)).toHaveLength(2);
    expect(stderr).toMatch(/pass 1 of 0 of 350 files to lint/);
  });
});

describe('the flag', () => {
  it('takes ESLint\'s values and refuses others', () => {
    expect([parseConcurrency('auto'), parseConcurrency('off'), parseConcurrency('3')]).toEqual(['auto', 'off', 3]);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(parseConcurrency(bad)).toBeUndefined();
    const bad = run(EXAMPLES, ['.', '--concurrency', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency "0" must be a positive whole number, auto or off/);
  });

  it('auto: half the cores, one worker per AUTO_FILES_PER_WORKER files to lint, and never a single worker', () => {
    expect(workerCount('auto', 100_000, 2)).toBe(0);
    expect(workerCount('auto', 100_000, 3)).toBe(0);
    expect(workerCount('auto', 100_000, 4)).toBe(2);
    expect(workerCount('auto', 100_000, 16)).toBe(8);
    expect(workerCount('auto', AUTO_FILES_PER_WORKER, 16)).toBe(0);
    expect(workerCount('auto', AUTO_FILES_PER_WORKER + 1, 16)).toBe(2);
    expect(workerCount('auto', 3 * AUTO_FILES_PER_WORKER, 16)).toBe(3);
    expect(workerCount(4, 3)).toBe(3);
    expect(workerCount(1, 100_000)).toBe(1);
    expect(workerCount('off', 100_000, 16)).toBe(0);
    // examples/ is a small run: auto lints it on the main thread; off (the default, as ESLint's) says nothing of workers.
    expect(run(EXAMPLES, ['.', '--debug', '--concurrency', 'auto']).stderr).toMatch(/concurrency: main thread \(7 files to lint\)/);
    expect(run(EXAMPLES, ['.', '--debug']).stderr).toMatch(/concurrency: off, main thread\n/);
  });
});
