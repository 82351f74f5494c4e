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
 * Turns a column-precise fix into the whole-line replacement GitHub's suggestion needs: the lines the edit
 * touches, with the edit applied, so "Commit suggestion" produces exactly what `cxlint --fix` would.
 */
export function toSuggestionBlock(source: SourceText | string, fix: TextEdit): SuggestionBlock {
  const src = typeof source === 'string' ? new SourceText(source) : source;
  const text = src.text;
  const startLine = src.positionAt(fix.range[0]).line;
  const endLine = Math.max(startLine, src.positionAt(fix.range[1]).line);
  const from = src.lineStartOffset(startLine);
  const to = src.lineEndOffset(endLine);
  const replacement = (text.slice(from, fix.range[0]) + fix.text + text.slice(fix.range[1], to)).replace(/\r\n/g, '\n');
  const fence = fenceFor(replacement);
  const block = replacement === '' ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${replacement}\n${fence}`;
  return { startLine, endLine, replacement, block };
}
