/**
 * Nesting limits, checked on the text before any parser sees it.
 *
 * The yaml package composes recursively (measured: ~800 nested flow collections or ~1,000 block levels exhaust
 * Node's default stack), jsonc-parser overflows near 20,000 levels, and our tree walkers, `toJS` and ajv recurse
 * too. Catching the RangeError is not enough: when the stack runs out while V8 compiles a regular expression the
 * process aborts ("RegExpCompiler Allocation failed - process out of memory", seen at 3,000 levels), which no
 * try/catch survives. So a hostile file is refused before parsing, with the line where the limit is crossed.
 * Real files stay far below the limit (the public corpus peaks at 51 levels, and the estimate below matches the parsed depth on every one of its files).
 */
export const MAX_NESTING = 256;

export function nestingMessage(limit: number): string {
  return `The document is nested more than ${limit} levels deep; refusing to parse it (hostile or generated file?).`;
}

export interface NestingExcess {
  /** Offset of the collection that goes one level past the limit. */
  offset: number;
  limit: number;
}

const OPEN_SQUARE = 91, CLOSE_SQUARE = 93, OPEN_CURLY = 123, CLOSE_CURLY = 125;
const QUOTE = 34, APOS = 39, BACKSLASH = 92, SLASH = 47, STAR = 42, HASH = 35;
const LF = 10, CR = 13, SPACE = 32, TAB = 9, DASH = 45, QUESTION = 63, COLON = 58, PIPE = 124, GT = 62;

/** Strict JSON (jsonc-parser also reads comments, so they are skipped: a `]` in a comment must not hide depth). */
export function findJsonNestingExcess(text: string, limit = MAX_NESTING): NestingExcess | undefined {
  const open = new Uint8Array(limit + 1);
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // A JSON string ends at its closing quote or, unterminated, at the line end (as jsonc-parser's scanner).
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE || d === LF || d === CR) break;
      }
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 1;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (depth === limit) return { offset: i, limit };
      open[depth++] = c;
    } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && depth > 0 && open[depth - 1] === c - 2) {
      // Only a matching closer ends a level: stray closers must not let the count fall behind the parser's.
      depth--;
    }
  }
  return undefined;
}

const INTERPOLATION = 1;
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

/**
 * Terraform: blocks, objects and tuples (what becomes nested JSON in the HCL parser's output). A string's
 * `${…}` is followed, so quotes inside it cannot end the string early and hide the brackets after it; `#` and
 * `//` comments and heredocs are skipped (heredoc templates stay strings in the parser's output).
 */
export function findHclNestingExcess(text: string, limit = MAX_NESTING): NestingExcess | undefined {
  const open = new Uint8Array(limit + 1);
  let depth = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE || c === LF) inString = false;
      else if ((c === 36 /* $ */ || c === 37 /* % */) && text.charCodeAt(i + 1) === OPEN_CURLY && text.charCodeAt(i - 1) !== c) {
        if (depth === limit) return { offset: i, limit };
        open[depth++] = INTERPOLATION;
        inString = false;
        i++;
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === HASH || (c === SLASH && text.charCodeAt(i + 1) === SLASH)) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 1;
    } else if (c === 60 /* < */ && text.charCodeAt(i + 1) === 60) {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (m) {
        // The heredoc ends at the first line that holds only its marker.
        const end = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(?:\\r?\\n|$)`, 'g');
        end.lastIndex = i + m[0].length - 1;
        const close = end.exec(text);
        i = close ? close.index + close[0].length - 1 : n;
      }
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (depth === limit) return { offset: i, limit };
      open[depth++] = c;
    } else if (c === CLOSE_CURLY && depth > 0 && open[depth - 1] === INTERPOLATION) {
      depth--;
      inString = true; // back in the string the interpolation sits in
    } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && depth > 0 && open[depth - 1] === c - 2) {
      depth--;
    }
  }
  return undefined;
}

/**
 * YAML: block levels (indentation, and compact `- - -` / `? ` indicators on one line) plus flow collections.
 * An estimate, not a parser: it never reads less depth than the yaml package builds for the same lines
 * (a sequence at its parent key's indentation counts as a level; brackets in comments, quoted scalars and
 * block scalars do not), and it runs on the masked text, so `{{…}}` substitutions are not braces.
 */
export function findYamlNestingExcess(text: string, limit = MAX_NESTING): NestingExcess | undefined {
  const n = text.length;
  // Block levels: column and whether the level is a sequence.
  const cols: number[] = [];
  const seqs: boolean[] = [];
  // Open flow collections (their opening character).
  const flow = new Uint8Array(limit + 1);
  let flowDepth = 0;
  let quote = 0; // an open quoted scalar that runs over lines
  // In flow context a quote opens a quoted scalar only where a scalar starts (`[it's]` is a plain scalar).
  let scalarStart = true;
  let inBlockScalar = false;
  let blockScalarParent = -1; // inside a `|`/`>` scalar: lines indented more than this are content
  // Block scalar content must be indented past its parent collection, not past the line (`- k: |` → column 2).
  const startBlockScalar = () => {
    inBlockScalar = true;
    blockScalarParent = cols.length ? cols[cols.length - 1] : -1;
  };
  let pos = 0;

  const push = (col: number, seq: boolean, at: number): boolean => {
    while (cols.length) {
      const top = cols.length - 1;
      // A sequence may sit at its parent key's column (`key:\n- item`): that is a deeper level, not a sibling.
      if (cols[top] > col || (cols[top] === col && !(seq && !seqs[top]))) {
        cols.pop();
        seqs.pop();
      } else break;
    }
    cols.push(col);
    seqs.push(seq);
    return cols.length + flowDepth > limit ? ((excess = { offset: at, limit }), true) : false;
  };
  let excess: NestingExcess | undefined;

  /** Scans flow content (and quoted scalars) from `i` to `end`; returns where it stopped. */
  const scanInline = (i: number, end: number): number => {
    while (i < end) {
      const c = text.charCodeAt(i);
      if (quote) {
        if (quote === QUOTE) {
          if (c === BACKSLASH) { i += 2; continue; }
          if (c === QUOTE) quote = 0;
        } else if (c === APOS) {
          if (text.charCodeAt(i + 1) === APOS) { i += 2; continue; }
          quote = 0;
        }
        i++;
        if (!quote && flowDepth === 0) return end; // the rest of a block line after a quoted scalar: no structure
        continue;
      }
      if ((c === QUOTE || c === APOS) && scalarStart) {
        quote = c;
      } else if (c === HASH && (i === 0 || isBlankOrEnd(text, i - 1))) {
        return end;
      } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        if (cols.length + flowDepth >= limit) {
          excess = { offset: i, limit };
          return end;
        }
        flow[flowDepth++] = c;
      } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && flowDepth > 0 && flow[flowDepth - 1] === c - 2) {
        flowDepth--;
        if (flowDepth === 0) return end; // a flow key's `: value` after it holds no deeper structure worth counting
      }
      // `:` and `?` are indicators only before a blank (`?'` and `a:'b'` are plain scalars): a quote right after one
      // is text, and taking it for an opening quote would hide the brackets after it.
      if (!isBlank(c)) scalarStart = c === OPEN_SQUARE || c === OPEN_CURLY || c === 44 /* , */ || ((c === COLON || c === QUESTION) && isBlankOrEnd(text, i + 1, end));
      i++;
    }
    return end;
  };

  while (pos < n && !excess) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = n;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    const indent = i - pos;
    const blankLine = i >= eol || text.charCodeAt(i) === CR;

    if (quote || flowDepth) {
      scanInline(i, eol);
      pos = eol + 1;
      continue;
    }
    if (inBlockScalar) {
      if (blankLine || indent > blockScalarParent) { pos = eol + 1; continue; }
      inBlockScalar = false;
    }
    if (blankLine || text.charCodeAt(i) === HASH) { pos = eol + 1; continue; }
    if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i)) && isBlankOrEnd(text, i + 3)) {
      cols.length = 0;
      seqs.length = 0;
      i += 3;
      while (i < eol && isBlank(text.charCodeAt(i))) i++;
      if (i >= eol || text.charCodeAt(i) === CR || text.charCodeAt(i) === HASH) { pos = eol + 1; continue; }
    } else if (indent === 0 && text.charCodeAt(i) === 37 /* % directive */) {
      pos = eol + 1;
      continue;
    }

    // Compact block indicators: `- `, `? ` and `: ` each open a level at their column.
    for (;;) {
      const c = text.charCodeAt(i);
      if ((c === DASH || c === QUESTION || c === COLON) && isBlankOrEnd(text, i + 1, eol)) {
        if (push(i - pos, c === DASH, i)) break;
        i++;
        while (i < eol && isBlank(text.charCodeAt(i))) i++;
      } else break;
    }
    if (excess) break;
    i = skipProperties(text, i, eol);
    const c = text.charCodeAt(i);
    if (i >= eol || c === CR || c === HASH) { pos = eol + 1; continue; }
    if (c === OPEN_SQUARE || c === OPEN_CURLY || c === QUOTE || c === APOS) {
      // A flow collection or quoted scalar (maybe a quoted key: `"a b": 1` counts as a map level below).
      const keyColon = c === QUOTE || c === APOS ? quotedKeyColon(text, i, eol) : -1;
      if (keyColon !== -1) {
        if (push(i - pos, false, i)) break;
        i = valueStart(text, keyColon + 1, eol);
      }
    } else if (c === PIPE || c === GT) {
      startBlockScalar();
      pos = eol + 1;
      continue;
    } else {
      const colon = plainKeyColon(text, i, eol);
      if (colon === -1) { pos = eol + 1; continue; } // a plain scalar (or its continuation): no structure
      if (push(i - pos, false, i)) break;
      i = valueStart(text, colon + 1, eol);
    }
    const v = text.charCodeAt(i);
    if (i < eol && (v === PIPE || v === GT)) startBlockScalar();
    else if (i < eol && (v === OPEN_SQUARE || v === OPEN_CURLY || v === QUOTE || v === APOS)) {
      scalarStart = true;
      scanInline(i, eol);
    }
    pos = eol + 1;
  }
  return excess;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBlankOrEnd(text: string, i: number, end = text.length): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === SPACE || c === TAB || c === CR || c === LF;
}

/** Skips `&anchor` and `!tag` before a node. */
function skipProperties(text: string, i: number, eol: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (i >= eol || (c !== 38 /* & */ && c !== 33 /* ! */)) return i;
    while (i < eol && !isBlank(text.charCodeAt(i)) && text.charCodeAt(i) !== CR) i++;
    while (i < eol && isBlank(text.charCodeAt(i))) i++;
  }
}

function valueStart(text: string, i: number, eol: number): number {
  while (i < eol && isBlank(text.charCodeAt(i))) i++;
  return skipProperties(text, i, eol);
}

/** The `:` of `key: value` / `key:` in a plain key, or -1. A `#` after a blank starts a comment. */
function plainKeyColon(text: string, i: number, eol: number): number {
  for (let j = i; j < eol; j++) {
    const c = text.charCodeAt(j);
    if (c === COLON && isBlankOrEnd(text, j + 1, eol)) return j;
    if (c === HASH && j > i && isBlank(text.charCodeAt(j - 1))) return -1;
  }
  return -1;
}

/** For a quoted scalar closed on this line and followed by `:`, that colon's offset; else -1. */
function quotedKeyColon(text: string, i: number, eol: number): number {
  const q = text.charCodeAt(i);
  let j = i + 1;
  for (; j < eol; j++) {
    const c = text.charCodeAt(j);
    if (q === QUOTE && c === BACKSLASH) { j++; continue; }
    if (c === q) {
      if (q === APOS && text.charCodeAt(j + 1) === APOS) { j++; continue; }
      break;
    }
  }
  if (j >= eol) return -1;
  j++;
  while (j < eol && isBlank(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === COLON && isBlankOrEnd(text, j + 1, eol) ? j : -1;
}
