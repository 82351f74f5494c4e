/**
 * `--concurrency`: the per-file work on a pool of worker threads when the run is large enough to pay for starting
 * them. Each worker loads the default node linter (`lint-worker.ts`) and does, for the files it is sent, pass 1
 * (Terraform's HCL preparation, parse, facts, the rules that read one file) and then pass 2 (the cross-file rules
 * over a project it builds from every file's facts, sent once). The main thread reads files, resolves configs, hands
 * the results to the engine as `LintInput.record`/`cross`, and keeps the cache: the output is the single-thread
 * run's whatever the number of workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic, FileKind } from '../diagnostics.js';
import type { FileRecord, LintInput, RuleSetting } from '../linter.js';
import type { FileFacts } from '../model/facts.js';
import type { ProjectSettings } from '../model/project.js';

/** ESLint's values: a number of worker threads, `auto` (decided from the files to lint and the cores), or `off`. */
export type Concurrency = number | 'auto' | 'off';

/**
 * `auto`, shaped as ESLint's (`calculateAutoWorkerCount`): one worker per `AUTO_FILES_PER_WORKER` files to lint (cache
 * misses), rounded up, at most half the cores (`os.availableParallelism() >> 1`); one worker is the main thread alone.
 * ESLint's constant is 50; a file costs cxlint less (~8 ms of CPU for a 20-task flow). Measured on the 2-core
 * bench machine (README, "Concurrency"): one worker only moves the work to another thread and adds ~15-30% of CPU
 * (each thread loads and warms up its own engine, records and facts are copied between threads), and two workers on
 * two busy cores did not shorten a run; so on 2 cores `auto` is the main thread.
 */
export const AUTO_FILES_PER_WORKER = 200;

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
  const workers = Math.min(cores >> 1, Math.ceil(files / AUTO_FILES_PER_WORKER));
  return workers >= 2 ? workers : 0;
}

/**
 * The worker's script: `lint-worker.mjs` beside the bundled CLI's chunks (scripts/bundle-cli.mjs), or `lint-worker.js`
 * beside this module in dist/. Absent when core was bundled into something else (the action) or runs from its
 * TypeScript sources (tests): then there is no pool.
 */
export function workerScript(): URL | undefined {
  for (const name of ['./lint-worker.mjs', './lint-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(url)) return url;
  }
  return undefined;
}

/** Pass 1 of one file: its text and the rules its config enables (plain data from the main thread's matcher). */
export interface RecordJob {
  path: string;
  text: string;
  enabled: ReadonlyMap<string, RuleSetting>;
  /** A file read only for the project gets its facts alone (its own rules are not run). */
  target: boolean;
}
export type RecordReply = { record: FileRecord; prepared?: unknown } | { readError: string; readErrorLine?: number };

/** Pass 2 of one target, over the project the worker was sent. */
export interface CrossJob {
  path: string;
  text: string;
  kind: FileKind;
  prepared?: unknown;
  enabled: ReadonlyMap<string, RuleSetting>;
}

/** What the main thread sends a worker. */
export type WorkerTask =
  | { batch: number; records: RecordJob[] }
  | { batch: number; cross: CrossJob[] }
  | { project: { facts: FileFacts[]; settings: ProjectSettings } };

/** A worker's answer for a batch, job by job: the result, or why it failed (the main thread then does that job). */
export interface WorkerReply {
  batch: number;
  results: (RecordReply | Diagnostic[] | { failed: string })[];
}

interface Member {
  worker: Worker;
  alive: boolean;
  /** The batch it is working on, which its death leaves to the main thread. */
  busy?: number;
}

/**
 * Worker threads that stay up for a whole `lintPaths` run (pass 1, then pass 2). A worker that dies is dropped and
 * the batch it held is left to the main thread; `close` terminates them all.
 */
export class WorkerPool {
  private readonly members: Member[];
  private notes: string[] = [];
  private onReply?: (member: Member, reply: WorkerReply) => void;
  private onDeath?: (member: Member) => void;

  private constructor(script: URL, count: number) {
    this.members = Array.from({ length: count }, () => {
      const member: Member = { worker: new Worker(script), alive: true };
      const stopped = (why: string) => {
        if (!member.alive) return;
        member.alive = false;
        this.notes.push(member.busy !== undefined ? `${why} while linting a batch of files` : why);
        void member.worker.terminate();
        this.onDeath?.(member);
      };
      member.worker.on('message', (reply: WorkerReply) => this.onReply?.(member, reply));
      member.worker.on('error', (e) => stopped(`a worker thread failed (${e.message})`));
      member.worker.on('exit', (code) => stopped(`a worker thread stopped (exit code ${code})`));
      return member;
    });
  }

  /** A pool of `count` workers, or `undefined` when there is no worker script to run (see `workerScript`). */
  static start(count: number, script = workerScript()): WorkerPool | undefined {
    return script && count > 0 ? new WorkerPool(script, count) : undefined;
  }

  get size(): number {
    return this.members.filter((m) => m.alive).length;
  }

  /** Sends every worker the project's facts: the cross-file batches after it run over `Project.fromFacts` of them. */
  sendProject(facts: FileFacts[], settings: ProjectSettings): void {
    for (const m of this.members) if (m.alive) m.worker.postMessage({ project: { facts, settings } } satisfies WorkerTask);
  }

  /**
   * Runs the jobs in batches on the workers and returns each job's result, in job order; `undefined` for a job whose
   * worker died or that threw there (the caller does it on the main thread, as a single-thread run would).
   */
  run(kind: 'records', jobs: readonly RecordJob[], onProgress?: (done: number, total: number) => void): Promise<(RecordReply | undefined)[]>;
  run(kind: 'cross', jobs: readonly CrossJob[], onProgress?: (done: number, total: number) => void): Promise<(Diagnostic[] | undefined)[]>;
  run(kind: 'records' | 'cross', jobs: readonly (RecordJob | CrossJob)[], onProgress?: (done: number, total: number) => void): Promise<unknown[]> {
    const results: unknown[] = new Array(jobs.length).fill(undefined);
    // Batches big enough to amortise a message, small enough that the workers finish together.
    const size = Math.max(1, Math.min(32, Math.ceil(jobs.length / (Math.max(1, this.size) * 8))));
    const starts: number[] = [];
    for (let i = 0; i < jobs.length; i += size) starts.push(i);
    let next = 0;
    let finished = 0;
    return new Promise((resolve) => {
      const settleIfDone = () => {
        if (this.members.every((m) => !m.alive || m.busy === undefined) && (next >= starts.length || !this.size)) {
          this.onReply = this.onDeath = undefined;
          resolve(results);
        }
      };
      const feed = (m: Member) => {
        m.busy = undefined;
        if (!m.alive || next >= starts.length) return;
        const batch = next++;
        m.busy = batch;
        const slice = jobs.slice(starts[batch], starts[batch] + size);
        m.worker.postMessage((kind === 'records' ? { batch, records: slice } : { batch, cross: slice }) as WorkerTask);
      };
      this.onReply = (m, reply) => {
        reply.results.forEach((r, i) => {
          if (!(r && typeof r === 'object' && 'failed' in r)) results[starts[reply.batch] + i] = r;
        });
        finished += reply.results.length;
        onProgress?.(finished, jobs.length);
        feed(m);
        settleIfDone();
      };
      this.onDeath = (m) => {
        m.busy = undefined;
        settleIfDone();
      };
      for (const m of this.members) feed(m);
      settleIfDone();
    });
  }

  /** Terminates every worker; returns what the user should hear about workers that stopped on their own. */
  async close(): Promise<string[]> {
    this.onDeath = undefined;
    for (const m of this.members) m.alive = false;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
    return this.notes.map((n) => `${n}; its files were linted on the main thread`);
  }
}
