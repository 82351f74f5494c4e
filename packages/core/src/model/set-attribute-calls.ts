import type { FileFacts } from './facts.js';
import { dataActionIndex, findDataActions, type DataActionFact, type SetAttributeInputs } from './data-actions.js';
import type { KeyOccurrence, Project, ProjectContributor } from './project.js';

/**
 * The supported way to write a participant attribute whose key is chosen by the flow is the
 * Set-Participant-Attribute data action (`PATCH …/participants/{pid}/attributes`, body
 * `{"attributes": {"${input.key}": "$!{input.value}"}}`), called from a Call Data Action. When the flow passes
 * the key as a literal (`inputs: {key: {lit: customerId}}`), that flow sets `customerId`: read-never-set and
 * key-case-drift must count it, or following literal-key's advice would produce a false "never set".
 */
export function keysSetThroughDataActions(file: FileFacts, project: Project): KeyOccurrence[] {
  const calls = file.flow?.calls;
  if (!calls?.length) return [];
  const index = dataActionIndex(project);
  const out: KeyOccurrence[] = [];
  for (const call of calls) {
    for (const def of findDataActions(index, call.actionName)) {
      for (const input of def.keyInputs) {
        const entry = call.inputs.find((e) => e.name === input);
        if (entry) out.push({ key: entry.text, path: file.path, range: entry.range, origin: 'flow' });
      }
    }
  }
  return out;
}

/** Keys a flow sets by calling a Set-Participant-Attribute data action with literal inputs. */
export const setAttributeCallKeys: ProjectContributor = { participantKeysSet: keysSetThroughDataActions };

// ---------------------------------------------------------------------------------------------------------
// The project's Set-Participant-Attribute actions, with the inputs that carry each part of the request.

/** A data action that sets one participant attribute whose key and value are inputs. */
export interface SetAttributeAction {
  def: DataActionFact;
  /** The name flows call it by (export suffix stripped). */
  name: string;
  /** The category (integration) flows name it under, when Terraform says it literally. */
  category?: string;
  inputs: SetAttributeInputs;
  /** `inputSchema.required`, for callers that must set every required input. */
  required: string[];
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
    for (const def of dataActionIndex(p).all) {
      if (def.baseName === undefined) continue;
      const inputs = def.setAttributeInputs;
      if (!inputs) continue;
      // A Terraform action's category, when it has one known value: with several, which one a deployment uses is unknowable.
      const category = def.categories?.length === 1 ? def.categories[0] : undefined;
      out.push({ def, name: def.baseName, category, inputs, required: requiredInputs(def.inputSchema) });
    }
    return out;
  });
}
