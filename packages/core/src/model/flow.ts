import { intendedFlowType } from '../parse/detect-kind.js';
import type { ParsedFile } from '../parse/parse-file.js';
import { isMap, isScalar, isSeq, walk, type MapNode, type Pair, type ScalarNode } from '../parse/nodes.js';

/**
 * One pass over an Archy flow collecting what the flow rules need: the flow type, refIds and the refs that
 * name them, action/choice/variable keys and every place a variable is read or written (declared variables are
 * `flow-variables.ts`). Computed once per file (rules run on every PR over thousands of flows).
 */

export type RefKind = 'menu' | 'task' | 'state' | 'bot';
export const REF_KINDS: Record<string, RefKind> = { menu: 'menu', task: 'task', state: 'state', bot: 'bot' };

export interface RefTarget {
  kind: RefKind;
  refId: string;
  scalar: ScalarNode;
}

export interface RefUse {
  /** `startUpRef`, `targetTaskRef`, `targetMenuRef`, … */
  key: string;
  pair: Pair;
  scalar: ScalarNode;
  text: string;
}

/** Where a one-key item sits: in `actions:`, a menu's `choices:`, `variables:` or `updateData.statements:`. */
export type ItemContainer = 'action' | 'menuChoice' | 'variable' | 'statement';

export interface ItemKey {
  container: ItemContainer;
  key: ScalarNode;
  name: string;
  item: MapNode;
}

export interface VariableText {
  /** `exp` (an expression), `var` (`var: Flow.x`), `variable` (`variable: Flow.x`, a write target). */
  kind: 'exp' | 'var' | 'variable';
  scalar: ScalarNode;
  text: string;
}

export interface FlowModel {
  flowType?: string;
  typeKey?: ScalarNode;
  body?: MapNode;
  refTargets: RefTarget[];
  refs: RefUse[];
  items: ItemKey[];
  variableTexts: VariableText[];
}

const CONTAINERS: Record<string, ItemContainer> = {
  actions: 'action',
  startUpTaskActions: 'action',
  choices: 'menuChoice',
  variables: 'variable',
  statements: 'statement',
};

const cache = new WeakMap<ParsedFile, FlowModel>();

export function flowModel(file: ParsedFile): FlowModel {
  const hit = cache.get(file);
  if (hit) return hit;
  const model: FlowModel = { refTargets: [], refs: [], items: [], variableTexts: [] };
  cache.set(file, model);
  const root = file.root;
  if (file.kind !== 'flow' || !isMap(root) || !root.pairs.length) return model;
  const top = root.pairs[0];
  // A wrongly cased or misspelt type key (flow/flow-type-key reports it) still tells which type was meant.
  model.flowType = intendedFlowType(String(top.key.value)) ?? String(top.key.value);
  model.typeKey = top.key;
  if (isMap(top.value)) model.body = top.value;

  walk(root, (node, parentPair) => {
    if (node.type !== 'map') return;
    const parentKey = parentPair ? String(parentPair.key.value) : undefined;
    for (const pair of node.pairs) {
      const key = pair.key.value;
      if (typeof key !== 'string') continue;
      const value = pair.value;
      if (key === 'refId' && parentKey && Object.hasOwn(REF_KINDS, parentKey) && isScalar(value) && value.value !== null) {
        model.refTargets.push({ kind: REF_KINDS[parentKey], refId: String(value.value), scalar: value });
      } else if (key.endsWith('Ref') && isScalar(value) && typeof value.value === 'string') {
        model.refs.push({ key, pair, scalar: value, text: value.value });
      } else if ((key === 'exp' || key === 'var' || key === 'variable') && isScalar(value) && typeof value.value === 'string') {
        model.variableTexts.push({ kind: key, scalar: value, text: value.value });
      }
      const container = Object.hasOwn(CONTAINERS, key) ? CONTAINERS[key] : undefined;
      if (container && isSeq(value)) {
        for (const item of value.items) {
          if (!isMap(item) || item.pairs.length !== 1) continue;
          const itemPair = item.pairs[0];
          if (typeof itemPair.key.value !== 'string') continue;
          model.items.push({ container, key: itemPair.key, name: itemPair.key.value, item });
        }
      }
    }
  });
  return model;
}

/** `/inboundCall/menus/menu[Main Menu_10]` or `./tasks/task[t1]` → its parts; undefined for other shapes. */
export function parseRef(text: string): { flowType?: string; kind: RefKind; refId: string; refIdStart: number } | undefined {
  const m = /^(?:\/([A-Za-z]+)|\.)\/(menus|tasks|states|bots)\/(menu|task|state|bot)\[(.*)\]$/.exec(text);
  if (!m || `${m[3]}s` !== m[2]) return undefined;
  return { flowType: m[1], kind: m[3] as RefKind, refId: m[4], refIdStart: text.indexOf('[') + 1 };
}
