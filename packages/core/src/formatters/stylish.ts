import { applyEdit } from '../fix/text-edits.js';
import type { LintResult } from '../diagnostics.js';
import { relatedLines } from './related.js';

export interface StylishOptions {
  color?: boolean;
  /** Show a code frame under each problem (default true when sources are present). */
  codeFrame?: boolean;
  /** Show each fix as a before/after under its problem. */
  showFixes?: boolean;
}

const paint = (on: boolean) => ({
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  green: (s: string) => (on ? `\x1b[32m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  underline: (s: string) => (on ? `\x1b[4m${s}\x1b[24m` : s),
});

/** ESLint-like human output with an optional code frame and the proposed fix. */
export function formatStylish(results: LintResult[], options: StylishOptions = {}): string {
  const c = paint(options.color ?? false);
  let out = '';
  let errors = 0, warnings = 0, fixable = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixable += r.fixableErrorCount + r.fixableWarningCount;
    out += `\n${c.underline(r.filePath)}\n`;
    const lines = r.source === undefined ? undefined : new Lines(r.source);
    for (const m of r.messages) {
      const sev = m.severity === 2 ? c.red('error') : c.yellow('warning');
      out += `  ${c.dim(`${m.line}:${m.column}`)}  ${sev}  ${printable(clip(m.message, MAX_MESSAGE))}  ${c.dim(m.ruleId ?? '')}\n`;
      for (const line of relatedLines(m.related)) out += c.dim(`    ${printable(clip(line, MAX_MESSAGE))}`) + '\n';
      if (lines && options.codeFrame !== false && m.line <= lines.count) {
        out += codeFrame(lines, m.line, m.column, m.endLine === m.line ? m.endColumn : Number.POSITIVE_INFINITY, c);
      }
      if (r.source === undefined || !lines || options.showFixes === false) continue;
      if (m.fix) out += fixPreview(r.source, lines, m.fix, c.dim('    fix:'), c);
      else if (m.suggestions?.length) {
        // A suggestion is a choice for a person (a name cxlint would only guess): shown, never applied by --fix.
        const [first, ...rest] = m.suggestions;
        const more = rest.length ? ` (${rest.length} more in --format json and the PR review)` : '';
        const label = c.dim(`    suggestion, not applied by --fix: ${printable(clip(first.desc, MAX_MESSAGE))}${more}`);
        out += fixPreview(r.source, lines, first.fix, label, c);
      }
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  out += `\n${errors ? c.red(c.bold(summary)) : c.yellow(c.bold(summary))}\n`;
  if (fixable) out += c.dim(`  ${fixable} problem${fixable === 1 ? '' : 's'} potentially fixable with \`cxlint --fix\`.\n`);
  return out;
}

/**
 * Control characters (an ESC in a file or message could drive the terminal) are shown as `\uFFFD`;
 * tabs are kept so the caret line below can follow them.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const printable = (s: string) => s.replace(CONTROL, '\uFFFD');

/** Longest message shown (a message quotes the file's text, which can be a whole line of a minified file). */
const MAX_MESSAGE = 2000;
/** Columns of a code line shown around the problem; longer lines are cut, as in ESLint's code frame. */
const FRAME_WIDTH = 160;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** Lines of a text by index, without splitting it: a 4 MB one-line file costs an index, not copies. */
class Lines {
  private readonly starts = [0];
  readonly count: number;
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    // The final newline ends a line, it starts none.
    this.count = this.starts.length > 1 && this.starts[this.starts.length - 1] === text.length ? this.starts.length - 1 : this.starts.length;
  }
  length(n: number): number {
    const end = n < this.starts.length ? this.starts[n] - 1 : this.text.length;
    const start = this.starts[n - 1];
    return end > start && this.text.charCodeAt(end - 1) === 13 ? end - start - 1 : end - start;
  }
  /** Offset where the line holding `offset` starts (a binary search: no scan back over a 4 MB line). */
  startOf(offset: number): number {
    return this.starts[this.indexOf(offset)];
  }
  /** Offset of the line break ending the line that holds `offset` (or the text's end). */
  endOf(offset: number): number {
    const i = this.indexOf(offset) + 1;
    return i < this.starts.length ? this.starts[i] - 1 : this.text.length;
  }
  private indexOf(offset: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  /** Columns `from` (0-based) up to `to` of line `n` (1-based), without its line ending. */
  slice(n: number, from: number, to: number): string {
    const start = this.starts[n - 1];
    return this.text.slice(start + from, start + Math.min(to, this.length(n)));
  }
}

/**
 * ESLint's code frame: the line before, the problem line with `>`, the line after, and carets under the
 * problem's columns (to the end of the line when the problem spans several lines). Lines longer than
 * FRAME_WIDTH show a window around the problem's column, with `…` where text is cut.
 */
function codeFrame(lines: Lines, line: number, column: number, endColumn: number, c: ReturnType<typeof paint>): string {
  let out = '';
  const last = Math.min(lines.count, line + 1);
  const width = String(last).length;
  const col = Math.max(column, 1) - 1;
  // The same window on every line of the frame, so columns stay aligned.
  const windowStart = lines.length(line) > FRAME_WIDTH ? Math.max(0, Math.min(col - Math.floor(FRAME_WIDTH / 3), lines.length(line) - FRAME_WIDTH)) : 0;
  for (let n = Math.max(1, line - 1); n <= last; n++) {
    const full = lines.length(n);
    const cutLeft = windowStart > 0 && full > windowStart;
    const cutRight = full > windowStart + FRAME_WIDTH;
    const text = printable(lines.slice(n, windowStart, windowStart + FRAME_WIDTH));
    const shown = (cutLeft ? '…' : '') + text + (cutRight ? '…' : '');
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out += c.dim(`    ${gutter}`) + (shown ? ` ${shown}` : '') + '\n';
    if (n === line) {
      const start = Math.min(Math.max(col - windowStart, 0), text.length) + 1;
      const end = Math.min(Math.max(endColumn - 1 - windowStart, start), text.length) + 1;
      // Keep tabs in the padding so the carets line up under tab-indented text.
      const pad = (cutLeft ? ' ' : '') + text.slice(0, start - 1).replace(/[^\t]/g, ' ');
      out += c.dim(`    ${' '.repeat(gutter.length)}`) + ` ${pad}${c.red('^'.repeat(Math.max(1, end - start)))}\n`;
    }
  }
  return out;
}

/** Shows the lines a fix (or a suggestion) touches, before and after, under `label`. */
function fixPreview(source: string, lines: Lines, fix: { range: [number, number]; text: string }, label: string, c: ReturnType<typeof paint>): string {
  const lineStart = lines.startOf(fix.range[0]);
  const lineEnd = lines.endOf(fix.range[1]);
  // Only the touched lines, cut to a window around the edit: never a copy of the whole (possibly 4 MB) file.
  const from = Math.max(lineStart, fix.range[0] - FRAME_WIDTH);
  const to = Math.min(lineEnd, fix.range[1] + FRAME_WIDTH);
  const local = source.slice(from, to);
  const localFix = { range: [fix.range[0] - from, fix.range[1] - from] as [number, number], text: clip(fix.text, 20 * FRAME_WIDTH) };
  const mark = (s: string) => (from > lineStart ? '…' : '') + s + (to < lineEnd ? '…' : '');
  const before = mark(local).replace(/\r/g, '');
  const after = mark(applyEdit(local, localFix)).replace(/\r/g, '');
  let out = `${label}\n`;
  for (const l of before.split('\n')) out += c.red(`    - ${printable(l)}`) + '\n';
  for (const l of after.split('\n')) out += c.green(`    + ${printable(l)}`) + '\n';
  return out;
}
