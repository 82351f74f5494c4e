import { valueIndexToOffset } from './string-offsets.js';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './nodes.js';

/**
 * Positions inside HCL values. hcl2json (HashiCorp's parser) decides what a `.tf` file means but gives no
 * positions; the data-action rules need them down to the character inside a string. This reads the few value
 * shapes a `genesyscloud_integration_action` uses — quoted strings, heredocs, `{…}` objects, `[…]` tuples, numbers,
 * `true`/`false`/`null`, and `jsonencode(…)` around them — from a range hcl2json already accepted, and gives up
 * (undefined) on anything else (a reference, a function call, a conditional): the caller then has the value
 * without positions, or not at all. Never a second opinion on what the file means: only where things are.
 *
 * Quoted strings become scalars of style `hcl` (their range includes the quotes; `valueIndexToOffset` maps an
 * index of the decoded text back through `\"`, `\n`, `\uXXXX`, `$${` and `%%{`). Heredocs become scalars of style
 * `heredoc`, with the source offset of every decoded character (`<<-` strips indentation).
 */

export interface HeredocScalar extends ScalarNode {
  style: 'heredoc';
  /** Source offset of each character of `value`, and of its end. */
  offsets: number[];
}

/** Decoded text of a quoted HCL string (`"…"`, the quotes at `start` and `end - 1`). */
export function decodeHclQuoted(text: string, start: number, end: number): string {
  let out = '';
  for (let i = start + 1; i < end - 1; i++) {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + len), 16) || 0);
        i += 1 + len;
      } else {
        out += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n;
        i++;
      }
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
    } else out += c;
  }
  return out;
}

/** End (exclusive) of the quoted string opening at `start`; -1 when it does not close on its line. */
function quotedEnd(text: string, start: number, limit: number): number {
  let depth = 0; // `${ "…" }` inside a template holds strings of its own
  for (let i = start + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n') return -1;
    else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
      depth++;
      i++;
    } else if (c === '}' && depth) depth--;
    else if (c === '"' && !depth) return i + 1;
  }
  return -1;
}

const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y;

function readHeredoc(text: string, start: number, limit: number): { node: HeredocScalar; end: number } | undefined {
  HEREDOC.lastIndex = start;
  const m = HEREDOC.exec(text);
  if (!m) return undefined;
  const indented = m[1] === '-';
  const lines: [number, number][] = [];
  let at = start + m[0].length;
  let end = -1;
  while (at < limit) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 || nl > limit ? limit : nl;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    if (line.trim() === m[2]) {
      end = lineEnd;
      break;
    }
    lines.push([at, at + line.length]);
    at = lineEnd + 1;
  }
  if (end === -1) return undefined;
  let strip = 0;
  if (indented) {
    const widths = lines.filter(([a, b]) => text.slice(a, b).trim() !== '').map(([a, b]) => /^[ \t]*/.exec(text.slice(a, b))![0].length);
    strip = widths.length ? Math.min(...widths) : 0;
  }
  let value = '';
  const offsets: number[] = [];
  for (const [a, b] of lines) {
    for (let i = Math.min(a + strip, b); i < b; i++) {
      const c = text[i];
      offsets.push(i);
      if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
        value += `${c}{`;
        offsets.push(i + 2);
        i += 2;
      } else value += c;
    }
    value += '\n';
    offsets.push(b);
  }
  offsets.push(end);
  return { node: { type: 'scalar', range: [start, end], value, style: 'heredoc', offsets }, end };
}

function skipSpace(text: string, i: number, limit: number, newlines = true): number {
  while (i < limit) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || (newlines && (c === '\n' || c === ','))) i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? limit : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? limit : close + 2;
    } else break;
  }
  return i;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_][\w-]*/y;

/** Reads one value at `start`; its node and where it ends, or undefined for a shape this does not read. */
export function readHclValue(text: string, start: number, limit = text.length): { node: Node; end: number } | undefined {
  const i = skipSpace(text, start, limit, false);
  const c = text[i];
  if (c === '"') {
    const end = quotedEnd(text, i, limit);
    if (end === -1) return undefined;
    return { node: { type: 'scalar', range: [i, end], value: decodeHclQuoted(text, i, end), style: 'hcl' }, end };
  }
  if (c === '<' && text[i + 1] === '<') return readHeredoc(text, i, limit);
  if (c === '{') return readObject(text, i, limit);
  if (c === '[') return readTuple(text, i, limit);
  NUMBER.lastIndex = i;
  const num = NUMBER.exec(text);
  if (num) return { node: { type: 'scalar', range: [i, i + num[0].length], value: Number(num[0]), style: 'hcl' }, end: i + num[0].length };
  WORD.lastIndex = i;
  const word = WORD.exec(text)?.[0];
  if (word === 'jsonencode' && text[skipSpace(text, i + word.length, limit, false)] === '(') {
    const inner = readHclValue(text, skipSpace(text, i + word.length, limit, false) + 1, limit);
    if (!inner) return undefined;
    const close = skipSpace(text, inner.end, limit);
    return text[close] === ')' ? { node: inner.node, end: close + 1 } : undefined;
  }
  const after = word ? text[skipSpace(text, i + word.length, limit, false)] : undefined;
  if ((word === 'true' || word === 'false' || word === 'null') && (after === undefined || /[\s,}\])]/.test(after))) {
    return { node: { type: 'scalar', range: [i, i + word.length], value: word === 'null' ? null : word === 'true', style: 'hcl' }, end: i + word.length };
  }
  return undefined;
}

function readObject(text: string, open: number, limit: number): { node: MapNode; end: number } | undefined {
  const pairs: Pair[] = [];
  let i = open + 1;
  for (;;) {
    i = skipSpace(text, i, limit);
    if (i >= limit) return undefined;
    if (text[i] === '}') return { node: { type: 'map', range: [open, i + 1], pairs }, end: i + 1 };
    let key: ScalarNode;
    if (text[i] === '"') {
      const end = quotedEnd(text, i, limit);
      if (end === -1) return undefined;
      key = { type: 'scalar', range: [i, end], value: decodeHclQuoted(text, i, end), style: 'hcl' };
      i = end;
    } else {
      WORD.lastIndex = i;
      const w = WORD.exec(text)?.[0];
      if (!w) return undefined;
      key = { type: 'scalar', range: [i, i + w.length], value: w, style: 'plain' };
      i += w.length;
    }
    i = skipSpace(text, i, limit, false);
    if (text[i] !== '=' && text[i] !== ':') return undefined;
    const value = readHclValue(text, i + 1, limit);
    if (!value) return undefined;
    pairs.push({ key, value: value.node, range: [key.range[0], value.end] });
    i = value.end;
  }
}

function readTuple(text: string, open: number, limit: number): { node: SeqNode; end: number } | undefined {
  const items: Node[] = [];
  let i = open + 1;
  for (;;) {
    i = skipSpace(text, i, limit);
    if (i >= limit) return undefined;
    if (text[i] === ']') return { node: { type: 'seq', range: [open, i + 1], items }, end: i + 1 };
    const value = readHclValue(text, i, limit);
    if (!value) return undefined;
    items.push(value.node);
    i = value.end;
  }
}

/** Text to insert into a quoted HCL string so that it decodes to `s` (and Terraform does not interpolate it). */
export function hclQuotedBody(s: string): string {
  return escapeHclTemplate(JSON.stringify(s).slice(1, -1));
}

/** `${` and `%{` as HCL writes them literally in any string or heredoc: `$${`, `%%{`. */
export function escapeHclTemplate(s: string): string {
  return s.replace(/([$%])\{/g, '$1$1{');
}

export interface JsonencodeScalar extends ScalarNode {
  style: 'jsonencode';
  value: string;
  /**
   * For each index of `value` (and its end): the source offset of the place before that character, or -1 where it
   * has none of its own (JSON punctuation, a number, a key: findings there point at the nearest place before).
   */
  offsets: number[];
  /** For each index (and the end): whether the place before it is inside an HCL string, where text can be inserted. */
  inside: boolean[];
  /** For each character: whether it is a copy of one character of an HCL string (so it can be edited there). */
  exact: boolean[];
}

/** JSON escapes as Terraform's `jsonencode` writes them (Go's encoding/json, HTML-safe). */
function jsonChar(c: string): string {
  const s = JSON.stringify(c).slice(1, -1);
  if (c === '<' || c === '>' || c === '&' || c === '\u2028' || c === '\u2029') return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return s;
}

/**
 * The text `jsonencode(<node>)` produces — compact, object keys sorted, as Terraform writes it — with where each
 * character of a string value comes from in the source, so a `$${input.x}` inside `jsonencode({ body = "…" })`
 * is found at its place and can be edited there. Undefined when the object holds something that is not a literal.
 */
export function jsonencodeText(source: string, node: Node, range: [number, number]): JsonencodeScalar | undefined {
  let text = '';
  const offsets: number[] = [];
  const inside: boolean[] = [];
  const exact: boolean[] = [];
  const put = (s: string, at = -1, copies = false) => {
    for (let i = 0; i < s.length; i++) {
      offsets.push(i === 0 ? at : -1);
      inside.push(copies && i === 0);
      exact.push(copies && i === 0 && s.length === 1);
    }
    text += s;
  };
  const visit = (n: Node): boolean => {
    if (n.type === 'map') {
      put('{');
      const pairs = [...n.pairs].sort((a, b) => (String(a.key.value) < String(b.key.value) ? -1 : String(a.key.value) > String(b.key.value) ? 1 : 0));
      for (let i = 0; i < pairs.length; i++) {
        if (i) put(',');
        put(`${JSON.stringify(String(pairs[i].key.value))}:`);
        if (!pairs[i].value || !visit(pairs[i].value!)) return false;
      }
      put('}');
      return true;
    }
    if (n.type === 'seq') {
      put('[');
      for (let i = 0; i < n.items.length; i++) {
        if (i) put(',');
        if (!visit(n.items[i])) return false;
      }
      put(']');
      return true;
    }
    if (typeof n.value !== 'string') {
      put(JSON.stringify(n.value));
      return true;
    }
    if (n.style !== 'hcl' || /(?<![$%])[$%](?![$%])\{/.test(source.slice(n.range[0], n.range[1]).replace(/\$\$\{|%%\{/g, ''))) return false;
    put('"', n.range[0]);
    const value = n.value;
    for (let k = 0; k < value.length; k++) put(jsonChar(value[k]), valueIndexToOffset(source, n, k), true);
    // The end of the string's content is a place an insertion can go (`${input.x}` → `…${input.x})`).
    offsets.push(valueIndexToOffset(source, n, value.length));
    inside.push(true);
    exact.push(false);
    text += '"';
    return true;
  };
  if (!visit(node)) return undefined;
  offsets.push(-1);
  inside.push(false);
  return { type: 'scalar', range, value: text, style: 'jsonencode', offsets, inside, exact };
}
