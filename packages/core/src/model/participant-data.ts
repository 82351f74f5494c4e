import type { ParsedFile } from '../parse/parse-file.js';
import { get, getPair, isMap, isSeq, walk, type MapNode, type Node, type Pair } from '../parse/nodes.js';
import { readFlowValue, type FlowValue } from './values.js';

export type ParticipantDataOp = 'set' | 'get';

/** One `attribute:` of a Set or Get Participant Data action. */
export interface ParticipantAttribute {
  op: ParticipantDataOp;
  file: ParsedFile;
  /** The action's body (`setParticipantData: {…}`). */
  action: MapNode;
  /** `setParticipantData: {…}` whole (key and body). */
  actionPair: Pair;
  /** The action's `name:` (its label in Architect), for messages. */
  actionLabel?: string;
  /** The body of `attribute:`. */
  attribute: MapNode;
  namePair?: Pair;
  name?: FlowValue;
  valuePair?: Pair;
  value?: FlowValue;
  variablePair?: Pair;
}

export const PARTICIPANT_DATA_ACTIONS: Record<string, ParticipantDataOp> = {
  setParticipantData: 'set',
  getParticipantData: 'get',
};

const cache = new WeakMap<ParsedFile, ParticipantAttribute[]>();

/** Every participant-data attribute in a flow, in document order. Computed once per file (see `scanFlowActions`). */
export function participantAttributes(file: ParsedFile): ParticipantAttribute[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const found: ParticipantAttribute[] = [];
  if (file.kind === 'flow' && file.root) walk(file.root, (node) => readParticipantDataPairs(file, node, found));
  cache.set(file, found);
  return found;
}

/** Whether `participantAttributes(file)` is known (a walk for it would be wasted). */
export function hasParticipantAttributes(file: ParsedFile): boolean {
  return cache.has(file);
}

/** Records what one walk over the flow found (`scanFlowActions`), so `participantAttributes` does not walk again. */
export function rememberParticipantAttributes(file: ParsedFile, found: ParticipantAttribute[]): void {
  cache.set(file, found);
}

/** Appends to `found` the attributes of the Set and Get Participant Data actions among one node's pairs (a walk's visitor). */
export function readParticipantDataPairs(file: ParsedFile, node: Node, found: ParticipantAttribute[]): void {
  if (node.type !== 'map') return;
  for (const pair of node.pairs) {
    // Own keys only: a YAML key such as `constructor` must not find Object.prototype's.
    const op = Object.hasOwn(PARTICIPANT_DATA_ACTIONS, String(pair.key.value)) ? PARTICIPANT_DATA_ACTIONS[String(pair.key.value)] : undefined;
    if (!op || !isMap(pair.value)) continue;
    const action = pair.value;
    const label = get(action, 'name');
    const attributes = get(action, 'attributes');
    if (!isSeq(attributes)) continue;
    for (const item of attributes.items) {
      const attribute = get(item, 'attribute');
      if (!isMap(attribute)) continue;
      const namePair = getPair(attribute, 'name');
      const valuePair = getPair(attribute, 'value');
      found.push({
        op,
        file,
        action,
        actionPair: pair,
        actionLabel: label?.type === 'scalar' && label.value !== null ? String(label.value) : undefined,
        attribute,
        namePair,
        name: readFlowValue(namePair?.value),
        valuePair,
        value: readFlowValue(valuePair?.value),
        variablePair: getPair(attribute, 'variable'),
      });
    }
  }
}

/** The key as the platform will store it, when it is a plain literal; undefined when dynamic. */
export function literalKey(attr: ParticipantAttribute): string | undefined {
  const n = attr.name;
  if (!n || (n.kind !== 'lit' && n.kind !== 'bare') || n.text === undefined) return undefined;
  return n.text;
}
