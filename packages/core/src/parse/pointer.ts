import { get, isSeq, type Node, type Pair } from './nodes.js';

/**
 * Finds the node a JSON Pointer (ajv's `instancePath`) names, so schema errors point at a line, not at `/a/0/b`.
 * Returns the deepest node reached and, for a map entry, its pair (to point at the key).
 */
export function nodeAtPointer(root: Node | null, pointer: string): { node: Node | null; pair?: Pair } {
  if (!root || pointer === '') return { node: root };
  let node: Node | null = root;
  let pair: Pair | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node) break;
    if (isSeq(node)) {
      const next: Node | undefined = node.items[Number(step)];
      if (!next) break;
      node = next;
      pair = undefined;
    } else if (node.type === 'map') {
      const p: Pair | undefined = node.pairs.find((x) => String(x.key.value) === step);
      if (!p) break;
      pair = p;
      node = p.value ?? p.key;
    } else break;
  }
  return { node, pair };
}

export { get };
