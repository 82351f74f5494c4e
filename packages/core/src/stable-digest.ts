import { SourceText } from './source/source-text.js';

/**
 * A stable text form of plain data, for cache keys and for the digests of the project indexes a cross-file rule
 * read: equal text means equal data. Universal (no `node:` module); the caller hashes the text.
 *
 * Correct before clever: Maps, Sets, arrays and object keys keep their insertion order (an order that does not
 * matter costs a reuse at worst, never a wrong result). A parsed file found inside an index value (a Terraform
 * resource points at its file) stands for its path, kind, whether its tree is there, and its whole text; a
 * `SourceText` for its text. Functions and cycles get a marker, never a crash. `tokens` stand for objects whose
 * content is known by other means (a file's facts by its path, kind and content hash): shorter, and as exact.
 */
export function stableText(value: unknown, tokens?: WeakMap<object, string>): string {
  const parts: string[] = [];
  const stack = new Set<object>();
  const memo = new WeakMap<object, string>();
  // The same strings come back thousands of times in a project index (object keys, each occurrence's file path):
  // quoting each once is a large part of a digest's cost.
  const quoted = new Map<string, string>();
  const quote = (s: string): string => {
    let q = quoted.get(s);
    if (q === undefined) quoted.set(s, (q = JSON.stringify(s)));
    return q;
  };
  const walk = (v: unknown): void => {
    switch (typeof v) {
      case 'string': parts.push(quote(v)); return;
      case 'number': parts.push(Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : String(v)); return;
      case 'boolean': parts.push(v ? 'true' : 'false'); return;
      case 'undefined': parts.push('undefined'); return;
      case 'bigint': parts.push(`${v}n`); return;
      case 'function': parts.push('fn'); return;
      case 'symbol': parts.push(`sym(${String(v.description)})`); return;
    }
    if (v === null) { parts.push('null'); return; }
    const o = v as object;
    const known = tokens?.get(o) ?? memo.get(o);
    if (known !== undefined) { parts.push(known); return; }
    if (stack.has(o)) { parts.push('cycle'); return; }
    const start = parts.length;
    stack.add(o);
    if (o instanceof SourceText) {
      parts.push('text', JSON.stringify(o.text));
    } else if (isParsedFile(o)) {
      parts.push('file(', JSON.stringify(o.path), JSON.stringify(o.kind), o.root === null ? 'treeless' : 'tree', String(o.errors.length), JSON.stringify(o.source.text), ')');
    } else if (o instanceof Map) {
      parts.push('Map[');
      for (const [k, x] of o) { walk(k); parts.push('=>'); walk(x); parts.push(','); }
      parts.push(']');
    } else if (o instanceof Set) {
      parts.push('Set[');
      for (const x of o) { walk(x); parts.push(','); }
      parts.push(']');
    } else if (Array.isArray(o)) {
      parts.push('[');
      for (const x of o) { walk(x); parts.push(','); }
      parts.push(']');
    } else if (o instanceof RegExp) {
      parts.push(`re(${String(o)})`);
    } else {
      parts.push('{');
      for (const k of Object.keys(o)) { parts.push(quote(k), ':'); walk((o as Record<string, unknown>)[k]); parts.push(','); }
      parts.push('}');
    }
    stack.delete(o);
    // The same file met again (one per Terraform resource in it) costs one join, not another copy of its text.
    if (o instanceof SourceText || isParsedFile(o)) {
      const text = parts.splice(start).join('');
      memo.set(o, text);
      parts.push(text);
    }
  };
  walk(value);
  return parts.join('');
}

function isParsedFile(o: object): o is { path: string; kind: string; root: unknown; errors: unknown[]; source: SourceText } {
  const f = o as Record<string, unknown>;
  return typeof f.path === 'string' && typeof f.kind === 'string' && f.source instanceof SourceText && Array.isArray(f.errors);
}
