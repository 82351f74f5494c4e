import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, TextEdit } from '../diagnostics.js';
import { FileCache } from '../node/cache.js';
import { lintPaths, type LintPathsOptions, type LintPathsResult } from '../node/lint-paths.js';
import { detectKind } from '../parse/detect-kind.js';
import { nodeParsers } from '../lint.js';
import { parseFile } from '../parse/parse-file.js';
import { encodeSource, osErrorText, readSourceFile } from '../source/read-file.js';
import { SourceText } from '../source/source-text.js';
import { applyEdits } from './text-edits.js';

/** ESLint stops after 10 passes too: a fix that keeps producing new fixes must not loop forever. */
export const MAX_FIX_PASSES = 10;

export interface FixPathsOptions extends Omit<LintPathsOptions, 'includeSource' | 'onProgress'> {
  /** Write fixed files (`--fix`); false computes the same output without touching disk (`--fix-dry-run`). */
  write: boolean;
  /** Which problems to fix (e.g. errors only under `--quiet`). Only `fix`es are applied, never suggestions. */
  filter?: (message: Diagnostic) => boolean;
  maxPasses?: number;
  /** Called before each lint pass (progress on a terminal). */
  onPass?: (pass: number, changedFiles: number) => void;
  /** Files done in the current pass (progress on a terminal). */
  onProgress?: LintPathsOptions['onProgress'];
}

export interface RejectedFix {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  reason: string;
}

export interface FixedFile {
  /** Path as shown in results (relative to cwd). */
  filePath: string;
  absPath: string;
  /** Text before any fix (BOM stripped, as the rules saw it). */
  before: string;
  /** Text after every pass (BOM stripped). */
  after: string;
  /** Fixes applied over all passes. */
  fixCount: number;
  /** True when the fixed file was written (never in a dry run; false when the file changed on disk meanwhile). */
  written: boolean;
  /** Why the fixed text was not written (the OS error, or a change on disk); the file keeps its original findings. */
  writeError?: string;
}

export interface FixPathsResult extends LintPathsResult {
  /** Files whose text changed, in path order. */
  fixed: FixedFile[];
  /** Fixes that were not applied because the file would no longer parse. */
  rejected: (RejectedFix & { filePath: string })[];
  /** Fix passes that changed something. */
  passes: number;
}

/**
 * `cxlint --fix`: lint, apply every safe fix that does not overlap another, lint the result again (as one
 * project, so cross-file rules see the fixed text), up to 10 passes. Each pass's output must parse as the same
 * kind of file before it is kept; fixes that would break it are rejected one by one and reported. The final
 * results are the problems that remain. A UTF-8 BOM and CRLF line endings are kept.
 */
export async function fixPaths(paths: string[], options: FixPathsOptions): Promise<FixPathsResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  // Texts given (a buffer piped with --stdin) stand in for the disk; each pass's fixed texts replace them.
  const texts = new Map<string, string>(options.texts ?? []);
  const files = new Map<string, FixedFile>();
  const rejected = new Map<string, RejectedFix & { filePath: string }>();
  // Between passes only the files a fix changed are linted again; the others' records (and, while the facts they
  // read are unchanged, their cross-file findings) are reused: by content hash, like `--cache`, which this is when given.
  const cache = options.cache ?? FileCache.inMemory(cwd);
  let passes = 0;
  let run: LintPathsResult;
  let first: LintPathsResult | undefined;
  for (;;) {
    options.onPass?.(passes + 1, files.size);
    run = await lintPaths(paths, { ...options, cwd, includeSource: true, texts, cache });
    first ??= run;
    if (passes >= maxPasses) break;
    let changed = false;
    for (const result of run.results) {
      const fixable = result.messages.filter((m) => m.fix && !m.fatal && (options.filter?.(m) ?? true));
      if (!fixable.length || result.source === undefined) continue;
      const outcome = await applyFixesSafely(result.filePath, result.source, fixable);
      for (const r of outcome.rejected) rejected.set(`${result.filePath}\u0000${r.ruleId}\u0000${r.message}`, { ...r, filePath: result.filePath });
      if (outcome.output === result.source) continue;
      const absPath = resolve(cwd, result.filePath);
      texts.set(absPath, outcome.output);
      const entry = files.get(absPath) ?? { filePath: result.filePath, absPath, before: result.source, after: result.source, fixCount: 0, written: false };
      entry.after = outcome.output;
      entry.fixCount += outcome.applied;
      files.set(absPath, entry);
      changed = true;
    }
    if (!changed) break;
    passes++;
  }
  // Fixes rejected in one pass may have gone away in a later one (another fix covered them).
  const remaining = new Set(run.results.flatMap((r) => r.messages.map((m) => `${r.filePath}\u0000${m.ruleId}\u0000${m.message}`)));
  const fixed = [...files.values()].filter((f) => f.after !== f.before).sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  let results = run.results;
  if (options.write) {
    for (const f of fixed) writeFixedFile(f);
    // A file that could not be written still holds its original text, so it keeps its original findings:
    // reporting the fixed text's (fewer) problems would call a broken file clean.
    const unwritten = new Set(fixed.filter((f) => !f.written).map((f) => f.filePath));
    if (unwritten.size) {
      const original = new Map(first!.results.map((r) => [r.filePath, r]));
      results = results.map((r) => (unwritten.has(r.filePath) ? (original.get(r.filePath) ?? r) : r));
    }
  }
  return { ...run, results, fixed, rejected: [...rejected.entries()].filter(([k]) => remaining.has(k)).map(([, v]) => v), passes };
}

/**
 * Applies the fixes of one file's messages: all together when the result parses, otherwise one at a time, keeping
 * each that leaves the file parseable. Overlapping fixes wait for the next pass.
 */
export async function applyFixesSafely(
  path: string,
  text: string,
  messages: Diagnostic[],
): Promise<{ output: string; applied: number; rejected: RejectedFix[] }> {
  const eol = new SourceText(text).eol;
  const edits = messages.map((m) => ({ message: m, edit: keepLineEndings(m.fix!, eol) }));
  const kind = detectKind(path, text);
  const all = applyEdits(text, edits.map((e) => e.edit));
  if (await parsesAs(path, all.output, kind)) return { output: all.output, applied: all.applied.length, rejected: [] };

  const accepted: TextEdit[] = [];
  const rejected: RejectedFix[] = [];
  let output = text;
  const sorted = edits.slice().sort((a, b) => a.edit.range[0] - b.edit.range[0]);
  for (const { message, edit } of sorted) {
    const trial = applyEdits(text, [...accepted, edit]);
    if (trial.skipped.length) continue; // overlaps an accepted fix: next pass
    if (await parsesAs(path, trial.output, kind)) {
      accepted.push(edit);
      output = trial.output;
    } else {
      rejected.push({
        ruleId: message.ruleId,
        message: message.message,
        line: message.line,
        column: message.column,
        reason: `the fixed file would not parse as ${kind === 'data-action' ? 'JSON' : kind === 'terraform' ? 'HCL' : 'YAML'}`,
      });
    }
  }
  return { output, applied: accepted.length, rejected };
}

/** In a CRLF file, a fix that adds lines with `\n` gets `\r\n`, so one file never mixes line endings. */
function keepLineEndings(edit: TextEdit, eol: string): TextEdit {
  if (eol !== '\r\n' || !edit.text.includes('\n')) return edit;
  return { range: edit.range, text: edit.text.replace(/\r?\n/g, '\r\n') };
}

/** Whether a text parses with no errors as the kind its path and content say (what `--fix` checks before writing). */
export async function parsesCleanly(path: string, text: string): Promise<boolean> {
  return parsesAs(path, text, detectKind(path, text));
}

/** The re-parse check: the fixed text must parse, with no errors, as the same kind of file. */
async function parsesAs(path: string, text: string, kind: ReturnType<typeof detectKind>): Promise<boolean> {
  if (detectKind(path, text) !== kind) return false;
  let prepared: unknown;
  const parser = nodeParsers[kind];
  if (parser?.prepare) {
    try {
      prepared = await parser.prepare(path, text);
    } catch {
      return false;
    }
    if (prepared instanceof Error) return false;
  }
  return parseFile(path, text, kind, prepared, nodeParsers).errors.length === 0;
}

function writeFixedFile(f: FixedFile): void {
  // Never overwrite an edit made while we were linting (an editor saving the file).
  const now = readSourceFile(f.absPath);
  if (now.text === undefined) {
    f.writeError = `cannot read it back before writing: ${now.osError ?? now.error}; not written`;
    return;
  }
  const source = new SourceText(now.text);
  if (source.text !== f.before) {
    f.writeError = 'the file changed on disk while cxlint was fixing it; not written';
    return;
  }
  try {
    // Same encoding and byte-order mark as before: a fix changes text, never how the file is saved.
    writeFileSync(f.absPath, encodeSource(f.after, now.encoding, !!now.bom));
    f.written = true;
  } catch (e) {
    f.writeError = `${osErrorText(e as NodeJS.ErrnoException)}; the file is unchanged and its problems are reported as they are on disk`;
  }
}
