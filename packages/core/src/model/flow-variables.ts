import type { ParsedFile } from '../parse/parse-file.js';
import { get, isMap, isScalar, isSeq, walk, type ScalarNode } from '../parse/nodes.js';

/** A variable declared in a flow's `variables:` list (top level, or a task's or state's). */
export interface DeclaredVariable {
  /** As written (`Flow.slot_index`). */
  name: string;
  /** The type from the entry's key: `integerVariable` → `integer`, `stringCollectionVariable` → `stringCollection`. */
  type: string;
  isCollection: boolean;
  nameNode: ScalarNode;
}

const DECLARATION = /^([a-z][A-Za-z]*)Variable$/;
const cache = new WeakMap<ParsedFile, Map<string, DeclaredVariable>>();

/**
 * Every declared variable of a flow, by lower-cased name (Architect variable names are case-insensitive).
 * Archy writes each as a one-key map in a `variables:` sequence:
 *   variables:
 *     - integerVariable:
 *         name: Flow.slot_index
 *         initialValue: {noValue: true}
 */
export function declaredVariables(file: ParsedFile): Map<string, DeclaredVariable> {
  const hit = cache.get(file);
  if (hit) return hit;
  const out = new Map<string, DeclaredVariable>();
  if (file.kind === 'flow' && file.root) {
    walk(file.root, (node) => {
      if (!isMap(node)) return;
      const list = get(node, 'variables');
      if (!isSeq(list)) return;
      for (const item of list.items) {
        if (!isMap(item) || item.pairs.length !== 1) continue;
        const m = DECLARATION.exec(String(item.pairs[0].key.value));
        const nameNode = get(item.pairs[0].value, 'name');
        if (!m || !isScalar(nameNode) || typeof nameNode.value !== 'string') continue;
        const type = m[1];
        out.set(nameNode.value.toLowerCase(), { name: nameNode.value, type, isCollection: type.endsWith('Collection'), nameNode });
      }
    });
  }
  cache.set(file, out);
  return out;
}
