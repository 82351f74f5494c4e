import { parseDocument, isAlias, isMap, isScalar, isSeq, isPair, Scalar, type Node as YNode, type Document } from 'yaml';
import type { Node, Pair, ScalarNode, ScalarStyle } from './nodes.js';
import { findPlaceholders, maskSubstitutions, hasMaskToken, restoreSubstitutions, type Placeholder } from './substitutions.js';

export interface ParseProblem {
  message: string;
  range: [number, number];
}

export interface ParsedYaml {
  root: Node | null;
  placeholders: Placeholder[];
  errors: ParseProblem[];
  /** `# cxlint-disable…` comments, collected while the text is at hand. */
  comments: { offset: number; text: string }[];
}

/** Aliases are shared, never expanded, but a file that uses thousands is hostile or broken either way. */
export const MAX_ALIASES = 1000;

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

export function parseYaml(text: string): ParsedYaml {
  const placeholders = findPlaceholders(text);
  const masked = maskSubstitutions(text, placeholders);
  const errors: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(masked, { uniqueKeys: true, prettyErrors: false, strict: true, stringKeys: false });
  } catch (e) {
    return { root: null, placeholders, errors: [{ message: describeCrash(e), range: [0, 0] }], comments: [] };
  }
  for (const err of doc.errors) errors.push({ message: cleanMessage(err.message), range: [err.pos[0], err.pos[1]] });
  let root: Node | null = null;
  if (errors.length === 0) {
    try {
      root = new Converter(placeholders).convert(doc.contents as YNode | null);
    } catch (e) {
      errors.push({ message: describeCrash(e), range: [0, 0] });
    }
  }
  return { root, placeholders, errors, comments: findDirectiveComments(text) };
}

function describeCrash(e: unknown): string {
  if (e instanceof RangeError) return 'The document is nested too deeply to read.';
  if (e instanceof AliasLimitError) return e.message;
  return `The YAML parser failed: ${(e as Error)?.message ?? String(e)}`;
}

function cleanMessage(msg: string): string {
  // The yaml package appends a code frame after the first line; we print our own.
  const first = msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.replace(/[\uE000\uE001]+/g, '{{…}}');
}

class AliasLimitError extends Error {}

class Converter {
  private aliases = 0;
  private readonly done = new Map<YNode, Node>();
  constructor(private readonly placeholders: Placeholder[]) {}

  convert(n: YNode | null | undefined): Node | null {
    if (!n) return null;
    if (isAlias(n)) {
      if (++this.aliases > MAX_ALIASES) throw new AliasLimitError(`More than ${MAX_ALIASES} YAML aliases: refusing to expand (alias bomb?).`);
      const target = (n as { source: string }).source;
      // Resolve against anchors seen so far; shared, never copied.
      for (const [y, converted] of this.done) if (y.anchor === target) return converted;
      return null;
    }
    const range = rangeOf(n);
    if (isMap(n)) {
      const out: Node = { type: 'map', range, pairs: [], flow: n.flow };
      this.done.set(n, out);
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const key = this.keyNode(item.key as YNode | null, range[0]);
        const value = this.convert(item.value as YNode | null);
        const end = value ? value.range[1] : key.range[1];
        (out.pairs as Pair[]).push({ key, value, range: [key.range[0], end] });
      }
      // Block collections' ranges run on over trailing newlines and comments; end them at their last child.
      if (!n.flow && out.pairs.length) out.range[1] = out.pairs[out.pairs.length - 1].range[1];
      return out;
    }
    if (isSeq(n)) {
      const out: Node = { type: 'seq', range, items: [], flow: n.flow };
      this.done.set(n, out);
      for (const item of n.items) {
        const c = this.convert(item as YNode);
        if (c) out.items.push(c);
      }
      if (!n.flow && out.items.length) out.range[1] = out.items[out.items.length - 1].range[1];
      return out;
    }
    if (isScalar(n)) {
      const s = this.scalar(n, range);
      this.done.set(n, s);
      return s;
    }
    return null;
  }

  private keyNode(k: YNode | null, fallback: number): ScalarNode {
    if (k && isScalar(k)) return this.scalar(k, rangeOf(k));
    const range: [number, number] = k ? rangeOf(k) : [fallback, fallback];
    return { type: 'scalar', range, value: null, style: 'plain' };
  }

  private scalar(n: Scalar, range: [number, number]): ScalarNode {
    let value = n.value as ScalarNode['value'];
    if (typeof value === 'bigint') value = Number(value);
    else if (value !== null && typeof value === 'object') value = String(value);
    const node: ScalarNode = { type: 'scalar', range, value, style: STYLES[n.type ?? 'PLAIN'] ?? 'plain' };
    if (typeof value === 'string' && hasMaskToken(value)) {
      node.value = restoreSubstitutions(value, this.placeholders, range[0], range[1]);
      node.hasSubstitution = true;
    }
    return node;
  }
}

function rangeOf(n: YNode): [number, number] {
  const r = n.range;
  return r ? [r[0], r[1]] : [0, 0];
}

const DIRECTIVE = /#\s*cxlint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)/g;

function findDirectiveComments(text: string): { offset: number; text: string }[] {
  if (text.indexOf('cxlint-') === -1) return [];
  const out: { offset: number; text: string }[] = [];
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(text))) out.push({ offset: m.index, text: m[0] });
  return out;
}
