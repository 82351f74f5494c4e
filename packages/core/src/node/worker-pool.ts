/**
 * `--concurrency`: pass 1 (parse, facts, the rules that read one file) on a pool of worker threads when the run is
 * large enough to pay for starting them. Each worker loads the default node linter (`lint-worker.ts`); the main
 * thread keeps everything that needs the whole project (building it from the records' facts, the cross-file rules,
 * the cache), so the output is the single-thread run's whatever the number of workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRecord, LintInput, RuleSetting } from '../linter.js';

/** ESLint's values: a number of worker threads, `auto` (decided from the files to lint and the cores), or `off`. */
export type Concurrency = number | 'auto' | 'off';

/** One batch of files for a worker, with the rules each file's config enables. */
export interface WorkerTask {
  batch: number;
  files: { path: string; text: string; enabled: ReadonlyMap<string, RuleSetting> }[];
}

/** A worker's answer for a batch, file by file: the record, the refusal `prepareInput` gave, or why it failed. */
export interface WorkerReply {
  batch: number;
  files: ({ record: FileRecord; prepared?: unknown } | { readError: string; readErrorLine?: number } | { failed: string })[];
}

/**
 * `auto` starts workers only for this many files to lint (cache misses) per worker, and at most one per core.
 * Measured on the 2-core bench machine (README, "Concurrency"): below it, starting a worker (loading the engine
 * in it, ~0.3 s of CPU) costs more than its share of the files saves.
 */
export const AUTO_FILES_PER_WORKER = 500;

/** `--concurrency`'s value, or `undefined` when it is none of a positive whole number, `auto` and `off`. */
export function parseConcurrency(value: string): Concurrency | undefined {
  if (value === 'auto' || value === 'off') return value;
  const n = Number(value);
  return /^\d+$/.test(value) && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** How many workers to start for `files` files to lint: 0 runs them on the main thread. */
export function workerCount(concurrency: Concurrency, files: number, cores = availableParallelism()): number {
  if (concurrency === 'off' || files === 0) return 0;
  if (concurrency !== 'auto') return Math.min(concurrency, files);
  if (cores < 2) return 0;
  return Math.min(cores, Math.floor(files / AUTO_FILES_PER_WORKER));
}

/**
 * The worker's script: `lint-worker.mjs` beside the bundled CLI's chunks (scripts/bundle-cli.mjs), or `lint-worker.js`
 * beside this module in dist/. Absent when core itself was bundled into something else (the action) or runs from
 * its TypeScript sources (tests): then there is no pool.
 */
export function workerScript(): URL | undefined {
  for (const name of ['./lint-worker.mjs', './lint-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return url;
  }
  return undefined;
}

export interface PassOneJob {
  /** Index into the caller's inputs. */
  at: number;
  path: string;
  text: string;
  enabled: ReadonlyMap<string, RuleSetting>;
}

export interface PoolOptions {
  workers: number;
  script?: URL;
  /** Files done so far (progress on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** A worker that stopped: its files were left to the main thread. */
  onNote?: (message: string) => void;
}

/**
 * Runs pass 1 of `jobs` on `workers` threads and returns, by input index, what to add to each input: its `record`
 * (and a Terraform file's `prepared` document), or the `readError` the worker's preparation gave it. A file missing
 * from the map (its worker died, or linting it threw) is left to the main thread, which lints it as a single-thread
 * run would. Every worker is terminated before this returns.
 */
export async function passOneOnWorkers(jobs: readonly PassOneJob[], options: PoolOptions): Promise<Map<number, Partial<LintInput>>> {
  const done = new Map<number, Partial<LintInput>>();
  const script = options.script ?? workerScript();
  if (!script || !jobs.length) return done;
  // Batches big enough to amortise a message, small enough that the workers finish together.
  const batchSize = Math.max(1, Math.min(32, Math.ceil(jobs.length / (options.workers * 8))));
  const batches: PassOneJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
  let next = 0;
  let finished = 0;
  const failures: string[] = [];

  const runWorker = () =>
    new Promise<void>((settle) => {
      const worker = new Worker(script);
      let current: number | undefined;
      let over = false;
      const send = () => {
        if (next >= batches.length) {
          current = undefined;
          over = true;
          void worker.terminate().then(() => settle());
          return;
        }
        current = next++;
        const files = batches[current].map(({ path, text, enabled }) => ({ path, text, enabled }));
        worker.postMessage({ batch: current, files } satisfies WorkerTask);
      };
      const stopped = (why: string) => {
        if (over) return;
        over = true;
        // The batch it held is left to the main thread; the other workers take the batches still queued.
        if (current !== undefined) failures.push(`${why} while linting ${batches[current].length === 1 ? batches[current][0].path : `${batches[current][0].path} and ${batches[current].length - 1} more files`}`);
        else failures.push(why);
        void worker.terminate().then(() => settle());
      };
      worker.on('message', (reply: WorkerReply) => {
        batches[reply.batch].forEach((job, i) => {
          const file = reply.files[i];
          if (!file || 'failed' in file) return;
          done.set(job.at, 'record' in file ? { record: file.record, ...(file.prepared !== undefined ? { prepared: file.prepared } : {}) } : { readError: file.readError, readErrorLine: file.readErrorLine });
        });
        finished += batches[reply.batch].length;
        options.onProgress?.(finished, jobs.length);
        send();
      });
      worker.on('error', (e) => stopped(`a worker thread failed (${e.message})`));
      worker.on('exit', (code) => stopped(`a worker thread stopped (exit code ${code})`));
      send();
    });

  await Promise.all(Array.from({ length: Math.min(options.workers, batches.length) }, runWorker));
  for (const failure of failures) options.onNote?.(`${failure}; those files were linted on the main thread`);
  return done;
}
