import type { FilterMode } from './inputs.js';

/**
 * The RIGHT-side (new file) lines a PR review may comment on, parsed from a file's unified `patch`.
 * GitHub accepts review comments only on lines inside a hunk (added or context), and a multi-line comment
 * only when `start_line` and `line` sit in the same hunk.
 */
export interface HunkLines {
  /** Added lines (`+`). */
  added: Set<number>;
  /** Added and context lines: everything a comment may sit on. */
  commentable: Set<number>;
  /** Line → index of its hunk, for the same-hunk check of multi-line comments. */
  hunkOf: Map<number, number>;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function hunkLines(patch: string): HunkLines {
  const added = new Set<number>();
  const commentable = new Set<number>();
  const hunkOf = new Map<number, number>();
  let line = 0;
  let hunk = -1;
  for (const raw of patch.split('\n')) {
    const header = HUNK_HEADER.exec(raw);
    if (header) {
      line = Number(header[1]);
      hunk++;
      continue;
    }
    if (hunk < 0) continue;
    const mark = raw[0];
    if (mark === '+') {
      added.add(line);
      commentable.add(line);
      hunkOf.set(line, hunk);
      line++;
    } else if (mark === ' ') {
      commentable.add(line);
      hunkOf.set(line, hunk);
      line++;
    }
    // '-' lines exist only on the LEFT side; '\' is "No newline at end of file".
  }
  return { added, commentable, hunkOf };
}

/** Whether lines `start..end` can carry one review comment (all inside one hunk). */
export function fitsOneHunk(h: HunkLines, start: number, end: number): boolean {
  const hunk = h.hunkOf.get(start);
  if (hunk === undefined) return false;
  for (let l = start; l <= end; l++) if (h.hunkOf.get(l) !== hunk) return false;
  return true;
}

/**
 * reviewdog's filter modes: `added` keeps findings touching an added line, `diff_context` any line inside a
 * hunk, `file` anything in a changed file, `nofilter` everything. `hunks` is undefined when GitHub sent no
 * patch (huge diffs): then the whole file counts as changed.
 */
export function passesFilter(mode: FilterMode, hunks: HunkLines | undefined, changed: boolean, line: number, endLine: number): boolean {
  if (mode === 'nofilter') return true;
  if (!changed) return false;
  if (mode === 'file' || !hunks) return true;
  const set = mode === 'added' ? hunks.added : hunks.commentable;
  for (let l = line; l <= Math.max(line, endLine); l++) if (set.has(l)) return true;
  return false;
}
