/**
 * A small, parser-neutral syntax tree for YAML and JSON documents. Every node carries its exact
 * range in the original text, so rules never depend on which parser produced it.
 */
export type Range = [number, number];

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';
export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  type: 'scalar';
  range: Range;
  value: ScalarValue;
  style: ScalarStyle;
  /** True when the scalar's text contains a masked `{{…}}` substitution (value holds the original text). */
  hasSubstitution?: boolean;
}

export interface Pair {
  key: ScalarNode;
  value: Node | null;
  /** From the start of the key to the end of the value. */
  range: Range;
}

export interface MapNode {
  type: 'map';
  range: Range;
  pairs: Pair[];
  flow?: boolean;
}

export interface SeqNode {
  type: 'seq';
  range: Range;
  items: Node[];
  flow?: boolean;
}

export type Node = ScalarNode | MapNode | SeqNode;

export function isMap(n: Node | null | undefined): n is MapNode {
  return !!n && n.type === 'map';
}
export function isSeq(n: Node | null | undefined): n is SeqNode {
  return !!n && n.type === 'seq';
}
export function isScalar(n: Node | null | undefined): n is ScalarNode {
  return !!n && n.type === 'scalar';
}

export function getPair(map: Node | null | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.pairs) if (p.key.value === key) return p;
  return undefined;
}

export function get(map: Node | null | undefined, key: string): Node | null | undefined {
  return getPair(map, key)?.value;
}

/** Follows a path of keys (strings) and sequence indexes (numbers). */
export function getPath(node: Node | null | undefined, path: (string | number)[]): Node | null | undefined {
  let cur: Node | null | undefined = node;
  for (const step of path) {
    if (typeof step === 'number') cur = isSeq(cur) ? cur.items[step] : undefined;
    else cur = get(cur, step);
    if (!cur) return cur;
  }
  return cur;
}

export function scalarString(n: Node | null | undefined): string | undefined {
  if (!isScalar(n) || n.value === null) return undefined;
  return String(n.value);
}

/** Plain JavaScript value of a node (for ajv validation and the like). */
export function toJS(n: Node | null | undefined): unknown {
  if (!n) return null;
  if (n.type === 'scalar') return n.value;
  if (n.type === 'seq') return n.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const p of n.pairs) {
    const key = String(p.key.value);
    // A `__proto__:` key in a file is data: an own property, never the object's prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: toJS(p.value), enumerable: true, writable: true, configurable: true });
    else out[key] = toJS(p.value);
  }
  return out;
}

/** Depth-first walk; `visit` returns false to skip a node's children. Iterative so deep files cannot overflow the stack. */
export function walk(root: Node | null | undefined, visit: (node: Node, parentPair: Pair | undefined) => boolean | void): void {
  if (!root) return;
  const stack: [Node, Pair | undefined][] = [[root, undefined]];
  const seen = new Set<Node>();
  while (stack.length) {
    const [node, pair] = stack.pop()!;
    if (seen.has(node)) continue; // aliases share nodes
    seen.add(node);
    if (visit(node, pair) === false) continue;
    if (node.type === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const p = node.pairs[i];
        if (p.value) stack.push([p.value, p]);
      }
    } else if (node.type === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], undefined]);
    }
  }
}
