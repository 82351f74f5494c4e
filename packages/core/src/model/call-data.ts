import type { ParsedFile } from '../parse/parse-file.js';
import { get, getPair, isMap, isScalar, walk, type MapNode, type Node, type Pair, type ScalarNode } from '../parse/nodes.js';
import { readFlowValue, type FlowValue } from './values.js';

/** One input or output of a Call Data Action (`inputs: {conversationId: {exp: Call.ConversationId}}`). */
export interface CallDataEntry {
  pair: Pair;
  key: ScalarNode;
  /** The name; undefined when it is a substitution or template (not knowable before deployment). */
  name?: string;
  value?: FlowValue;
}

export type CallDataOutcome = 'success' | 'failure' | 'timeout';

/** A `callData` (or `callDataSecure`) action of a flow. */
export interface CallDataAction {
  file: ParsedFile;
  /** `callData` / `callDataSecure`. */
  actionKey: ScalarNode;
  /** The action's body. */
  action: MapNode;
  /** Its `name:` (the label in Architect), for messages. */
  label?: string;
  categoryPair?: Pair;
  /** The key under `category:` that names the category (integration), templated or not. */
  categoryKey?: ScalarNode;
  /** The category (integration) name; undefined when it is a `{{substitution}}` or `${…}` template. */
  category?: string;
  actionPair?: Pair;
  /** The data action's name as the flow writes it; undefined when it is a substitution or template. */
  actionName?: string;
  /** The map under the action name (`inputs`, `successOutputs`, `failureOutputs`). */
  body?: MapNode;
  inputsPair?: Pair;
  inputs: CallDataEntry[];
  successOutputsPair?: Pair;
  successOutputs: CallDataEntry[];
  failureOutputsPair?: Pair;
  failureOutputs: CallDataEntry[];
  outputsPair?: Pair;
  /** `outputs.<outcome>` pairs that exist. */
  outcomes: Partial<Record<CallDataOutcome, Pair>>;
}

export const CALL_DATA_KEYS = new Set(['callData', 'callDataSecure']);

/**
 * The failure outputs Architect offers on every Call Data Action: the platform's error response, flattened with
 * `.` like success outputs; they do not depend on the data action's contract. `verified` are the names real
 * exported flows use (corpus: the same 13 names in the callData actions of 16 repositories). `unverified` are
 * the containers of the flattened names (`details.errorCode` → `details`), which no real file uses on its own;
 * they are accepted so that a name Architect may offer is never reported.
 */
export const CALL_DATA_FAILURE_OUTPUTS = {
  verified: [
    'errorCode',
    'status',
    'correlationId',
    'entityId',
    'entityName',
    'userMessage',
    'userParamsMessage',
    'userParams.key',
    'userParams.value',
    'details.errorCode',
    'details.fieldName',
    'details.entityId',
    'details.entityName',
  ],
  unverified: ['userParams', 'details'],
} as const;

/** A mapping key the flow cannot name before deployment: `{{data_action_name}}` or a Terraform `${var}`. */
export function isTemplatedName(key: ScalarNode): boolean {
  if (key.hasSubstitution) return true;
  const v = String(key.value ?? '');
  return v.includes('{{') || v.includes('${');
}

function firstEntry(map: MapNode | undefined): Pair | undefined {
  return map?.pairs[0];
}

function entries(map: unknown): CallDataEntry[] {
  if (!isMap(map as MapNode)) return [];
  return (map as MapNode).pairs.map((pair) => ({
    pair,
    key: pair.key,
    name: isTemplatedName(pair.key) ? undefined : String(pair.key.value),
    value: readFlowValue(pair.value),
  }));
}

const cache = new WeakMap<ParsedFile, CallDataAction[]>();

/**
 * Every Call Data Action of a flow, in document order (memoised per file; see `scanFlowActions`). `callData` also
 * names a block of `settingsActionDefaults` (defaults such as `processingPrompt`); only maps with a `category` are actions.
 */
export function callDataActions(file: ParsedFile): CallDataAction[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const found: CallDataAction[] = [];
  if (file.kind === 'flow' && file.root) walk(file.root, (node) => readCallDataPairs(file, node, found));
  cache.set(file, found);
  return found;
}

/** Whether `callDataActions(file)` is known (a walk for it would be wasted). */
export function hasCallDataActions(file: ParsedFile): boolean {
  return cache.has(file);
}

/** Records what one walk over the flow found (`scanFlowActions`), so `callDataActions` does not walk again. */
export function rememberCallDataActions(file: ParsedFile, found: CallDataAction[]): void {
  cache.set(file, found);
}

/** Appends to `found` the Call Data Actions among one node's pairs (a walk's visitor). */
export function readCallDataPairs(file: ParsedFile, node: Node, found: CallDataAction[]): void {
  if (node.type !== 'map') return;
  for (const pair of node.pairs) {
    if (!CALL_DATA_KEYS.has(String(pair.key.value)) || !isMap(pair.value)) continue;
    const action = pair.value;
    const categoryPair = getPair(action, 'category');
    if (!categoryPair) continue;
    const label = get(action, 'name');
    const catEntry = isMap(categoryPair.value) ? firstEntry(categoryPair.value) : undefined;
    const dataActionMap = catEntry && get(catEntry.value, 'dataAction');
    const actionPair = isMap(dataActionMap) ? firstEntry(dataActionMap) : undefined;
    const body = isMap(actionPair?.value) ? actionPair!.value as MapNode : undefined;
    const outputsPair = getPair(action, 'outputs');
    const outcomes: Partial<Record<CallDataOutcome, Pair>> = {};
    for (const o of ['success', 'failure', 'timeout'] as const) {
      const p = getPair(outputsPair?.value, o);
      if (p) outcomes[o] = p;
    }
    const inputsPair = getPair(body, 'inputs');
    const successOutputsPair = getPair(body, 'successOutputs');
    const failureOutputsPair = getPair(body, 'failureOutputs');
    found.push({
      file,
      actionKey: pair.key,
      action,
      label: isScalar(label) && label.value !== null ? String(label.value) : undefined,
      categoryPair,
      categoryKey: catEntry?.key,
      category: catEntry && !isTemplatedName(catEntry.key) ? String(catEntry.key.value) : undefined,
      actionPair,
      actionName: actionPair && !isTemplatedName(actionPair.key) ? String(actionPair.key.value) : undefined,
      body,
      inputsPair,
      inputs: entries(inputsPair?.value),
      successOutputsPair,
      successOutputs: entries(successOutputsPair?.value),
      failureOutputsPair,
      failureOutputs: entries(failureOutputsPair?.value),
      outputsPair,
      outcomes,
    });
  }
}

/** Whether an outcome path has at least one action (an empty or missing path just continues the flow). */
export function outcomeHasActions(call: CallDataAction, outcome: CallDataOutcome): boolean {
  const p = call.outcomes[outcome];
  if (!p) return false;
  const actions = get(p.value, 'actions');
  return !!actions && actions.type === 'seq' && actions.items.length > 0;
}
