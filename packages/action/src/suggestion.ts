import { SourceText, type TextEdit } from '@cxlint/core';

/** A GitHub ```suggestion replaces whole lines `startLine..endLine` of the RIGHT side with `body`. */
export interface SuggestionBlock {
  startLine: number;
  endLine: number;
  /** The replacement lines, `\n`-separated, without a trailing newline. */
  replacement: string;
  /** The fenced block, ready for a comment body. */
  block: string;
}

/** A fence of backticks longer than any run inside `text` (CommonMark closes a fence only with one as long). */
export function fenceFor(text: string, min = 3): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(min, longest + 1));
}

/**
 * Whether two sets of edits can be applied together: no two ranges overlap, and no two start at the same
 * offset (two insertions there would have no defined order).
 */
export function editsDisjoint(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  const clash = (x: TextEdit, y: TextEdit) => x.range[0] === y.range[0] || (x.range[0] < y.range[1] && y.range[0] < x.range[1]);
  return a.every((x) => b.every((y) => !clash(x, y)));
}

/**
 * Turns a column-precise fix into the whole-line replacement GitHub's suggestion needs: the lines the edit
 * touches, with the edit applied, so "Commit suggestion" produces exactly what `cxlint --fix` would.
 */
export function toSuggestionBlock(source: SourceText | string, fix: TextEdit | readonly TextEdit[]): SuggestionBlock {
  const src = typeof source === 'string' ? new SourceText(source) : source;
  const text = src.text;
  const edits = (Array.isArray(fix) ? [...fix] : [fix as TextEdit]).sort((a, b) => a.range[0] - b.range[0]);
  const startLine = src.positionAt(edits[0].range[0]).line;
  const endLine = Math.max(startLine, ...edits.map((e) => src.positionAt(e.range[1]).line));
  const from = src.lineStartOffset(startLine);
  const to = src.lineEndOffset(endLine);
  // Several edits (fixes merged because GitHub applies one suggestion per line) go in text order.
  let replacement = '';
  let at = from;
  for (const e of edits) {
    replacement += text.slice(at, e.range[0]) + e.text;
    at = e.range[1];
  }
  replacement = (replacement + text.slice(at, to)).replace(/\r\n/g, '\n');
  const fence = fenceFor(replacement);
  const block = replacement === '' ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${replacement}\n${fence}`;
  return { startLine, endLine, replacement, block };
}
