import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.js';
import { format, FORMAT_NAMES, type FormatName } from '../formatters/index.js';
import { lintPaths } from '../node/lint-paths.js';
import { VERSION } from '../version.js';

const HELP = `cxlint [options] [paths…]

Lints Genesys Cloud Architect flows (YAML), data actions (JSON) and CX-as-Code (Terraform).
Folders are searched recursively; .gitignore'd files and node_modules are skipped.

Options:
  -f, --format <name>      stylish (default), json, sarif, github
  -c, --config <file>      use this config instead of the nearest .cxlint.yml
  -o, --output-file <file> write the report to a file
      --max-warnings <n>   exit 1 when there are more than n warnings
      --quiet              report errors only
      --no-color           plain output (also when NO_COLOR is set)
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a fatal problem.`;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** Runs the CLI and returns the exit code; all output goes through `io` so tests can drive it in-process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        config: { type: 'string', short: 'c' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`cxlint: ${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const v = args.values;
  if (v.help) { io.stdout(HELP + '\n'); return 0; }
  if (v.version) { io.stdout(VERSION + '\n'); return 0; }
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
  const paths = args.positionals.length ? args.positionals : ['.'];
  let run;
  try {
    run = await lintPaths(paths, { cwd: io.cwd, configFile: v.config, includeSource: true });
  } catch (e) {
    if (e instanceof ConfigError) { io.stderr(`cxlint: invalid config: ${e.message}\n`); return 2; }
    io.stderr(`cxlint: ${(e as Error).message}\n`);
    return 2;
  }
  if (run.missing.length) {
    io.stderr(`cxlint: no such file or folder: ${run.missing.join(', ')}\n`);
    return 2;
  }
  let results = run.results;
  if (v.quiet) {
    results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 }));
  }
  const color = !v['no-color'] && v.color !== false && !io.env.NO_COLOR && (v.color === true || io.isTTY || !!io.env.FORCE_COLOR);
  const report = format(fmt, results, { color: fmt === 'stylish' && color && !v['output-file'], toolVersion: VERSION, baseUri: 'file://' + io.cwd });
  if (v['output-file']) writeFileSync(v['output-file'], report);
  else if (report) io.stdout(report.endsWith('\n') ? report : report + '\n');

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr(`cxlint found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
