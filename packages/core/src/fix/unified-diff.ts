/**
 * A unified diff (`diff -u` / `git diff` style) of two texts, for `cxlint --fix-dry-run`.
 * Lines are compared with their `\r`, so a CRLF file whose endings changed is not shown as unchanged.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  // A last line without its newline differs from the same text with one.
  const keys = (s: { lines: string[]; finalNewline: boolean }) =>
    s.finalNewline ? s.lines : s.lines.map((l, i) => (i === s.lines.length - 1 ? `${l}\u0000no-eol` : l));
  const ops = diffLines(keys(a), keys(b));
  const hunks = toHunks(ops, context);
  let out = `--- a/${path}\n+++ b/${path}\n`;
  for (const h of hunks) {
    out += `@@ -${range(h.aStart, h.aLen)} +${range(h.bStart, h.bLen)} @@\n`;
    for (const op of h.ops) {
      const text = op.kind === '+' ? b.lines[op.bi] : a.lines[op.ai];
      out += `${op.kind === '=' ? ' ' : op.kind}${text.replace(/\r$/, '')}\n`;
      const isLastA = op.kind !== '+' && op.ai === a.lines.length - 1 && !a.finalNewline;
      const isLastB = op.kind !== '-' && op.bi === b.lines.length - 1 && !b.finalNewline;
      if ((op.kind === '-' && isLastA) || (op.kind === '+' && isLastB) || (op.kind === '=' && (isLastA || isLastB))) {
        out += '\\ No newline at end of file\n';
      }
    }
  }
  return out;
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

interface Op { kind: '=' | '-' | '+'; ai: number; bi: number }

/** Myers' O(ND) shortest edit script over lines (common prefix and suffix trimmed first: fixes are local). */
export function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const middle = myers(A, B).map((op) => ({ ...op, ai: op.ai + pre, bi: op.bi + pre }));
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: '=', ai: i, bi: i });
  ops.push(...middle);
  for (let i = 0; i < suf; i++) ops.push({ kind: '=', ai: a.length - suf + i, bi: b.length - suf + i });
  return ops;
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length, m = b.length, max = n + m;
  if (n === 0) return b.map((_, j) => ({ kind: '+', ai: 0, bi: j }));
  if (m === 0) return a.map((_, i) => ({ kind: '-', ai: i, bi: 0 }));
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[max + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const ops: Op[] = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; ops.push({ kind: '=', ai: x, bi: y }); }
    if (d === 0) break;
    if (x === prevX) { y--; ops.push({ kind: '+', ai: x, bi: y }); }
    else { x--; ops.push({ kind: '-', ai: x, bi: y }); }
  }
  return ops.reverse();
}

interface Hunk { aStart: number; aLen: number; bStart: number; bLen: number; ops: Op[] }

function toHunks(ops: Op[], context: number): Hunk[] {
  const changed = ops.map((o, i) => (o.kind === '=' ? -1 : i)).filter((i) => i >= 0);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    let from = Math.max(0, changed[i] - context);
    let to = Math.min(ops.length - 1, changed[i] + context);
    while (i + 1 < changed.length && changed[i + 1] - context <= to + 1) {
      i++;
      to = Math.min(ops.length - 1, changed[i] + context);
    }
    i++;
    const slice = ops.slice(from, to + 1);
    const first = slice[0];
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    hunks.push({ aStart: first.ai + (aLen ? 1 : 0), aLen, bStart: first.bi + (bLen ? 1 : 0), bLen, ops: slice });
    from = to + 1;
  }
  return hunks;
}

function range(start: number, len: number): string {
  return len === 1 ? `${start}` : `${start},${len}`;
}
