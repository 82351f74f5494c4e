/**
 * The fast path of `parseYaml`: js-yaml's loader with a `listener`, building the same neutral tree (same
 * ranges, values, styles) that the `yaml` package's Document API gives through `parse-yaml.ts`.
 *
 * Why: measured on 200 synthetic 30 KB flows (packages/bench), `yaml`'s parseDocument reads ~2 MB/s and its
 * CST parser alone ~3 MB/s; js-yaml with a listener ~25 MB/s, and cxlint's time was two thirds parsing.
 *
 * It only handles what flows use (block and flow maps and sequences, plain, quoted and block scalars) and
 * gives up — returning undefined so the caller takes the `yaml` package path — on anything else: a js-yaml
 * error or warning (so syntax errors keep `yaml`'s messages and positions), anchors, aliases, tags,
 * directives, explicit `?` keys, empty sequence entries, pairs inside flow sequences, non-scalar keys, keys
 * that `yaml` would reject (too long) or see as duplicates after resolving (`1` and `01`). A differential test
 * (`yaml-fast.test.ts`) checks both paths agree on the corpus and on generated documents.
 */
import jsyaml from 'js-yaml';
import type { MapNode, Node, Pair, ScalarNode, ScalarValue, SeqNode } from './nodes.js';
import { hasMaskToken, restoreSubstitutions, type Placeholder } from './substitutions.js';

class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not handled by the fast path');

/** js-yaml recurses per level; deeper documents go to the `yaml` package path (which reports them). */
const MAX_DEPTH = 1000;

const SP = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, HASH = 0x23;

export function parseYamlFast(text: string, placeholders: Placeholder[]): { root: Node | null } | undefined {
  // Offsets must be the text's own: js-yaml strips a BOM, and directives can switch `yaml` to YAML 1.1.
  if (text.charCodeAt(0) === 0xfeff || text.charCodeAt(0) === 0x25 || text.includes('\n%')) return undefined;
  const builder = new Builder(text, placeholders);
  try {
    const options: jsyaml.LoadOptions & { maxDepth: number } = {
      schema: jsyaml.FAILSAFE_SCHEMA,
      maxDepth: MAX_DEPTH,
      onWarning: () => {
        throw GIVE_UP;
      },
      listener: (event, state) => (event === 'open' ? builder.open(state.position) : builder.close(state)),
    };
    jsyaml.load(text, options);
  } catch {
    return undefined; // syntax error, or something only the `yaml` path handles
  }
  return { root: builder.root() };
}

/**
 * Builds nodes bottom-up from js-yaml's open/close events. Children of the open nodes live on flat parallel
 * stacks (no object per event: this runs for every node of every flow).
 */
class Builder {
  /** Per open node: where js-yaml started reading it, and where its children start on the child stacks. */
  private readonly opens: number[] = [];
  private readonly firsts: number[] = [];
  /** Finished children: the node (null when empty), its start, js-yaml's value and kind, where reading began. */
  private readonly nodes: (Node | null)[] = [];
  private readonly ats: number[] = [];
  private readonly results: unknown[] = [];
  private readonly kinds: (string | null)[] = [];
  private readonly begins: number[] = [];
  /** How many finished children the stacks hold (arrays only grow: setting `length` is a slow runtime call). */
  private n = 0;

  constructor(
    private readonly text: string,
    private readonly placeholders: Placeholder[],
  ) {}

  open(position: number): void {
    this.opens.push(position);
    this.firsts.push(this.n);
  }

  root(): Node | null {
    return this.n ? this.nodes[this.n - 1] : null;
  }

  private pushChild(node: Node | null, at: number, result: unknown, kind: string | null, begin: number): void {
    const i = this.n++;
    this.nodes[i] = node;
    this.ats[i] = at;
    this.results[i] = result;
    this.kinds[i] = kind;
    this.begins[i] = begin;
  }

  close(state: jsyaml.State): void {
    const open = this.opens.pop()!;
    const first = this.firsts.pop()!;
    const last = this.n;
    const kind = state.kind;
    const result = state.result;
    if (kind === null) {
      // No content: an empty value. `yaml` places it after the indicator and the spaces that follow it.
      this.n = first;
      this.pushChild(null, this.skipInline(open), null, null, open);
      return;
    }
    // A block-mapping attempt that found no `:` hands its child's node up unchanged.
    // That is always its only child (a built collection has several, or its own value).
    if (last - first === 1 && this.kinds[first] === kind && (this.results[first] === result || (kind === 'scalar' && this.nodes[first] !== null))) {
      this.results[first] = result;
      return;
    }
    const start = this.skipSeparation(open);
    const ch = this.text.charCodeAt(start);
    if (ch === 0x26 || ch === 0x2a || ch === 0x21 || ch === 0x3f) throw GIVE_UP; // & * ! ? : anchors, aliases, tags, explicit keys
    let node: Node;
    // `yaml` wants white space before a comment; js-yaml takes `"x"#c` and `[a]#c`.
    const flowOrQuoted = ch === 0x22 || ch === 0x27 || ch === 0x5b || ch === 0x7b;
    if (flowOrQuoted && this.text.charCodeAt(state.position) === HASH) throw GIVE_UP;
    if ((ch === 0x5b || ch === 0x7b) && /[,[{]#/.test(this.text.slice(start, state.position))) throw GIVE_UP;
    if (kind === 'scalar') node = this.scalar(start, state.position, result as string, ch);
    else if (kind === 'sequence') node = this.sequence(start, state.position, first, last, ch === 0x5b, result as unknown[]);
    else if (kind === 'mapping') node = this.mapping(start, state.position, first, last, ch === 0x7b);
    else throw GIVE_UP;
    this.n = first;
    this.pushChild(node, start, result, kind, open);
  }

  private scalar(start: number, end: number, value: string, ch: number): ScalarNode {
    let style: ScalarNode['style'];
    let resolved: ScalarValue = value;
    if (ch === 0x22) style = 'double';
    else if (ch === 0x27) style = 'single';
    else if (ch === 0x7c || ch === 0x3e) {
      style = 'block';
      // `yaml` ends these ranges after trailing blank lines in some cases (keep chomping, empty or blank-ended
      // content) and reads indentation indicators its own way; flows never need them: leave them to `yaml`.
      const body = value.endsWith('\n') ? value.slice(0, -1) : value;
      const last = body.charCodeAt(body.length - 1);
      if (body === '' || last === SP || last === TAB || last === LF || last === CR || /^.[-+]?[+1-9]/.test(this.text.slice(start, start + 3))) throw GIVE_UP;
      end = this.blockEnd(start, end);
    } else {
      style = 'plain';
      end = this.trimBack(start, end);
      resolved = resolvePlain(value);
    }
    const node: ScalarNode = { type: 'scalar', range: [start, end], value: resolved, style };
    if (this.placeholders.length && typeof resolved === 'string' && hasMaskToken(resolved)) {
      node.value = restoreSubstitutions(resolved, this.placeholders, start, end);
      node.hasSubstitution = true;
    }
    return node;
  }

  private sequence(start: number, end: number, first: number, last: number, flow: boolean, result: unknown[]): SeqNode {
    if (last - first !== result.length) throw GIVE_UP; // an empty `-` entry: js-yaml reports no node for it
    const items: Node[] = [];
    for (let i = first; i < last; i++) {
      const c = this.nodes[i];
      if (!c) throw GIVE_UP;
      if (flow && this.colonAfter(c.range[1])) throw GIVE_UP; // `[a: 1]`: a pair inside a flow sequence
      items.push(c);
    }
    return { type: 'seq', range: [start, flow ? end : items[items.length - 1].range[1]], items, flow: flow || undefined };
  }

  private mapping(start: number, end: number, first: number, last: number, flow: boolean): MapNode {
    const pairs: Pair[] = [];
    let seen: Set<ScalarValue> | undefined;
    let i = first;
    while (i < last) {
      const k = i++;
      let v = -1;
      if (this.afterQuestionMark(this.begins[k], flow)) throw GIVE_UP; // explicit `? key`
      if (flow) {
        const kn = this.nodes[k];
        if (kn && this.colonAfter(kn.range[1])) v = i++;
      } else {
        if (i >= last) {
          if (this.nodes[k] === null) break; // js-yaml's last look for another key, which found none
          throw GIVE_UP;
        }
        v = i++;
      }
      const key = this.nodes[k];
      if (!key || key.type !== 'scalar') throw GIVE_UP;
      if (!flow && key.range[1] - key.range[0] > 1024) throw GIVE_UP; // `yaml` rejects implicit keys over 1024 chars
      // A duplicate after resolving (`1` and `01`, `true` and `True`): `yaml` reports it. Most maps are small.
      if (seen) {
        if (seen.has(key.value)) throw GIVE_UP;
        seen.add(key.value);
      } else {
        for (const p of pairs) if (p.key.value === key.value) throw GIVE_UP;
        if (pairs.length === 16) seen = new Set([...pairs.map((p) => p.key.value), key.value]);
      }
      let value: Node | null = null;
      if (v !== -1) value = this.nodes[v] ?? { type: 'scalar', range: [this.ats[v], this.ats[v]], value: null, style: 'plain' };
      pairs.push({ key, value, range: [key.range[0], value ? value.range[1] : key.range[1]] });
    }
    if (!pairs.length && !flow) throw GIVE_UP;
    return { type: 'map', range: [start, flow ? end : pairs[pairs.length - 1].range[1]], pairs, flow: flow || undefined };
  }

  /** In a block mapping js-yaml starts reading an explicit key right after its `?`; in a flow one, after spaces. */
  private afterQuestionMark(open: number, flow: boolean): boolean {
    let i = open - 1;
    if (flow) while (i >= 0 && (this.text.charCodeAt(i) === SP || this.text.charCodeAt(i) === TAB)) i--;
    return i >= 0 && this.text.charCodeAt(i) === 0x3f;
  }

  /** Whether the next thing after `offset` (spaces, line breaks and comments aside) is a `:`. */
  private colonAfter(offset: number): boolean {
    return this.text.charCodeAt(this.skipSeparation(offset)) === 0x3a;
  }

  private skipInline(i: number): number {
    const t = this.text;
    let c = t.charCodeAt(i);
    while (c === SP || c === TAB) c = t.charCodeAt(++i);
    return i;
  }

  private skipSeparation(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SP || c === TAB || c === LF || c === CR) i++;
      else if (c === HASH) {
        while (i < t.length && t.charCodeAt(i) !== LF && t.charCodeAt(i) !== CR) i++;
      } else return i;
    }
  }

  private trimBack(start: number, end: number): number {
    const t = this.text;
    end = Math.min(end, t.length);
    while (end > start) {
      const c = t.charCodeAt(end - 1);
      if (c === SP || c === TAB || c === LF || c === CR) end--;
      else break;
    }
    return end;
  }

  /** `yaml` ends a block scalar after the line break of its last non-blank line (or at the end of the text). */
  private blockEnd(start: number, end: number): number {
    const t = this.text;
    let e = this.trimBack(start, end);
    while (e < t.length && t.charCodeAt(e) !== LF) e++;
    return e < t.length ? e + 1 : e;
  }
}

// The `yaml` package's YAML 1.2 core schema, in its order (yaml/dist/schema/core): null, bool, int (octal,
// decimal, hex), float (.inf/.nan, exponent, plain). Only plain scalars are resolved; quoted ones stay strings.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

export function resolvePlain(s: string): ScalarValue {
  // Dispatch on the first character: most plain scalars are words (keys, names) and need no regex at all.
  const c = s.charCodeAt(0);
  if (s === '') return null;
  if (c === 0x7e) return s.length === 1 ? null : s; // ~
  if (c === 0x6e || c === 0x4e) return s.length === 4 && NULL.test(s) ? null : s; // null Null NULL
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46) return (s.length === 4 || s.length === 5) && BOOL.test(s) ? c === 0x74 || c === 0x54 : s;
  if (!(c === 0x2e || c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39))) return s;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s)) return parseFloat(s);
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}
