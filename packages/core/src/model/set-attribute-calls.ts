import type { ParsedFile } from '../parse/parse-file.js';
import { callDataActions } from './call-data.js';
import { dataActionIndex, findDataActions, participantAttributeEntries } from './data-actions.js';
import { registerProjectContributor, type KeyOccurrence, type Project } from './project.js';

/**
 * The supported way to write a participant attribute whose key is chosen by the flow is the
 * Set-Participant-Attribute data action (`PATCH …/participants/{pid}/attributes`, body
 * `{"attributes": {"${input.key}": "$!{input.value}"}}`), called from a Call Data Action. When the flow passes
 * the key as a literal (`inputs: {key: {lit: customerId}}`), that flow sets `customerId`: read-never-set and
 * key-case-drift must count it, or following literal-key's advice would produce a false "never set".
 */
export function keysSetThroughDataActions(file: ParsedFile, project: Project): KeyOccurrence[] {
  if (file.kind !== 'flow') return [];
  const calls = callDataActions(file);
  if (!calls.length) return [];
  const index = dataActionIndex(project);
  const out: KeyOccurrence[] = [];
  for (const call of calls) {
    if (call.actionName === undefined) continue;
    for (const def of findDataActions(index, call.actionName)) {
      for (const input of keyInputs(def)) {
        const entry = call.inputs.find((e) => e.name === input);
        const value = entry?.value;
        if (!value?.scalar || (value.kind !== 'lit' && value.kind !== 'bare') || !value.text) continue;
        out.push({ key: value.text, file, range: value.scalar.range, origin: 'flow' });
      }
    }
  }
  return out;
}

/** Inputs whose value is an attribute key of a participant-attributes action: `{"${input.key}": …}`. */
function keyInputs(def: Parameters<typeof participantAttributeEntries>[0]): string[] {
  const found = participantAttributeEntries(def);
  if (!found) return [];
  const names: string[] = [];
  for (const e of found.entries) {
    // A key that is exactly one reference renders as a one-character stub between the quotes.
    if (e.key.type !== 'string' || e.key.end - e.key.start !== 3) continue;
    const ref = found.rendered.stubs.get(e.key.start + 1);
    if (ref && ref.root === 'input' && ref.path.length === 1 && !ref.call) names.push(ref.path[0]);
  }
  return names;
}

registerProjectContributor({ participantKeysSet: keysSetThroughDataActions });
