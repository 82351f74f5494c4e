/**
 * The CLI flags editors and scripts expect from ESLint: `--stdin`/`--stdin-filename`, `--print-config`, `--rule`,
 * `--ignore-pattern`, `--no-ignore`, `--list-rules`. Kept apart from main.ts, which only wires them in.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RuleEntry } from '../config/types.js';
import type { CommandLineConfig } from '../node/config-resolver.js';
import type { CliIo } from './main.js';
import { parseConcurrency, type Concurrency } from '../node/worker-pool.js';
import { VERSION } from '../version.js';

/** `parseArgs` options for these flags. */
export const ESLINT_FLAG_OPTIONS = {
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'print-config': { type: 'string' },
  rule: { type: 'string', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  'list-rules': { type: 'boolean' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  concurrency: { type: 'string' },
} as const;

export const ESLINT_FLAGS_HELP = `      --stdin              lint the text on standard input (needs --stdin-filename)
      --stdin-filename <path>
                           the path the piped text stands for: its kind, its config, and the project around it
                           for cross-file rules (the file need not exist); with --fix-dry-run --format json the
                           fixed text is the result's "output"
      --rule '<id>: <severity>'
                           set a rule over every config (off, warn, error; or '<id>: [warn, {options}]');
                           repeatable
      --ignore-pattern <glob>
                           also skip files matching the glob (relative to the working folder); repeatable
      --no-ignore          skip nothing: neither configs' ignore lists nor --ignore-pattern
      --print-config <file>
                           print the config that applies to a file (rules, settings, config files) as JSON
      --list-rules         list the rules with their default severity and whether they fix or suggest (json, sarif too)
                           (JSON with --format json)
      --cache              keep each file's results in a cache and lint again only what changed (by content);
                           cross-file findings are reused while the project facts they read are unchanged.
                           A run without --cache deletes the cache file, as ESLint does
      --cache-location <file|dir>
                           where the cache lives (default: .cxlintcache in the working folder); a folder, or a
                           path ending with /, gets a file named after a hash of the working folder
      --cache-strategy content
                           how changed files are found: content hashes (the only strategy; ESLint's default
                           "metadata" is not offered, as a checkout gives every file a new modification time)
      --concurrency <n|auto|off>
                           lint on n worker threads; auto: half the cores when there are enough files to
                           lint (on 2 cores, none); off (the default): on the main thread`;

export interface EslintFlagValues {
  stdin?: boolean;
  'stdin-filename'?: string;
  'print-config'?: string;
  rule?: string[];
  'ignore-pattern'?: string[];
  'no-ignore'?: boolean;
  'list-rules'?: boolean;
  cache?: boolean;
  'cache-location'?: string;
  'cache-strategy'?: string;
  concurrency?: string;
  fix?: boolean;
  format?: string;
  config?: string;
}

export class UsageError extends Error {}

/** `--rule 'id: sev'` values (YAML, as ESLint's are levn) merged into one rules map; later flags win. */
export async function parseRuleFlags(values: readonly string[]): Promise<Record<string, RuleEntry> | undefined> {
  if (!values.length) return undefined;
  // From the engine chunk, loaded only when used: main.ts imports this module, and --version/--help must start
  // as fast as node.
  const { parseYamlValue: parseYaml } = await import('./engine.js');
  const out: Record<string, RuleEntry> = {};
  for (const value of values) {
    let parsed: unknown;
    try {
      parsed = parseYaml(value);
    } catch (e) {
      throw new UsageError(`--rule '${value}': ${(e as Error).message.split('\n')[0]}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.keys(parsed).length) {
      throw new UsageError(`--rule '${value}' is not of the form '<rule id>: <off|warn|error>'`);
    }
    Object.assign(out, parsed);
  }
  return out;
}

/** The command line's layer over every config; validated like a config file (unknown rules, bad options). */
export async function commandLineConfig(v: EslintFlagValues): Promise<CommandLineConfig | undefined> {
  const rules = await parseRuleFlags(v.rule ?? []);
  const ignorePatterns = v['ignore-pattern'] ?? [];
  if (!rules && !ignorePatterns.length && !v['no-ignore']) return undefined;
  if (rules) {
    const { parseConfigText, builtInRules } = await import('./engine.js');
    // As a config file would be checked, so `--rule 'literal-kee: off'` gets "did you mean" instead of nothing.
    try {
      parseConfigText(JSON.stringify({ rules }), '--rule', builtInRules);
    } catch (e) {
      // The position is in the JSON made from the flags, which the user never saw: keep the message only.
      throw new UsageError(`--rule: ${(e as Error).message.replace(/^--rule:\d+:\d+: /, '')}`);
    }
  }
  if (ignorePatterns.length) {
    // As an invalid glob in a config's `ignore` is: a pattern that can never match must not pass as ignoring nothing.
    const { globProblem } = await import('./engine.js');
    for (const pattern of ignorePatterns) {
      const problem = globProblem(pattern);
      if (problem) throw new UsageError(`--ignore-pattern "${pattern}" is not a valid glob: ${problem}`);
    }
  }
  return { rules, ignorePatterns, noIgnore: !!v['no-ignore'] };
}

/** The repository around a path (the nearest folder with `.git`), or the working folder: the project for --stdin. */
export function projectRootFor(absPath: string, cwd: string): string {
  for (let dir = dirname(absPath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

export interface StdinRun {
  path: string;
  texts: Map<string, string>;
  contextPaths: string[];
}

/** `--stdin --stdin-filename p`: the text read, standing in for `p`, with the project around it as context. */
export async function stdinRun(v: EslintFlagValues, io: CliIo): Promise<StdinRun | undefined> {
  if (!v.stdin) {
    if (v['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename is only used with --stdin');
    return undefined;
  }
  const name = v['stdin-filename'];
  if (!name) throw new UsageError('--stdin needs --stdin-filename <path>: the kind of file, its config and its project come from the path');
  if (v.fix) throw new UsageError('--fix cannot write piped text; use --fix-dry-run (with --format json, the fixed text is "output")');
  if (!io.readStdin) throw new UsageError('--stdin: no standard input here');
  const abs = resolve(io.cwd, name);
  const text = await io.readStdin();
  return { path: name, texts: new Map([[abs, text]]), contextPaths: [projectRootFor(abs, io.cwd)] };
}

/** `--list-rules`: every rule, as a table, as JSON, or as a SARIF log that describes them (and has no results). */
export async function listRules(format: string, io: CliIo): Promise<number> {
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--list-rules prints a table (stylish), JSON or SARIF, not --format ${format}`);
  }
  const { builtInRules } = await import('./engine.js');
  if (format === 'sarif') {
    const { formatWithRules } = await import('./lint-run.js');
    const log = formatWithRules('sarif', [], builtInRules, { toolVersion: VERSION });
    io.stdout(log.endsWith('\n') ? log : `${log}\n`);
    return 0;
  }
  const rows = builtInRules.map((r) => ({
    id: r.meta.id,
    severity: r.meta.severity,
    recommended: r.meta.docs.recommended,
    fixable: !!r.meta.fixable,
    hasSuggestions: !!r.meta.hasSuggestions,
    kinds: r.meta.kinds,
    description: r.meta.description,
    url: r.meta.docs.url,
  }));
  if (format === 'json') {
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    const marks = [r.recommended ? 'recommended' : '', r.fixable ? 'fix' : '', r.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ');
    io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(5)}  ${r.description}${marks ? ` (${marks})` : ''}\n`);
  }
  io.stdout(`\n${rows.length} rules. Docs: https://github.com/cxlint/cxlint/blob/main/docs/rules/README.md\n`);
  return 0;
}

/** `--print-config <file>`: the rules, settings and config files that apply to one file, as JSON. */
export async function printConfig(file: string, v: EslintFlagValues, commandLine: CommandLineConfig | undefined, io: CliIo): Promise<number> {
  const { builtInRules, createConfigResolver, loadConfigFile } = await import('./engine.js');
  const abs = resolve(io.cwd, file);
  const explicit = v.config ? loadConfigFile(resolve(io.cwd, v.config), builtInRules) : undefined;
  const resolver = createConfigResolver({ cwd: io.cwd, rules: builtInRules, explicit, commandLine });
  const entry = resolver.entryFor(abs);
  const { matcher, relPath } = resolver.configFor(abs);
  const names = { 1: 'warn', 2: 'error' } as const;
  const rules = Object.fromEntries(
    [...matcher.rulesFor(relPath)].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, r]) => [id, Object.keys(r.options).length ? [names[r.severity], r.options] : names[r.severity]]),
  );
  const out = {
    filePath: file,
    ignored: matcher.isIgnored(relPath),
    configFiles: resolver.configFiles(),
    baseDir: entry.loaded.baseDir,
    rules,
    settings: entry.loaded.config.settings ?? {},
  };
  io.stdout(JSON.stringify(out, null, 2) + '\n');
  return 0;
}

export interface EslintFlags {
  /** Set when the flags did the whole job (`--list-rules`, `--print-config`) or were misused. */
  exit?: number;
  commandLine?: CommandLineConfig;
  stdin?: StdinRun;
  /** The cache file: used with `--cache`, deleted without it (as ESLint does). */
  cacheFile?: { path: string; use: boolean };
  /** `--concurrency`: worker threads for both passes (`off` when not given, as in ESLint). */
  concurrency?: Concurrency;
}

/** `--cache`, `--cache-location`, `--cache-strategy`: where the cache file is, and whether this run uses it. */
export async function cacheFlags(v: EslintFlagValues, io: CliIo): Promise<EslintFlags['cacheFile']> {
  const strategy = v['cache-strategy'];
  if (strategy !== undefined && strategy !== 'content') {
    throw new UsageError(`--cache-strategy "${strategy}" is not supported: cxlint's cache is keyed by content only (use --cache-strategy content, or leave it out)`);
  }
  const { cacheFilePath } = await import('./lint-run.js');
  return { path: cacheFilePath(v['cache-location'], io.cwd), use: !!v.cache };
}

/** Everything these flags add to a run, or the exit code when one of them is the run. Usage errors print here. */
export async function eslintFlags(v: EslintFlagValues, positionals: readonly string[], io: CliIo): Promise<EslintFlags> {
  try {
    if (v['list-rules']) return { exit: await listRules(v.format ?? 'stylish', io) };
    const commandLine = await commandLineConfig(v);
    if (v['print-config'] !== undefined) return { exit: await printConfig(v['print-config'], v, commandLine, io) };
    const stdin = await stdinRun(v, io);
    if (stdin && positionals.length) throw new UsageError('--stdin lints the piped text only; give no paths');
    const concurrency = parseConcurrency(v.concurrency ?? 'off');
    if (concurrency === undefined) throw new UsageError(`--concurrency "${v.concurrency}" must be a positive whole number, auto or off`);
    return { commandLine, stdin, cacheFile: await cacheFlags(v, io), concurrency };
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cxlint: ${e.message}\n`);
      return { exit: 2 };
    }
    if ((e as Error).name === 'ConfigError') {
      io.stderr(`cxlint: invalid config: ${(e as Error).message}\n`);
      return { exit: 2 };
    }
    throw e;
  }
}
