import type { ParsedFile } from '../parse/parse-file.js';
import { callDataActions } from './call-data.js';
import {
  dataActionIndex,
  findDataActions,
  participantAttributeEntries,
  schemaProperties,
  type DataActionDef,
} from './data-actions.js';
import type { KeyOccurrence, Project, ProjectContributor } from './project.js';
import type { StubNode } from './stubbed-json.js';
import { terraformIntegrationActions } from './terraform.js';
import type { VelocityRef } from './velocity.js';

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
        out.push({ key: value.text, path: file.path, range: value.scalar.range, origin: 'flow' });
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
    const name = soleInput(e.key, found.rendered);
    if (name) names.push(name);
  }
  return names;
}

/** Keys a flow sets by calling a Set-Participant-Attribute data action with literal inputs. */
export const setAttributeCallKeys: ProjectContributor = { participantKeysSet: keysSetThroughDataActions };

// ---------------------------------------------------------------------------------------------------------
// The project's Set-Participant-Attribute actions, with the inputs that carry each part of the request.

/** A data action that sets one participant attribute whose key and value are inputs. */
export interface SetAttributeAction {
  def: DataActionDef;
  /** The name flows call it by (export suffix stripped). */
  name: string;
  /** The category (integration) flows name it under, when Terraform says it literally. */
  category?: string;
  /** Input names: `/conversations/${input.<conversationId>}/participants/${input.<participantId>}/attributes`, body `{"attributes": {"${input.<key>}": "${input.<value>}"}}`. */
  inputs: { conversationId: string; participantId: string; key: string; value: string };
  /** `inputSchema.required`, for callers that must set every required input. */
  required: string[];
}

const URL_INPUTS = /\/conversations\/\$!?\{input\.([A-Za-z_]\w*)\}\/participants\/\$!?\{input\.([A-Za-z_]\w*)\}\/attributes\/?$/;

/** `${input.key}`, or the same escaped as data-action/participant-attributes advises: `$esc.jsonString(${input.key})`. */
function inputOf(ref: VelocityRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.root === 'input' && ref.path.length === 1 && !ref.call) return ref.path[0];
  return ref.call === 'esc.jsonString' && ref.args.length === 1 ? inputOf(ref.args[0]) : undefined;
}

/** The one input a rendered JSON string consists of (`"${input.key}"` renders as a one-character stub). */
function soleInput(node: StubNode, rendered: { stubs: Map<number, VelocityRef> }): string | undefined {
  if (node.type !== 'string' || node.end - node.start !== 3) return undefined;
  return inputOf(rendered.stubs.get(node.start + 1));
}

function setAttributeInputs(def: DataActionDef): SetAttributeAction['inputs'] | undefined {
  const url = def.url && URL_INPUTS.exec(def.url.text.trim());
  const found = participantAttributeEntries(def);
  if (!url || !found || found.entries.length !== 1) return undefined;
  const key = soleInput(found.entries[0].key, found.rendered);
  const value = soleInput(found.entries[0].value, found.rendered);
  if (!key || !value) return undefined;
  const inputs = { conversationId: url[1], participantId: url[2], key, value };
  // Every role must be a declared input: the contract is what Architect shows and validates.
  const props = schemaProperties(def.inputSchema);
  if (!props || !Object.values(inputs).every((n) => Object.hasOwn(props, n))) return undefined;
  return inputs;
}

function requiredInputs(schema: unknown): string[] {
  const r = (schema as { required?: unknown } | undefined)?.required;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Every data action in the project that PATCHes one participant attribute with a key and a value taken from
 * inputs, as exported JSON or as a Terraform `genesyscloud_integration_action` (whose category is known when
 * literal or a variable with a known value). Built once per project.
 */
export function setAttributeActions(project: Project): SetAttributeAction[] {
  return project.index('set-attribute-actions', (p) => {
    const out: SetAttributeAction[] = [];
    const categories = new Map(terraformIntegrationActions(p).map((a) => [a.resource, a.categories]));
    for (const def of dataActionIndex(p).all) {
      if (def.baseName === undefined) continue;
      const inputs = setAttributeInputs(def);
      if (!inputs) continue;
      // A Terraform action's category, when it has one known value: with several, which one a deployment uses is unknowable.
      const known = def.resource ? categories.get(def.resource) : undefined;
      const category = known?.length === 1 ? known[0] : undefined;
      out.push({ def, name: def.baseName, category, inputs, required: requiredInputs(def.inputSchema) });
    }
    return out;
  });
}
