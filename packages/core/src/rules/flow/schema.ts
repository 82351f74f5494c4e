import { archyActionNames, archyFlowSchema, archyMenuChoiceNames, validateArchyFlow, type SchemaError } from '@cxlint/schema/validators';
import { flowModel, type ItemKey } from '../../model/flow.js';
import { toJS, type Node, type Range } from '../../parse/nodes.js';
import { nodeAtPointer } from '../../parse/pointer.js';
import { defineRule, ruleDocsUrl, type ReportDescriptor, type RuleContext } from '../rule.js';
import { closestKnownName } from '../closest-name.js';

const id = 'flow/schema';

/** Variable declaration keys Archy uses (`stringVariable`, …); any `<type>Variable` is accepted. */
const VARIABLE_TYPES = [
  'stringVariable', 'integerVariable', 'booleanVariable', 'decimalVariable', 'dateTimeVariable', 'dateVariable', 'timeVariable',
  'durationVariable', 'currencyVariable', 'jsonVariable', 'queueVariable', 'userVariable', 'groupVariable', 'skillVariable',
  'languageSkillVariable', 'scheduleVariable', 'scheduleGroupVariable', 'emergencyGroupVariable', 'externalContactVariable',
  'externalOrganizationVariable', 'wrapupCodeVariable', 'promptVariable', 'phoneNumberVariable', 'stringCollectionVariable',
  'integerCollectionVariable', 'booleanCollectionVariable', 'decimalCollectionVariable', 'dateTimeCollectionVariable',
  'jsonCollectionVariable', 'queueCollectionVariable', 'userCollectionVariable', 'agentScorePairCollectionVariable',
];

const KNOWN: Record<ItemKey['container'], { names: readonly string[]; accept?: RegExp; messageId: string } | undefined> = {
  action: { names: archyActionNames, messageId: 'unknownAction' },
  menuChoice: { names: archyMenuChoiceNames, messageId: 'unknownMenuChoice' },
  variable: { names: VARIABLE_TYPES, accept: /^[a-z][A-Za-z]*Variable$/, messageId: 'unknownVariableType' },
  statement: undefined,
};
const KNOWN_SETS = new Map(Object.entries(KNOWN).map(([k, v]) => [k, new Set(v?.names ?? [])]));

/**
 * Structure errors against the Archy flow schema (`@cxlint/schema`, `archy-flow.schema.json`), at the line they
 * are on, plus action names that are a misspelling of a known action. Archy rejects a flow with an unknown action
 * or a missing required field at publish time; a misspelt key in a field list is silently dropped.
 */
export default defineRule({
  meta: {
    id,
    description: 'Flow structure matches the Archy flow schema; misspelt action names get the closest known name.',
    severity: 'error',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unknownAction: 'Unknown action `{{name}}`: did you mean `{{closest}}`? Archy rejects the flow (names are case-sensitive).',
      unknownMenuChoice: 'Unknown menu choice `{{name}}`: did you mean `{{closest}}`? Archy rejects the flow (names are case-sensitive).',
      unknownVariableType: 'Unknown variable type `{{name}}`: did you mean `{{closest}}`? Archy rejects the flow (names are case-sensitive).',
      unknownKey: '`{{parent}}` has no field `{{name}}`; Archy rejects or ignores it.',
      unknownKeyClosest: '`{{parent}}` has no field `{{name}}` (did you mean `{{closest}}`?); Archy rejects or ignores it.',
      unknownKeyExpected: '`{{parent}}` has no field `{{name}}` (expected one of {{expected}}); Archy rejects or ignores it.',
      missing: '`{{parent}}` is missing the required `{{name}}`.',
      mustBeMap: '`{{parent}}` must be a map.',
      mustBeList: '`{{parent}}` must be a list.',
      mustBeString: '`{{parent}}` must be a string.',
      mustBeBoolean: '`{{parent}}` must be a boolean.',
      mustBeMapOrEmpty: '`{{parent}}` must be a map or empty.',
      mustBeListOrEmpty: '`{{parent}}` must be a list or empty.',
      wrongType: '`{{parent}}` must be of one of the types {{types}}.',
      tooFewItems: '`{{parent}}` needs at least {{limit}} item(s).',
      empty: '`{{parent}}` must not be empty.',
      notOneKey: '`{{parent}}` must have exactly one key (it has {{count}}).',
      // `message` is the schema validator's own words for the broken rule (ajv's "must be equal to one of …").
      other: '`{{parent}}`: {{message}}.',
      rename: 'Rename to `{{closest}}`.',
    },
  },
  check(context) {
    const root = context.file.root;
    if (!root) return;
    checkItemNames(context);
    if (validateArchyFlow(toJS(root))) return;
    const seen = new Set<string>();
    // A mistyped flow-type key is flow/flow-type-key's finding (one finding per cause).
    const model = flowModel(context.file);
    const mistypedKey = model.typeKey && model.typeKey.value !== model.flowType ? model.typeKey.range[0] : undefined;
    for (const error of validateArchyFlow.errors ?? []) {
      const d = describe(root, error);
      if (!d) continue;
      if (mistypedKey !== undefined && (d.range?.[0] ?? d.node?.range[0]) === mistypedKey) continue;
      const key = `${d.range?.[0]}:${d.messageId}:${JSON.stringify(d.data)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      context.report(d);
    }
  },
});

function checkItemNames(context: RuleContext): void {
  for (const item of flowModel(context.file).items) {
    const known = KNOWN[item.container];
    if (!known || KNOWN_SETS.get(item.container)!.has(item.name) || known.accept?.test(item.name)) continue;
    if (item.key.hasSubstitution) continue;
    const closest = closestKnownName(item.name, known.names);
    if (!closest) continue; // an action cxlint does not model: accepted as it is
    const fix = { range: item.key.range, text: closest };
    context.report({
      node: item.key,
      messageId: known.messageId,
      data: { name: item.name, closest },
      // Only a change of case is certain enough to apply without asking.
      fix: closest.toLowerCase() === item.name.toLowerCase() ? fix : undefined,
      suggest: [{ messageId: 'rename', data: { closest }, fix }],
    });
  }
}

/** The label of the node at an instance path: its key, or `item N of <key>` in a list. */
function labelOf(pointer: string): string {
  const steps = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let i = steps.length - 1; i >= 0; i--) {
    if (!/^\d+$/.test(steps[i])) return i === steps.length - 1 ? steps[i] : `${steps[i]}[${steps.slice(i + 1).join('][')}]`;
  }
  return '(root)';
}

/** The object schema an ajv `schemaPath` points into (standalone code reports paths relative to a definition). */
function schemaParent(schemaPath: string): Record<string, unknown> | undefined {
  const steps = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, -1);
  const schema = archyFlowSchema as { definitions: Record<string, unknown> };
  const roots = [schema, ...Object.values(schema.definitions)];
  for (const start of roots) {
    let cur: unknown = start;
    for (const s of steps) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
    if (cur && typeof cur === 'object' && (cur as Record<string, unknown>).additionalProperties === false) return cur as Record<string, unknown>;
  }
  return undefined;
}

function describe(root: Node, error: SchemaError): ReportDescriptor | undefined {
  const { node, pair } = nodeAtPointer(root, error.instancePath);
  if (!node) return undefined;
  const parent = labelOf(error.instancePath);
  const here: Range = pair ? pair.key.range : node.range;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const entry = node.type === 'map' ? node.pairs.find((p) => String(p.key.value) === name) : undefined;
      const allowed = Object.keys((schemaParent(error.schemaPath)?.properties as Record<string, unknown>) ?? {});
      const closest = closestKnownName(name, allowed, 3);
      const range = entry?.key.range ?? here;
      return {
        range,
        messageId: closest ? 'unknownKeyClosest' : allowed.length ? 'unknownKeyExpected' : 'unknownKey',
        data: { parent, name, closest: closest ?? '', expected: allowed.map((a) => `\`${a}\``).join(', ') },
        suggest: closest && entry && !entry.key.hasSubstitution ? [{ messageId: 'rename', data: { closest }, fix: { range, text: closest } }] : undefined,
      };
    }
    case 'required':
      return { range: here, messageId: 'missing', data: { parent, name: String(error.params.missingProperty) } };
    case 'type': {
      const types = ([] as string[]).concat(error.params.type as string | string[]);
      const known = MUST_BE[types.join(' ')];
      if (known) return { range: node.range, messageId: known, data: { parent } };
      return { range: node.range, messageId: 'wrongType', data: { parent, types: types.map((t) => `\`${t}\``).join(', ') } };
    }
    case 'minItems':
      return { range: here, messageId: 'tooFewItems', data: { parent, limit: String(error.params.limit) } };
    case 'minProperties':
      return { range: here, messageId: 'empty', data: { parent } };
    case 'maxProperties':
      return { range: here, messageId: 'notOneKey', data: { parent, count: String(node.type === 'map' ? node.pairs.length : 0) } };
    default:
      return { range: here, messageId: 'other', data: { parent, message: error.message ?? error.keyword } };
  }
}

/** The types the schema asks for (as its `type` lists them), said the way a flow author reads them. */
const MUST_BE: Record<string, string> = {
  object: 'mustBeMap',
  array: 'mustBeList',
  string: 'mustBeString',
  boolean: 'mustBeBoolean',
  'object null': 'mustBeMapOrEmpty',
  'array null': 'mustBeListOrEmpty',
};
