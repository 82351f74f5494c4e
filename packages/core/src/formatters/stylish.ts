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
    const lines = r.source?.split('\n');
    if (lines && lines.length > 1 && lines[lines.length - 1] === '') lines.pop(); // the final newline ends a line, it starts none
    for (const m of r.messages) {
      const sev = m.severity === 2 ? c.red('error') : c.yellow('warning');
      out += `  ${c.dim(`${m.line}:${m.column}`)}  ${sev}  ${printable(m.message)}  ${c.dim(m.ruleId ?? '')}\n`;
      for (const line of relatedLines(m.related)) out += c.dim(`    ${printable(line)}`) + '\n';
      if (lines && options.codeFrame !== false && m.line <= lines.length) {
        out += codeFrame(lines, m.line, m.column, m.endLine === m.line ? m.endColumn : Number.POSITIVE_INFINITY, c);
      }
      if (m.fix && r.source && options.showFixes !== false) out += fixPreview(r.source, m.fix, c);
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

/**
 * ESLint's code frame: the line before, the problem line with `>`, the line after, and carets under the
 * problem's columns (to the end of the line when the problem spans several lines).
 */
function codeFrame(lines: string[], line: number, column: number, endColumn: number, c: ReturnType<typeof paint>): string {
  let out = '';
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  for (let n = Math.max(1, line - 1); n <= last; n++) {
    const text = printable((lines[n - 1] ?? '').replace(/\r$/, ''));
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out += c.dim(`    ${gutter}`) + (text ? ` ${text}` : '') + '\n';
    if (n === line) {
      const start = Math.min(Math.max(column, 1), text.length + 1);
      const end = Math.min(Math.max(endColumn, start + 1), text.length + 1);
      // Keep tabs in the padding so the carets line up under tab-indented text.
      const pad = text.slice(0, start - 1).replace(/[^\t]/g, ' ');
      out += c.dim(`    ${' '.repeat(gutter.length)}`) + ` ${pad}${c.red('^'.repeat(Math.max(1, end - start)))}\n`;
    }
  }
  return out;
}

/** Shows the lines a fix touches, before and after. */
function fixPreview(source: string, fix: { range: [number, number]; text: string }, c: ReturnType<typeof paint>): string {
  const lineStart = source.lastIndexOf('\n', fix.range[0] - 1) + 1;
  let lineEnd = source.indexOf('\n', fix.range[1]);
  if (lineEnd === -1) lineEnd = source.length;
  const before = source.slice(lineStart, lineEnd).replace(/\r/g, '');
  const fixed = applyEdit(source, fix);
  let afterEnd = fixed.indexOf('\n', fix.range[0] + fix.text.length);
  if (afterEnd === -1) afterEnd = fixed.length;
  const after = fixed.slice(lineStart, afterEnd).replace(/\r/g, '');
  let out = c.dim('    fix:\n');
  for (const l of before.split('\n')) out += c.red(`    - ${printable(l)}`) + '\n';
  for (const l of after.split('\n')) out += c.green(`    + ${printable(l)}`) + '\n';
  return out;
}
