import type { TextEdit } from '../../diagnostics.js';
import { insertFlowValuePair, yamlScalar } from '../../fix/yaml-edits.js';
import { CALL_DATA_FAILURE_OUTPUTS, callDataActions, type CallDataAction, type CallDataEntry } from '../../model/call-data.js';
import { contractValidator } from '../../model/contract-schemas.js';
import { dataActionIndex, findDataActions, schemaProperties, type DataActionFact } from '../../model/data-actions.js';
import { isMap, type MapNode } from '../../parse/nodes.js';
import { closestKey } from '../closest-name.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'call-data/contract';

/**
 * Architect builds a Call Data Action's inputs from the action's `inputSchema` and its outputs from the
 * flattened `successSchema` (`conversation.id`). An input or output the contract does not have, a required
 * input left out, or a literal of the wrong JSON type fails the publish, or, after someone edits the
 * contract, breaks every flow that calls it. Literal values are validated with ajv against the contract.
 */
export default defineRule({
  meta: {
    id,
    description: "Call Data Action inputs and outputs must match the data action's contract.",
    severity: 'error',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unknownInput: '`{{name}}` is not an input of data action `{{action}}` (inputs: {{known}}).',
      unknownInputNone: '`{{name}}` is not an input of data action `{{action}}`, which has no inputs.',
      missingRequired: 'Data action `{{action}}` requires the input `{{name}}`, which this Call Data Action does not set.',
      requiredNoValue: 'Data action `{{action}}` requires the input `{{name}}`, but it is set to no value.',
      // `problem` is the JSON Schema validator's own words for the rule the literal breaks (ajv's "must be integer").
      wrongType: 'Input `{{name}}` of `{{action}}` {{problem}}, but the literal is the string "{{value}}".',
      wrongTypeNumber: 'Input `{{name}}` of `{{action}}` {{problem}}, but the literal is the number {{value}}.',
      wrongTypeBoolean: 'Input `{{name}}` of `{{action}}` {{problem}}, but the literal is the boolean {{value}}.',
      wrongTypeNull: 'Input `{{name}}` of `{{action}}` {{problem}}, but the literal is null.',
      unknownOutput: '`{{name}}` is not an output of data action `{{action}}` (outputs: {{known}}).',
      unknownOutputNone: '`{{name}}` is not an output of data action `{{action}}`, which has no outputs.',
      unknownFailureOutput: '`{{name}}` is not a failure output of a Call Data Action (failure outputs: {{outputs}}).',
      unknownFailureOutputClosest: '`{{name}}` is not a failure output of a Call Data Action; did you mean `{{closest}}`?',
      rename: 'Use `{{name}}`.',
      addInput: 'Add the input `{{name}}` (fill in its value).',
      convert: 'Write the literal as `{{text}}`.',
    },
  },
  check(context) {
    const calls = callDataActions(context.file);
    if (!calls.length) return;
    const index = dataActionIndex(context.project);
    for (const call of calls) {
      // The platform's error response, the same for every data action: checked whether the action is known or not.
      checkFailureOutputs(context, call);
      if (!call.actionName) continue;
      const def = findDataActions(index, call.actionName).find((d) => d.inputSchema !== undefined || d.successSchema !== undefined);
      if (def) checkCall(context, call, def);
    }
  },
});

/** Up to eight names, each in a code span (`…` for the rest). */
function nameList(names: string[]): string {
  return names.slice(0, 8).map((n) => `\`${n}\``).join(', ') + (names.length > 8 ? ', …' : '');
}

function renameSuggestion(entry: CallDataEntry, name: string, candidates: string[], taken: Set<string>): SuggestionDescriptor[] {
  const free = candidates.filter((c) => !taken.has(c));
  if (!free.length) return [];
  const best = closestKey(name, free);
  if (!best) return [];
  return [{ messageId: 'rename', data: { name: best }, fix: { range: entry.key.range, text: yamlScalar(best) } }];
}

function checkCall(context: RuleContext, call: CallDataAction, def: DataActionFact): void {
  const action = def.baseName ?? call.actionName!;
  const props = schemaProperties(def.inputSchema);
  const inputNames = call.inputs.flatMap((e) => (e.name ? [e.name] : []));
  const taken = new Set(inputNames);
  const templatedInputs = call.inputs.some((e) => e.name === undefined);
  if (props) {
    const known = Object.keys(props);
    for (const e of call.inputs) {
      if (!e.name || e.name in props) continue;
      context.report({
        node: e.key,
        messageId: known.length ? 'unknownInput' : 'unknownInputNone',
        data: { name: e.name, action, known: nameList(known) },
        suggest: renameSuggestion(e, e.name, known, taken),
      });
    }
  }
  const required = (def.inputSchema as { required?: unknown })?.required;
  if (Array.isArray(required) && !templatedInputs) {
    for (const r of required) {
      if (typeof r !== 'string') continue;
      const entry = call.inputs.find((e) => e.name === r);
      if (entry) {
        if (entry.value?.kind === 'noValue') context.report({ node: entry.key, messageId: 'requiredNoValue', data: { action, name: r } });
        continue;
      }
      const at = call.inputsPair?.key ?? call.actionPair?.key;
      if (at) context.report({ node: at, messageId: 'missingRequired', data: { action, name: r }, suggest: addInput(context, call, r, props?.[r]) });
    }
  }
  checkLiterals(context, call, def, action);
  checkOutputs(context, call, def, action);
}

function placeholderFor(schema: unknown): string {
  const t = ([] as unknown[]).concat((schema as { type?: unknown })?.type ?? 'string')[0];
  return t === 'integer' || t === 'number' ? '0' : t === 'boolean' ? 'false' : '""';
}

function addInput(context: RuleContext, call: CallDataAction, name: string, schema: unknown): SuggestionDescriptor[] {
  const inputs = call.inputsPair?.value;
  if (!isMap(inputs) || inputs.flow || !inputs.pairs.length) return [];
  const last = inputs.pairs[inputs.pairs.length - 1];
  const edit: TextEdit = insertFlowValuePair(context.file.source, inputs as MapNode, last, yamlScalar(name), 'lit', '\u0000');
  // insertFlowValuePair renders a string literal; the placeholder depends on the input's type.
  edit.text = edit.text.replace(JSON.stringify('\u0000'), placeholderFor(schema));
  return [{ messageId: 'addInput', data: { name }, fix: edit }];
}

/** The message for a literal of this type, and the literal as it is shown in it. */
function wrongTypeMessage(v: unknown): { messageId: string; value: string } {
  if (v === null) return { messageId: 'wrongTypeNull', value: '' };
  if (typeof v === 'string') return { messageId: 'wrongType', value: JSON.stringify(v).slice(1, -1) };
  return { messageId: typeof v === 'boolean' ? 'wrongTypeBoolean' : 'wrongTypeNumber', value: String(v) };
}

function checkLiterals(context: RuleContext, call: CallDataAction, def: DataActionFact, action: string): void {
  // `lit: {{queue_id}}` is filled in at deploy time: not checked.
  const literals = call.inputs.filter((e) => e.name && e.value?.kind === 'lit' && e.value.scalar && !e.value.scalar.hasSubstitution);
  // Compiling a contract is the slow part of ajv: only for calls that pass literals.
  const validate = literals.length && def.inputSchema && typeof def.inputSchema === 'object' ? contractValidator(def.inputSchema) : undefined;
  if (!validate) return;
  for (const e of literals) {
    const name = e.name;
    if (!name || e.value?.kind !== 'lit' || !e.value.scalar) continue;
    const value = e.value.scalar.value;
    const pointer = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    validate({ [name]: value });
    const errors = (validate.errors ?? []).filter((x) => x.instancePath === pointer);
    if (!errors.length) continue;
    const problem = errors.map((x) => x.message).join('; ');
    const converted = convertLiteral(value, schemaProperties(def.inputSchema)?.[name]);
    const suggest: SuggestionDescriptor[] = [];
    if (converted !== undefined) {
      validate({ [name]: converted.value });
      const still = (validate.errors ?? []).some((x) => x.instancePath === pointer);
      if (!still) suggest.push({ messageId: 'convert', data: { text: converted.text }, fix: { range: e.value.scalar.range, text: converted.text } });
    }
    const { messageId, value: shown } = wrongTypeMessage(value);
    context.report({ node: e.value.scalar, messageId, data: { name, action, problem, value: shown }, suggest });
  }
}

/** The literal rewritten to the type the contract wants, when that is a lossless change. */
function convertLiteral(value: unknown, schema: unknown): { value: unknown; text: string } | undefined {
  const types = ([] as unknown[]).concat((schema as { type?: unknown })?.type ?? []);
  if (types.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return { value: String(value), text: JSON.stringify(String(value)) };
  if ((types.includes('integer') || types.includes('number')) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value.trim());
    return { value: n, text: String(n) };
  }
  if (types.includes('boolean') && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    const b = value.trim().toLowerCase() === 'true';
    return { value: b, text: String(b) };
  }
  return undefined;
}

/** Output names Architect offers: properties flattened with `.` (arrays contribute their items' properties). */
export function flattenOutputs(schema: unknown, prefix = '', out: string[] = [], depth = 0): string[] {
  // A success schema may be an array of objects (Salesforce searches): its items' properties are the outputs.
  if ((schema as { type?: unknown })?.type === 'array') return flattenOutputs((schema as { items?: unknown }).items, prefix, out, depth + 1);
  const props = schemaProperties(schema);
  if (!props || depth > 8) return out;
  for (const [k, sub] of Object.entries(props)) {
    const name = prefix + k;
    out.push(name);
    let inner: unknown = sub;
    if ((sub as { type?: unknown })?.type === 'array') inner = (sub as { items?: unknown }).items;
    flattenOutputs(inner, `${name}.`, out, depth + 1);
  }
  return out;
}

function checkOutputs(context: RuleContext, call: CallDataAction, def: DataActionFact, action: string): void {
  // Without `properties` the contract does not list outputs (or lists them some way we do not read): skip.
  const known = flattenOutputs(def.successSchema);
  if (!known.length && !schemaProperties(def.successSchema)) return;
  const knownSet = new Set(known);
  const taken = new Set(call.successOutputs.flatMap((e) => (e.name ? [e.name] : [])));
  for (const e of call.successOutputs) {
    if (!e.name || knownSet.has(e.name)) continue;
    context.report({
      node: e.key,
      messageId: known.length ? 'unknownOutput' : 'unknownOutputNone',
      data: { name: e.name, action, known: nameList(known) },
      suggest: renameSuggestion(e, e.name, known, taken),
    });
  }
}

const FAILURE_OUTPUTS: readonly string[] = CALL_DATA_FAILURE_OUTPUTS.verified;
const ACCEPTED_FAILURE_OUTPUTS = new Set<string>([...CALL_DATA_FAILURE_OUTPUTS.verified, ...CALL_DATA_FAILURE_OUTPUTS.unverified]);

function checkFailureOutputs(context: RuleContext, call: CallDataAction): void {
  const taken = new Set(call.failureOutputs.flatMap((e) => (e.name ? [e.name] : [])));
  for (const e of call.failureOutputs) {
    if (!e.name || ACCEPTED_FAILURE_OUTPUTS.has(e.name)) continue;
    const suggest = renameSuggestion(e, e.name, [...FAILURE_OUTPUTS], taken);
    const best = suggest[0]?.data?.name;
    context.report({
      node: e.key,
      messageId: best ? 'unknownFailureOutputClosest' : 'unknownFailureOutput',
      data: best ? { name: e.name, closest: best } : { name: e.name, outputs: nameList([...FAILURE_OUTPUTS]) },
      suggest,
    });
  }
}
