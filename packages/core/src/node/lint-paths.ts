import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
// The engine (rules, parsers, config validation with ajv and the generated schemas) is imported only once there
// is a config or a file to lint, so a run that finds nothing (an empty folder, a path with no flows) starts
// nearly as fast as node itself.
import type { LoadedConfig } from '../config/types.js';
import { countResult, type LintResult } from '../diagnostics.js';
import type { LintCache, LintInput } from '../lint.js';
import type { Rule } from '../rules/rule.js';
import { DEFAULT_MAX_FILE_SIZE, readSourceFile } from '../source/read-file.js';
import { findFiles, type FoundFiles } from './find-files.js';
import type { CommandLineConfig } from './config-resolver.js';
import { detectKind } from '../parse/detect-kind.js';
import type { ConfigMatcher } from '../config/resolve.js';
import type { ProjectSettings } from '../model/project.js';
import { workerCount, WorkerPool, type Concurrency, type CrossJob, type RecordJob } from './worker-pool.js';

export interface LintPathsOptions {
  cwd?: string;
  /** An explicit config file (used alone); otherwise each file's cascade of `.cxlint.yml` files (see `configCascade`). */
  configFile?: string;
  /** An already-loaded config (the action reads it from the base commit under `pull_request_target`). */
  config?: LoadedConfig;
  rules?: readonly Rule[];
  /** Files read only for the project model (the rest of the repo), not reported. */
  contextPaths?: string[];
  includeSource?: boolean;
  /** Rules and ignores from the command line, over every config. */
  commandLine?: CommandLineConfig;
  /** Texts to lint instead of what is on disk, by absolute path (`--fix` passes lint the fixed text before writing). */
  texts?: ReadonlyMap<string, string>;
  /** Record every path considered and why it was linted or skipped (`--debug`). */
  debug?: boolean;
  /** Called as files are read, parsed and linted (the CLI's progress line on a terminal). */
  onProgress?: (stage: ProgressStage, done: number, total: number) => void;
  /** Records kept between runs (`--cache`, see `node/cache.ts`) or between `--fix` passes. */
  cache?: LintCache;
  /**
   * `--concurrency` (ESLint's values): pass 1 of the files to lint on this many worker threads, `auto` to decide from
   * their number and the cores, `off` (the default) for none. Only with the built-in rules (`rules` not given).
   */
  concurrency?: Concurrency;
  /** Something the user should know that does not change the results (a worker thread that stopped). */
  onNote?: (message: string) => void;
}

export type ProgressStage = 'reading' | 'parsing' | 'linting';

export interface LintPathsResult {
  results: LintResult[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Config files used, for `--debug` and the job summary. */
  configFiles: string[];
  /**
   * Files and folders that exist but could not be read (the OS refused: permission, I/O), as displayed. Each is
   * also in `results` with a fatal message; the CLI exits 2 for them (nothing of them was checked).
   */
  unreadable: string[];
  /** Target files found but not linted: ignored by a config's `ignore`, or not a flow, data action or Terraform file. */
  skipped: { ignored: number; notOurs: number };
  /** With `debug`: every path considered, as displayed, and why it was linted or skipped. */
  considered?: { path: string; decision: string }[];
  /** With `debug` and a `concurrency`: the worker threads started, and how many files each pass gave them. */
  workers?: WorkerSummary;
}

export interface WorkerSummary {
  concurrency: Concurrency;
  threads: number;
  /** Files to lint (cache misses) that pass 1 was run on in the workers, of `candidates`. */
  records: number;
  candidates: number;
  /** Targets whose cross-file rules ran in the workers. */
  cross: number;
}

const toPosix = (p: string) => p.split(sep).join('/');

const isInside = (path: string, root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * A pull request can add `flows/x.yaml` as a symbolic link to the runner's files (git credentials, the
 * environment): a path inside the folder being linted must also resolve inside it, or it is not read.
 * Paths the user names outside the folder are theirs to read.
 */
function linksOutside(abs: string, cwd: string, linkFree: ReadonlyMap<string, string>, realPath: (folder: string) => string | undefined): boolean {
  if (!isInside(abs, cwd)) return false;
  const root = realPath(cwd) ?? cwd;
  // A file reached from a folder through no link resolves inside that folder's real path: one realpath per folder, not per file.
  const walkedFrom = linkFree.get(abs);
  if (walkedFrom !== undefined) {
    const realFolder = realPath(walkedFrom);
    if (realFolder !== undefined && isInside(realFolder, root)) return false;
  }
  try {
    return !isInside(realpathSync(abs), root);
  } catch {
    return false; // missing or unreadable: readSourceFile reports it
  }
}

/** The real path of a folder, resolved once per run (`undefined` when it cannot be resolved). */
function realPaths(): (folder: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (folder) => {
    if (!known.has(folder)) {
      let real: string | undefined;
      try { real = realpathSync(folder); } catch { real = undefined; }
      known.set(folder, real);
    }
    return known.get(folder);
  };
}

/** Lints files and folders from disk: finds them, reads them safely, resolves config, runs the engine. */
export async function lintPaths(paths: string[], options: LintPathsOptions = {}): Promise<LintPathsResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const builtIn = async () => (await import('../rules/index.js')).builtInRules;
  let explicit = options.config;
  if (!explicit && options.configFile) {
    const { loadConfigFile } = await import('../config/load.js');
    explicit = loadConfigFile(resolve(cwd, options.configFile), options.rules ?? (await builtIn()));
  }

  const found = findFiles(paths, cwd, { debug: options.debug });
  // A text given for a path not on disk (an unsaved buffer piped with --stdin-filename) is linted as that path.
  const unsaved = found.missing.filter((p) => options.texts?.has(resolve(cwd, p)));
  if (unsaved.length) {
    found.files.push(...unsaved.map((p) => resolve(cwd, p)));
    found.missing = found.missing.filter((p) => !unsaved.includes(p));
  }
  const targets = new Set(found.files);
  const foundContext = options.contextPaths ? findFiles(options.contextPaths, cwd) : undefined;
  const context = foundContext?.files ?? [];
  const linkFree = new Map([...(foundContext?.linkFree ?? []), ...found.linkFree]);
  const realPath = realPaths();
  const display = (abs: string) => toPosix(relative(cwd, abs)) || abs;
  const all = [...new Set([...found.files, ...context])];
  if (!all.length && !found.unreadableFolders.length) {
    // Nothing to read: what the full run below returns for no files, without loading the engine.
    return {
      results: [],
      missing: found.missing,
      configFiles: [],
      unreadable: [],
      skipped: { ignored: 0, notOurs: 0 },
      ...(options.debug ? { considered: describeConsidered(found, display, new Map(), new Map()) } : {}),
    };
  }
  const [{ lintFilesAsync }, { createConfigResolver }, rules] = await Promise.all([
    import('../lint.js'),
    import('./config-resolver.js'),
    options.rules ?? builtIn(),
  ]);

  const configs = createConfigResolver({ cwd, rules, explicit, commandLine: options.commandLine });
  const entryFor = configs.entryFor;

  const byDisplay = new Map<string, string>();
  const named = new Set(paths.map((p) => resolve(cwd, p)));
  const inputs: LintInput[] = [];
  // What the config's `ignore` (or --ignore-pattern) ignores is not read, so a file or folder there that the OS
  // refuses does not fail the run: ignoring it is how a user says it is not to be checked.
  const ignoredByConfig = (abs: string, folder = false) => {
    const { matcher, relPath } = configs.configFor(abs);
    return matcher.isIgnored(relPath) || (folder && matcher.isIgnored(`${relPath}/`));
  };
  const unreadableFolders = found.unreadableFolders.filter((f) => !ignoredByConfig(f.path, !f.named));
  const unreadable = unreadableFolders.map((f) => display(f.path));
  const skippedBeforeLint = new Map<string, string>();
  let done = 0;
  for (const abs of all) {
    options.onProgress?.('reading', done++, all.length);
    const display = toPosix(relative(cwd, abs)) || abs;
    byDisplay.set(display, abs);
    const entry = entryFor(abs);
    const given = options.texts?.get(abs);
    if (given !== undefined) {
      inputs.push({ path: display, text: given });
      continue;
    }
    if (ignoredByConfig(abs)) {
      inputs.push({ path: display, text: '' }); // reported as ignored by lintFiles, never read
      continue;
    }
    if (linksOutside(abs, cwd, linkFree, realPath)) {
      inputs.push({ path: display, readError: 'Symbolic link to a file outside the folder being linted; not read.' });
      continue;
    }
    const read = readSourceFile(abs, entry.loaded.config.settings?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (read.error === undefined) {
      inputs.push({ path: display, text: read.text });
      continue;
    }
    // A huge package-lock.json or a binary .yml found by walking a folder is not ours: skip it (--debug says so).
    // Files named explicitly, files that look like ours and files the OS would not let us read are always reported.
    if (read.osError === undefined && !named.has(abs) && detectKind(abs, read.head ?? '') === 'unknown') {
      skippedBeforeLint.set(display, `skipped: not a flow, data action or Terraform file (${read.error.replace(/\.$/, '')})`);
      continue;
    }
    if (read.osError !== undefined && targets.has(abs)) unreadable.push(display);
    inputs.push({ path: display, readError: read.error, readErrorLine: read.errorLine });
  }
  const settings = configs.projectSettings();
  const { made: pooled, summary } = await onWorkers(inputs, options, (display) => configs.configFor(byDisplay.get(display)!), (display) => targets.has(byDisplay.get(display)!), settings);
  const results = await lintFilesAsync(pooled.size ? inputs.map((input, at) => (pooled.has(at) ? { ...input, ...pooled.get(at) } : input)) : inputs, {
    rules,
    configFor: (display) => configs.configFor(byDisplay.get(display)!),
    settings,
    isTarget: (display) => targets.has(byDisplay.get(display)!),
    includeSource: options.includeSource,
    // Each file was read under its own folder's settings.maxFileSize (readSourceFile above).
    maxFileSize: Number.POSITIVE_INFINITY,
    onProgress: options.onProgress,
    cache: options.cache,
  });
  const folderResults = unreadableFolders.map((f) => countResult({
    filePath: display(f.path),
    kind: 'unknown',
    messages: [{ ruleId: null, severity: 2, fatal: true, message: f.named ? `Cannot read: ${f.error}.` : `Cannot read folder: ${f.error}; the files in it are not linted.`, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] }],
  }));
  let considered: LintPathsResult['considered'];
  if (options.debug) {
    const decided = new Map<string, string>();
    for (const r of results) {
      decided.set(r.filePath, r.skipped === 'ignored' ? `skipped: ignored by the config's \`ignore\``
        : r.skipped === 'not-ours' ? 'skipped: not a flow, data action or Terraform file (no flow-type key, no data-action contract, no genesyscloud_ resource)'
        : r.messages.some((m) => m.fatal) ? `reported: ${r.messages.find((m) => m.fatal)!.message}`
        : `linted as ${r.kind}`);
    }
    considered = describeConsidered(found, display, decided, skippedBeforeLint);
  }
  return {
    results: [...results.filter((r) => !r.skipped), ...folderResults].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0)),
    missing: found.missing,
    configFiles: configs.configFiles(),
    unreadable,
    skipped: {
      ignored: results.filter((r) => r.skipped === 'ignored').length,
      notOurs: results.filter((r) => r.skipped === 'not-ours').length + skippedBeforeLint.size,
    },
    ...(considered ? { considered } : {}),
    ...(options.debug && options.concurrency !== undefined ? { workers: summary } : {}),
  };
}

/** `--debug`: every path `findFiles` considered, as displayed, with what became of it. */
function describeConsidered(
  found: FoundFiles,
  display: (abs: string) => string,
  decided: ReadonlyMap<string, string>,
  skippedBeforeLint: ReadonlyMap<string, string>,
): NonNullable<LintPathsResult['considered']> {
  return (found.considered ?? []).map((c) => {
    const shown = display(c.path);
    if (!c.taken) return { path: shown, decision: `skipped: ${c.reason}` };
    return { path: shown, decision: `${decided.get(shown) ?? skippedBeforeLint.get(shown) ?? 'not linted'} (${c.reason})` };
  });
}

/**
 * `--concurrency`: pass 1 of the files the cache does not answer on worker threads when there are enough of them,
 * then (without a cache, whose bookkeeping of what each finding read stays on the main thread) pass 2 of the targets
 * over a project of the same facts. Returns, by input index, what to add to each input: its `record` (and a Terraform
 * file's `prepared` document) or a `readError`, and a target's `cross` findings. An input left out (its worker died,
 * or linting it threw there) is linted on the main thread, as in a single-thread run.
 */
async function onWorkers(
  inputs: readonly LintInput[],
  options: LintPathsOptions,
  configFor: (display: string) => { matcher: ConfigMatcher; relPath: string },
  isTarget: (display: string) => boolean,
  settings: ProjectSettings | undefined,
): Promise<{ made: Map<number, Partial<LintInput>>; summary: WorkerSummary }> {
  const made = new Map<number, Partial<LintInput>>();
  const summary: WorkerSummary = { concurrency: options.concurrency ?? 'off', threads: 0, records: 0, candidates: 0, cross: 0 };
  // Custom rules (the API) are not what a worker's default linter runs.
  if (options.concurrency === undefined || options.concurrency === 'off' || options.rules !== undefined) return { made, summary };
  const cache = options.cache;
  const jobs: (RecordJob & { at: number })[] = [];
  inputs.forEach((input, at) => {
    if (input.text === undefined || input.readError !== undefined) return;
    const { matcher, relPath } = configFor(input.path);
    if (matcher.isIgnored(relPath) || (cache && cache.get(input.path)?.hash === cache.hash(input.text))) return;
    jobs.push({ at, path: input.path, text: input.text, enabled: matcher.rulesFor(relPath), target: isTarget(input.path) });
  });
  summary.candidates = jobs.length;
  const pool = WorkerPool.start(workerCount(options.concurrency, jobs.length));
  if (!pool) return { made, summary };
  summary.threads = pool.size;
  try {
    const records = await pool.run('records', jobs, (done, total) => options.onProgress?.('parsing', done, total));
    const enabled = new Map(jobs.map((j) => [j.at, j.enabled]));
    records.forEach((reply, j) => {
      if (reply) made.set(jobs[j].at, reply);
    });
    summary.records = made.size;
    // Pass 2 needs the project the engine will build: every input's record, in input order.
    if (cache || records.some((r) => !r)) return { made, summary };
    const withRecords = inputs.flatMap((input, at) => {
      const record = made.get(at)?.record;
      return record ? [{ input, at, record }] : [];
    });
    const crossJobs: (CrossJob & { at: number })[] = withRecords
      .filter(({ input, record }) => isTarget(input.path) && record.kind !== 'unknown' && !record.facts.parseFailed)
      .map(({ input, at, record }) => ({ at, path: input.path, text: input.text!, kind: record.kind, prepared: made.get(at)!.prepared, enabled: enabled.get(at)! }));
    if (!crossJobs.length) return { made, summary };
    pool.sendProject(withRecords.map((w) => w.record.facts), settings ?? {});
    const cross = await pool.run('cross', crossJobs, (done, total) => options.onProgress?.('linting', done, total));
    cross.forEach((messages, j) => {
      if (messages) made.get(crossJobs[j].at)!.cross = messages;
    });
    summary.cross = cross.filter((m) => m).length;
    return { made, summary };
  } finally {
    for (const note of await pool.close()) options.onNote?.(note);
  }
}
