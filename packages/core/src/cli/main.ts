import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
// The engine (rules, parsers, ajv, the generated validators) is imported only once there is something to lint,
// so `--version`, `--help`, usage errors and a run that finds no file start as fast as node itself.
import type { FixPathsResult } from '../fix/fix-files.js';
import type { FormatName } from '../formatters/format.js';
import type { LintPathsResult } from '../node/lint-paths.js';
import { closestByEdits } from '../rules/closest-name.js';
import { VERSION } from '../version.js';
import { shouldColor } from './color.js';
import { createProgress } from './progress.js';
import { ESLINT_FLAG_OPTIONS, ESLINT_FLAGS_HELP, eslintFlags } from './flags.js';

const HELP = `cxlint [options] [paths…]

Lints Genesys Cloud Architect flows (YAML), data actions (JSON) and CX-as-Code (Terraform).
Folders are searched recursively; .gitignore'd files and node_modules are skipped.
Globs work when quoted ('flows/**/*.yaml'), so the shell leaves them to cxlint.

Options:
  -f, --format <name>      stylish (default), json, sarif, github
  -c, --config <file>      use this config instead of the nearest .cxlint.yml
  -o, --output-file <file> write the report to a file
      --fix                write safe fixes to disk (suggestions are never applied), then report what remains
      --fix-dry-run        print the fixes as a diff and write nothing
      --max-warnings <n>   exit 1 when there are more than n warnings
      --quiet              report errors only
      --color, --no-color  force colours on or off (default: on for a terminal; NO_COLOR, FORCE_COLOR respected)
      --debug              list every file considered and why it was linted or skipped (on stderr)
${ESLINT_FLAGS_HELP}
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a fatal problem (a bad config,
a path that names nothing, a file or folder that cannot be read, a fix that cannot be written).`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  /** Whether stderr is a terminal: progress for long runs is shown only then. */
  stderrIsTTY?: boolean;
  /** All of standard input (`--stdin`). */
  readStdin?: () => Promise<string>;
}

const CLI_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  config: { type: 'string', short: 'c' },
  'output-file': { type: 'string', short: 'o' },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean', default: false },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  ...ESLINT_FLAG_OPTIONS,
} as const;

/**
 * A usage mistake in cxlint's words. Node's own text for an unknown option advises `-- "--x"` (with an unclosed
 * quote) as if a file name were meant; a mistyped flag is the usual cause, so name the closest one instead.
 */
function usageMessage(e: Error & { code?: string }): string {
  const unknown = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(e.message)?.[1] : undefined;
  if (!unknown) return e.message;
  const long = Object.keys(CLI_OPTIONS).map((name) => `--${name}`);
  const near = unknown.startsWith('--') ? closestByEdits(unknown, long, 2, false) : undefined;
  return `unknown option ${unknown}${near ? ` (did you mean ${near}?)` : ''}; cxlint --help lists the options`;
}

/** Runs the CLI and returns the exit code; all output goes through `io` so tests can drive it in-process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: CLI_OPTIONS,
    });
  } catch (e) {
    io.stderr(`cxlint: ${usageMessage(e as Error & { code?: string })}\n\n${HELP}\n`);
    return 2;
  }
  const v = args.values;
  if (v.help) { io.stdout(HELP + '\n'); return 0; }
  if (v.version) { io.stdout(VERSION + '\n'); return 0; }
  const { ConfigError, unifiedDiff, formatWithRules, FORMAT_NAMES, lintPaths, missingPathsMessage, nothingFoundMessage, FileCache, deleteCacheFile } = await import('./lint-run.js');
  const fmt = v.format as FormatName;
  if (!FORMAT_NAMES.includes(fmt)) {
    io.stderr(`cxlint: unknown format "${v.format}" (use ${FORMAT_NAMES.join(', ')})\n`);
    return 2;
  }
  let maxWarnings = -1;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.stderr(`cxlint: --max-warnings needs a whole number, got "${v['max-warnings']}"\n`);
      return 2;
    }
  }
  if (v.fix && v['fix-dry-run']) {
    io.stderr('cxlint: use either --fix or --fix-dry-run, not both\n');
    return 2;
  }
  const extra = await eslintFlags(v, args.positionals, io);
  if (extra.exit !== undefined) return extra.exit;
  const paths = extra.stdin ? [extra.stdin.path] : args.positionals.length ? args.positionals : ['.'];
  const given = { commandLine: extra.commandLine, texts: extra.stdin?.texts, contextPaths: extra.stdin?.contextPaths };
  const fixing = v.fix || v['fix-dry-run'];
  // A report that cannot be written is known before linting, not after a long run (ESLint checks late).
  const outputFile = v['output-file'] === undefined ? undefined : resolve(io.cwd, v['output-file']);
  if (outputFile !== undefined) {
    const problem = outputFileProblem(outputFile);
    if (problem) { io.stderr(`cxlint: cannot write the report to ${v['output-file']}: ${problem}\n`); return 2; }
  }
  // As ESLint: --cache reads and writes the cache file; a run without it deletes the file, whose entries would be stale.
  // A --stdin run without --cache leaves it alone (ESLint #6459): an editor piping its buffer on every keystroke would
  // otherwise throw away the cache of the CLI runs in the same folder, and a piped text changes no file on disk.
  const note = (message: string) => io.stderr(`cxlint: note: ${message}\n`);
  const cache = extra.cacheFile?.use ? FileCache.open(extra.cacheFile.path, io.cwd, note) : undefined;
  if (extra.cacheFile && !extra.cacheFile.use && !extra.stdin) {
    const problem = deleteCacheFile(extra.cacheFile.path);
    if (problem) note(problem);
  }
  const progress = createProgress(io.stderr, !!io.stderrIsTTY);
  let run: LintPathsResult | FixPathsResult;
  let pass = 1;
  const onProgress = (stage: string, done: number, total: number) =>
    progress.update(`cxlint: ${fixing && pass > 1 ? `fix pass ${pass}, ` : ''}${stage} ${done}/${total} files`);
  try {
    run = fixing
      ? await (await import('./engine.js')).fixPaths(paths, {
          ...given,
          cwd: io.cwd,
          configFile: v.config,
          write: !!v.fix,
          filter: v.quiet ? (m) => m.severity === 2 : undefined,
          onPass: (n) => { pass = n; },
          debug: v.debug,
          onProgress,
          cache,
          concurrency: extra.concurrency,
          onNote: note,
        })
      : await lintPaths(paths, { ...given, cwd: io.cwd, configFile: v.config, includeSource: true, debug: v.debug, onProgress, cache, concurrency: extra.concurrency, onNote: note });
    progress.done();
    const unsaved = cache?.save();
    if (unsaved) note(unsaved);
  } catch (e) {
    progress.done();
    if (e instanceof ConfigError) { io.stderr(`cxlint: invalid config: ${e.message}\n`); return 2; }
    io.stderr(`cxlint: ${(e as Error).message}\n`);
    return 2;
  }
  if (v.debug) {
    for (const f of run.configFiles) io.stderr(`cxlint: debug: config ${f}\n`);
    for (const c of run.considered ?? []) io.stderr(`cxlint: debug: ${c.path}: ${c.decision}\n`);
    const w = run.workers;
    if (w) io.stderr(`cxlint: debug: concurrency: ${w.concurrency === 'off' ? 'off, main thread' : w.threads ? `${w.threads} worker thread${w.threads === 1 ? '' : 's'} (pass 1 of ${w.records} of ${w.candidates} files to lint, pass 2 of ${w.cross} targets)` : `main thread (${w.candidates} files to lint)`}\n`);
  }
  if (run.missing.length) {
    io.stderr(`cxlint: ${missingPathsMessage(run.missing)}\n`);
    return 2;
  }
  let results = run.results;
  if (fixing) {
    // As ESLint: with --fix or --fix-dry-run, each fixed file's new text is `output` in the JSON format
    // (editors use the dry run to apply fixes to an unsaved buffer).
    const outputs = new Map((run as FixPathsResult).fixed.map((f) => [f.filePath, f.after]));
    results = results.map((r) => (outputs.has(r.filePath) ? { ...r, output: outputs.get(r.filePath) } : r));
  }
  if (v.quiet) {
    results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 }));
  }
  const color = shouldColor(v['no-color'] ? false : v.color, io.env, io.isTTY);
  if (fixing) reportFixes(run as FixPathsResult, !!v['fix-dry-run'], fmt === 'stylish' && !v['output-file'] ? io.stdout : io.stderr, io.stderr, unifiedDiff);
  // SARIF describes every rule; the other formats need none, so a run that linted nothing never loads them.
  const rules = fmt === 'sarif' ? (await import('./engine.js')).builtInRules : [];
  const report = formatWithRules(fmt, results, rules, { color: fmt === 'stylish' && color && !outputFile, toolVersion: VERSION, baseUri: pathToFileURL(io.cwd).href });
  if (outputFile !== undefined) {
    try {
      writeFileSync(outputFile, report);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(`cxlint: cannot write the report to ${v['output-file']}: ${err.code ?? err.message}\n`);
      return 2;
    }
  } else if (report) io.stdout(report.endsWith('\n') ? report : report + '\n');

  if (!results.length && !run.unreadable.length) {
    io.stderr(`cxlint: ${nothingFoundMessage(paths, run.skipped.ignored)}\n`);
  }
  // Fatal, as in ESLint: something that exists was not checked, so "no errors" cannot be claimed.
  if (run.unreadable.length) {
    const n = run.unreadable.length;
    io.stderr(`cxlint: ${n === 1 ? `${run.unreadable[0]} could not be read` : `${n} files or folders could not be read (${run.unreadable.join(', ')})`}: nothing in ${n === 1 ? 'it' : 'them'} was checked, so the run fails\n`);
    return 2;
  }
  if (fixing && (run as FixPathsResult).fixed.some((f) => f.writeError)) return 2;

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`cxlint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Why a report cannot be written to `path` (a missing folder, a folder in its place), checked before linting. */
function outputFileProblem(path: string): string | undefined {
  const notWritable = (target: string) => {
    try {
      accessSync(target, constants.W_OK);
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `${code} (permission denied)` : undefined;
    }
  };
  try {
    if (statSync(path).isDirectory()) return 'it is a folder';
    const denied = notWritable(path);
    return denied && `cannot write to it: ${denied}`;
  } catch {
    /* does not exist yet: its folder must */
  }
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${dirname(path)} is not a folder`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `the folder ${dirname(path)} does not exist` : `cannot reach ${dirname(path)} (${code})`;
  }
  const denied = notWritable(dirname(path));
  return denied && `cannot create a file in ${dirname(path)}: ${denied}`;
}

/**
 * After `--fix`: a one-line summary; after `--fix-dry-run`: the diff. Both go to stdout with the stylish report,
 * and to stderr with machine formats, so `--format json --fix-dry-run` still prints parseable JSON.
 * Fixes that were rejected (the file would no longer parse) and files that could not be written always go to stderr.
 */
function reportFixes(
  run: FixPathsResult,
  dryRun: boolean,
  out: (s: string) => void,
  err: (s: string) => void,
  unifiedDiff: (before: string, after: string, path: string) => string,
): void {
  for (const r of run.rejected) {
    err(`cxlint: ${r.filePath}:${r.line}:${r.column}: fix for ${r.ruleId ?? 'a problem'} not applied: ${r.reason}\n`);
  }
  for (const f of run.fixed) if (f.writeError) err(`cxlint: could not write the fixes to ${f.filePath}: ${f.writeError}\n`);
  const count = run.fixed.reduce((n, f) => n + f.fixCount, 0);
  if (dryRun) {
    for (const f of run.fixed) out(unifiedDiff(f.before, f.after, f.filePath));
    if (!run.fixed.length) out('No fixes to apply.\n');
    else out(`${count} fix${count === 1 ? '' : 'es'} in ${run.fixed.length} file${run.fixed.length === 1 ? '' : 's'} would be applied (dry run: nothing written).\n`);
    return;
  }
  const written = run.fixed.filter((f) => f.written);
  if (written.length) {
    const n = written.reduce((s, f) => s + f.fixCount, 0);
    out(`Fixed ${n} problem${n === 1 ? '' : 's'} in ${written.length} file${written.length === 1 ? '' : 's'}.\n`);
  }
}
