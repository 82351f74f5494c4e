import { treelessCopy, type ParsedFile } from '../parse/parse-file.js';
import { walk } from '../parse/nodes.js';
import { callDataActions, hasCallDataActions, readCallDataPairs, rememberCallDataActions, type CallDataAction } from './call-data.js';
import { hasParticipantAttributes, literalKey, participantAttributes, readParticipantDataPairs, rememberParticipantAttributes, type ParticipantAttribute } from './participant-data.js';
import { templateParts } from './participant-key-parts.js';
import type { KeyOccurrence } from './project.js';
import type { ValueKind } from './values.js';

/**
 * What other files need to know about one flow, extracted in one pass over its tree as plain, serializable facts
 * (paths, offsets, line/column): the participant-data keys it sets and reads, the Set actions whose key is
 * dynamic, and the literal inputs of its Call Data Actions. The project's key indexes are built from these, so
 * they never reach into a flow's tree.
 */
export interface FlowFacts {
  /** Literal keys Set Participant Data writes, in document order. */
  keysSet: KeyOccurrence[];
  /** Literal keys Get Participant Data reads, in document order. */
  keysRead: KeyOccurrence[];
  /** Set actions whose key is an expression, a variable or a literal with a template in it (literal-key's findings). */
  dynamicKeySets: DynamicKeySet[];
  /** Call Data Actions with a literal action name, and their literal (`lit:` or bare) inputs. */
  calls: CallFact[];
}

export interface DynamicKeySet {
  kind: ValueKind;
  /** The key as written. */
  text: string;
  path: string;
  range: [number, number];
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface CallFact {
  actionName: string;
  inputs: { name: string; text: string; range: [number, number] }[];
}

const cache = new WeakMap<ParsedFile, FlowFacts>();

/** The facts of one flow file (empty for other kinds). Memoised per parsed file. */
export function flowFacts(file: ParsedFile): FlowFacts {
  const hit = cache.get(file);
  if (hit) return hit;
  const facts: FlowFacts = { keysSet: [], keysRead: [], dynamicKeySets: [], calls: [] };
  if (file.kind === 'flow') {
    scanFlowActions(file);
    for (const attr of participantAttributes(file)) {
      const key = literalKey(attr);
      if (key !== undefined && attr.name?.scalar) {
        const o: KeyOccurrence = { key, path: file.path, range: attr.name.scalar.range, origin: 'flow' };
        (attr.op === 'set' ? facts.keysSet : facts.keysRead).push(o);
      }
      const name = attr.name;
      if (attr.op !== 'set' || !name || name.text === undefined) continue;
      // Only a key that is not plain text can have been meant as another key (see `intendedKey`).
      const dynamic = name.kind === 'exp' || name.kind === 'var' || ((name.kind === 'lit' || name.kind === 'bare') && templateParts(name.text).length > 0);
      if (!dynamic) continue;
      const range = (name.scalar ?? name.node).range;
      facts.dynamicKeySets.push({
        kind: name.kind,
        text: name.text,
        path: file.path,
        range: [range[0], range[1]],
        start: lineColumn(file, range[0]),
        end: lineColumn(file, range[1]),
      });
    }
    for (const call of callDataActions(file)) {
      if (call.actionName === undefined) continue;
      const inputs: CallFact['inputs'] = [];
      // The first entry of a name is the one read (as `inputs.find` would): a later duplicate never counts.
      const seen = new Set<string>();
      for (const e of call.inputs) {
        if (e.name === undefined || seen.has(e.name)) continue;
        seen.add(e.name);
        const v = e.value;
        if (v?.scalar && (v.kind === 'lit' || v.kind === 'bare') && v.text) inputs.push({ name: e.name, text: v.text, range: v.scalar.range });
      }
      facts.calls.push({ actionName: call.actionName, inputs });
    }
  }
  cache.set(file, facts);
  return facts;
}

/**
 * Finds a flow's participant-data attributes and Call Data Actions in one walk over its tree (the facts need both;
 * walking for each would read every node twice), and leaves them where `participantAttributes` and
 * `callDataActions` look first, so the file's own rules do not walk for them again.
 */
export function scanFlowActions(file: ParsedFile): void {
  // One of them already known (found by a rule first): the other getter walks for what is missing.
  if (file.kind !== 'flow' || !file.root || hasParticipantAttributes(file) || hasCallDataActions(file)) return;
  const attributes: ParticipantAttribute[] = [];
  const calls: CallDataAction[] = [];
  walk(file.root, (node) => {
    readParticipantDataPairs(file, node, attributes);
    readCallDataPairs(file, node, calls);
  });
  rememberParticipantAttributes(file, attributes);
  rememberCallDataActions(file, calls);
}

/** The flow without its tree (`treelessCopy`), with its facts attached: what the project keeps of it in a large run. */
export function withoutTree(file: ParsedFile): ParsedFile {
  const facts = flowFacts(file);
  const light = treelessCopy(file);
  cache.set(light, facts);
  return light;
}

function lineColumn(file: ParsedFile, offset: number): { line: number; column: number } {
  const p = file.source.positionAt(offset);
  return { line: p.line, column: p.column };
}
