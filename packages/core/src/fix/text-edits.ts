import type { TextEdit } from '../diagnostics.js';

/** Several edits of one fix become one edit over the span they cover (as ESLint does), so fixes stay atomic. */
export function mergeEdits(text: string, edits: TextEdit | TextEdit[]): TextEdit {
  const list = (Array.isArray(edits) ? edits : [edits]).slice().sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  if (list.length === 1) return { range: [list[0].range[0], list[0].range[1]], text: list[0].text };
  const start = list[0].range[0];
  let end = start;
  let out = '';
  for (const e of list) {
    if (e.range[0] < end) throw new Error('Fix edits overlap');
    out += text.slice(end, e.range[0]) + e.text;
    end = e.range[1];
  }
  return { range: [start, end], text: out };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}

/**
 * Applies non-overlapping fixes in order; a fix that overlaps one already taken is skipped
 * (the next `--fix` pass picks it up), as ESLint does.
 */
export function applyEdits(text: string, edits: TextEdit[]): { output: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const sorted = edits.slice().sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.range[0] < last) { skipped.push(e); continue; }
    out += text.slice(last, e.range[0]) + e.text;
    last = e.range[1];
    applied.push(e);
  }
  return { output: out + text.slice(last), applied, skipped };
}
