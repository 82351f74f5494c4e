import { isMap, isScalar, type MapNode, type Node, type Pair, type ScalarNode } from '../parse/nodes.js';

/**
 * Archy writes every value as a one-key map saying what it is: `lit:` (literal), `exp:` (expression),
 * `var:` (variable), `noValue: true`, `tts:`. This reads one such map.
 */
export type ValueKind = 'lit' | 'exp' | 'var' | 'noValue' | 'tts' | 'bare' | 'unknown';

export interface FlowValue {
  kind: ValueKind;
  /** The map itself (or the bare scalar). */
  node: Node;
  /** The pair `lit: …` / `exp: …` inside the map, when there is one. */
  pair?: Pair;
  /** The scalar holding the text, when it is a scalar. */
  scalar?: ScalarNode;
  /** Its text (substitutions restored), when it is a scalar. */
  text?: string;
}

const KINDS = new Set(['lit', 'exp', 'var', 'noValue', 'tts']);

export function readFlowValue(node: Node | null | undefined): FlowValue | undefined {
  if (!node) return undefined;
  if (isScalar(node)) {
    return { kind: 'bare', node, scalar: node, text: node.value === null ? undefined : String(node.value) };
  }
  if (!isMap(node)) return { kind: 'unknown', node };
  const pair = (node as MapNode).pairs.find((p) => KINDS.has(String(p.key.value)));
  if (!pair) return { kind: 'unknown', node };
  const kind = String(pair.key.value) as ValueKind;
  const scalar = isScalar(pair.value) ? pair.value : undefined;
  const text = scalar && scalar.value !== null ? String(scalar.value) : undefined;
  return { kind, node, pair, scalar, text };
}
