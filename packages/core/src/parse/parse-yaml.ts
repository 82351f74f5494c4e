import { parseAllDocuments, parseDocument, isAlias, isMap, isScalar, isSeq, isPair, Scalar, type Node as YNode, type Document } from 'yaml';
import { markShared, type Node, type Pair, type ScalarNode, type ScalarStyle } from './nodes.js';
import { findPlaceholders, maskSubstitutions, hasMaskToken, restoreSubstitutions, type Placeholder } from './substitutions.js';
import { parseYamlFast } from './yaml-fast.js';
import { findYamlNestingExcess, nestingMessage } from './nesting.js';

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
/**
 * Shared nodes are expanded by whatever reads the tree as plain data (`toJS`, ajv): ten anchors of ten aliases
 * each ("billion laughs") would be 10^10 nodes. Cap what aliases stand for, counted as if expanded.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'block',
  BLOCK_FOLDED: 'block',
};

/** `fast: false` forces the `yaml` package path (the differential test compares the two). */
export function parseYaml(text: string, fast = true): ParsedYaml {
  const placeholders = findPlaceholders(text);
  const masked = maskSubstitutions(text, placeholders);
  const errors: ParseProblem[] = [];
  const deep = findYamlNestingExcess(masked);
  if (deep) {
    return { root: null, placeholders, errors: [{ message: nestingMessage(deep.limit), range: [deep.offset, deep.offset + 1] }], comments: [] };
  }
  // Most flows take the fast path (js-yaml, ~10× faster); it gives up on errors and rare syntax (see yaml-fast.ts).
  const quick = fast ? parseYamlFast(masked, placeholders) : undefined;
  const merges = masked.includes('<<');
  if (quick) return { root: merges ? resolveMergeKeys(quick.root) : quick.root, placeholders, errors, comments: findDirectiveComments(text) };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(masked, { uniqueKeys: true, prettyErrors: false, strict: true, stringKeys: false });
  } catch (e) {
    return { root: null, placeholders, errors: [{ message: describeCrash(e), range: [0, 0] }], comments: [] };
  }
  for (const err of doc.errors) {
    if (err.code === 'MULTIPLE_DOCS') errors.push(multipleDocuments(masked, err.pos));
    else errors.push({ message: cleanMessage(err.message), range: [err.pos[0], err.pos[1]] });
  }
  let root: Node | null = null;
  if (errors.length === 0) {
    try {
      root = new Converter(placeholders).convert(doc.contents as YNode | null);
    } catch (e) {
      errors.push({ message: describeCrash(e), range: e instanceof AliasLimitError ? e.range : [0, 0] });
    }
  }
  // Merge keys are rare: only a text with `<<` in it pays for the walk.
  return { root: merges ? resolveMergeKeys(root) : root, placeholders, errors, comments: findDirectiveComments(text) };
}

/** Our own words for a file with several `---` documents (the yaml package would advise its own API). */
function multipleDocuments(text: string, pos: [number, number]): ParseProblem {
  let count = 0;
  const starts: number[] = [];
  try {
    for (const d of parseAllDocuments(text) as Document.Parsed[]) {
      count++;
      if (d.range) starts.push(d.range[0]);
    }
  } catch {
    count = 0;
  }
  const second = starts[1] ?? pos[0];
  const line = text.slice(0, second).split('\n').length;
  const how = count > 1 ? `this one has ${count}` : 'this one has more than one';
  return { message: `a flow file holds one YAML document; ${how} (the second starts at line ${line}). Archy publishes one flow per file: split it into one file per flow.`, range: [second, second + 1] };
}

const MERGE_KEY = '<<';

/**
 * YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), resolved as the YAML 1.1 merge type defines them: the keys of
 * the merged maps are added to the map unless it sets them itself (earlier maps in a list win), and the `<<`
 * entry itself is gone. Rules then see the flow Archy sees. Merged values are the anchor's nodes (shared, so
 * positions point at the text that holds them).
 */
function resolveMergeKeys(root: Node | null): Node | null {
  if (!root) return root;
  const done = new Set<Node>();
  const visit = (node: Node): void => {
    if (done.has(node)) return;
    done.add(node);
    if (node.type === 'seq') { for (const item of node.items) visit(item); return; }
    if (node.type !== 'map') return;
    for (const pair of node.pairs) if (pair.value) visit(pair.value);
    if (!node.pairs.some(isMergePair)) return;
    const own = node.pairs.filter((p) => !isMergePair(p));
    const seen = new Set(own.map((p) => String(p.key.value)));
    const merged: Pair[] = [];
    for (const pair of node.pairs.filter(isMergePair)) {
      const sources = pair.value?.type === 'seq' ? pair.value.items : pair.value ? [pair.value] : [];
      for (const src of sources) {
        if (src.type !== 'map') continue;
        for (const p of src.pairs) {
          const key = String(p.key.value);
          if (seen.has(key)) continue;
          seen.add(key);
          if (p.value) markShared(p.value);
          merged.push(p);
        }
      }
    }
    (node.pairs as Pair[]).splice(0, node.pairs.length, ...own, ...merged);
  };
  visit(root);
  return root;
}

function isMergePair(p: Pair): boolean {
  return p.key.value === MERGE_KEY && p.key.style === 'plain';
}

function describeCrash(e: unknown): string {
  if (e instanceof RangeError) return 'The document is nested too deeply to read.';
  if (e instanceof AliasLimitError) return e.message;
  return `The YAML parser failed: ${(e as Error)?.message ?? String(e)}`;
}

function cleanMessage(msg: string): string {
  // The yaml package reports its own stack overflow as a syntax error.
  if (msg.startsWith('Maximum call stack size exceeded')) return 'The document is nested too deeply to read.';
  // The yaml package appends a code frame after the first line; we print our own.
  const first = msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.replace(/[\uE000\uE001]+/g, '{{…}}');
}

class AliasLimitError extends Error {
  constructor(message: string, readonly range: [number, number]) {
    super(message);
  }
}

class Converter {
  private aliases = 0;
  private expanded = 0;
  private readonly done = new Map<YNode, Node>();
  /** Collections being converted: an alias to one of them would make the tree a cycle. */
  private readonly open = new Set<Node>();
  private readonly sizes = new Map<Node, number>();
  constructor(private readonly placeholders: Placeholder[]) {}

  convert(n: YNode | null | undefined): Node | null {
    if (!n) return null;
    if (isAlias(n)) {
      const range = rangeOf(n);
      if (++this.aliases > MAX_ALIASES) throw new AliasLimitError(`More than ${MAX_ALIASES} YAML aliases: refusing to expand (alias bomb?).`, range);
      const target = (n as { source: string }).source;
      // Resolve against anchors seen so far; shared, never copied. The last anchor of a name wins, as in YAML.
      let converted: Node | undefined;
      for (const [y, c] of this.done) if (y.anchor === target) converted = c;
      if (!converted) return null;
      if (this.open.has(converted)) throw new AliasLimitError(`YAML alias \`*${target}\` refers to a collection that contains it (a cycle).`, range);
      this.expanded += expandedSize(converted, this.sizes);
      if (this.expanded > MAX_ALIAS_EXPANSION) {
        throw new AliasLimitError(`YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes: refusing to expand (alias bomb?).`, range);
      }
      markShared(converted);
      return converted;
    }
    const range = rangeOf(n);
    if (isMap(n)) {
      const out: Node = { type: 'map', range, pairs: [], flow: n.flow };
      this.done.set(n, out);
      this.open.add(out);
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const key = this.keyNode(item.key as YNode | null, range[0]);
        const value = this.convert(item.value as YNode | null);
        const end = value ? value.range[1] : key.range[1];
        (out.pairs as Pair[]).push({ key, value, range: [key.range[0], end] });
      }
      // Block collections' ranges run on over trailing newlines and comments; end them at their last child.
      if (!n.flow && out.pairs.length) out.range[1] = out.pairs[out.pairs.length - 1].range[1];
      this.open.delete(out);
      return out;
    }
    if (isSeq(n)) {
      const out: Node = { type: 'seq', range, items: [], flow: n.flow };
      this.done.set(n, out);
      this.open.add(out);
      for (const item of n.items) {
        const c = this.convert(item as YNode);
        if (c) out.items.push(c);
      }
      if (!n.flow && out.items.length) out.range[1] = out.items[out.items.length - 1].range[1];
      this.open.delete(out);
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

/** Node count of a finished subtree with shared nodes counted at every use (memoised; the tree has no cycles). */
function expandedSize(root: Node, sizes: Map<Node, number>): number {
  const stack: [Node, boolean][] = [[root, false]];
  while (stack.length) {
    const [node, childrenDone] = stack.pop()!;
    if (sizes.has(node)) continue;
    const children = node.type === 'map' ? node.pairs.flatMap((p) => (p.value ? [p.value] : [])) : node.type === 'seq' ? node.items : [];
    if (childrenDone) {
      let size = 1 + (node.type === 'map' ? node.pairs.length : 0);
      for (const c of children) size = Math.min(size + sizes.get(c)!, Number.MAX_SAFE_INTEGER);
      sizes.set(node, size);
    } else {
      stack.push([node, true]);
      for (const c of children) if (!sizes.has(c)) stack.push([c, false]);
    }
  }
  return sizes.get(root)!;
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
