/**
 * The one place that maps offsets to lines and columns.
 * A UTF-8 BOM is stripped before anything else sees the text (and remembered so fixes can put it back);
 * CRLF needs no special care because `\r` only ever sits at the end of a line.
 */
export interface Position {
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units like ESLint
}

export class SourceText {
  readonly text: string;
  readonly hasBom: boolean;
  private lineStarts: number[] | undefined;

  constructor(raw: string) {
    this.hasBom = raw.charCodeAt(0) === 0xfeff;
    this.text = this.hasBom ? raw.slice(1) : raw;
  }

  /** Offsets of every line start; computed once, on first use (most clean files never need it). */
  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    let i = t.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = t.indexOf('\n', i + 1);
    }
    return (this.lineStarts = starts);
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo] + 1 };
  }

  offsetAt(pos: Position): number {
    const starts = this.starts();
    const lineStart = starts[Math.min(Math.max(pos.line - 1, 0), starts.length - 1)];
    return Math.min(lineStart + pos.column - 1, this.text.length);
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Line `n` (1-based) without its line break. */
  lineText(n: number): string {
    const starts = this.starts();
    const start = starts[n - 1] ?? this.text.length;
    let end = n < starts.length ? starts[n] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  lineStartOffset(n: number): number {
    return this.starts()[n - 1] ?? this.text.length;
  }

  /** End offset of line `n`, before its `\r\n` or `\n`. */
  lineEndOffset(n: number): number {
    return this.lineStartOffset(n) + this.lineText(n).length;
  }

  /** The line break this file uses, so fixes that add lines keep it. */
  get eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }
}
