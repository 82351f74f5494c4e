/**
 * A small, parser-neutral syntax tree for YAML and JSON documents. Every node carries its exact
 * range in the original text, so rules never depend on which parser produced it.
 */
export type Range = [number, number];

/**
 * `hcl`: a quoted HCL string (Terraform); `heredoc`: an HCL heredoc; `jsonencode`: the JSON text Terraform's
 * `jsonencode({…})` makes of an HCL object (see `parse/hcl-values.ts`).
 */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json' | 'hcl' | 'heredoc' | 'jsonencode';
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

/**
 * Nodes that aliases share (only the `yaml` package path makes them; the fast path gives up on aliases).
 * While there are none — nearly always — `walk` skips the bookkeeping that keeps it from visiting one twice.
 */
const shared = new WeakSet<Node>();
let sharedCount = 0;

/** Records that `node` is reachable twice (an alias target), so `walk` visits it once. */
export function markShared(node: Node): void {
  if (!shared.has(node)) {
    shared.add(node);
    sharedCount++;
  }
}

/** Depth-first walk; `visit` returns false to skip a node's children. Iterative so deep files cannot overflow the stack. */
export function walk(root: Node | null | undefined, visit: (node: Node, parentPair: Pair | undefined) => boolean | void): void {
  if (!root) return;
  // Two parallel stacks rather than a tuple per node: this runs over every node, for several rules per file.
  const nodes: Node[] = [root];
  const pairs: (Pair | undefined)[] = [undefined];
  const seen = sharedCount ? new Set<Node>() : undefined;
  while (nodes.length) {
    const node = nodes.pop()!;
    const pair = pairs.pop();
    if (seen && shared.has(node)) {
      if (seen.has(node)) continue; // aliases share nodes
      seen.add(node);
    }
    if (visit(node, pair) === false) continue;
    if (node.type === 'map') {
      for (let i = node.pairs.length - 1; i >= 0; i--) {
        const p = node.pairs[i];
        if (p.value) {
          nodes.push(p.value);
          pairs.push(p);
        }
      }
    } else if (node.type === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        nodes.push(node.items[i]);
        pairs.push(undefined);
      }
    }
  }
}
