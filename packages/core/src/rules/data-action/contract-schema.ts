import { contractSchemaProblems } from '../../model/contract-schemas.js';
import { dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { isMap, type Node } from '../../parse/nodes.js';
import { nodeAtPointer } from '../../parse/pointer.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';

const id = 'data-action/contract-schema';

/**
 * Genesys Cloud validates inputs against `inputSchema` and the resolved response against `successSchema`.
 * A schema that is not valid JSON Schema is rejected on import ("Invalid contract") or, worse, saved and then
 * fails every call; a contract whose root is not an object cannot be mapped to Architect inputs/outputs.
 */
export default defineRule({
  meta: {
    id,
    description: '`inputSchema` and `successSchema` must be valid JSON Schemas with an object at the root.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      // `problem` is the JSON Schema validator's own words for the broken rule (ajv's "must be array").
      invalid: '`{{which}}` is not a valid JSON Schema: `{{at}}` {{problem}}.',
      inputNotObject: '`inputSchema` must describe an object (`"type": "object"`): Architect maps its properties to the action\'s inputs.',
      successNotObject:
        '`successSchema` must describe an object (`"type": "object"`) or an array of objects (`"type": "array"`): Architect maps its properties to the action\'s outputs.',
      missing: 'The contract has no `{{which}}`; the platform rejects the action on import.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  if (!def) return;
  checkSchema(context, 'inputSchema', 'inputNotObject', def.inputSchemaNode, def.inputSchema, ['object']);
  // Outputs may also be an array of objects (Salesforce searches export `"type": "array"` with `items`).
  checkSchema(context, 'successSchema', 'successNotObject', def.successSchemaNode, def.successSchema, ['object', 'array']);
}

function checkSchema(context: RuleContext, which: string, notObject: string, node: Node | undefined, value: unknown, roots: string[]): void {
  if (!node) {
    const contract = context.file.root && isMap(context.file.root) ? context.file.root.pairs.find((p) => p.key.value === 'contract') : undefined;
    if (contract) context.report({ node: contract.key, messageId: 'missing', data: { which } });
    return;
  }
  if (!isMap(node)) {
    context.report({ node, messageId: notObject });
    return;
  }
  const problems = contractSchemaProblems(value);
  for (const e of problems) {
    const { node: at, pair } = nodeAtPointer(node, e.instancePath);
    context.report({ node: pair?.value ?? at ?? node, messageId: 'invalid', data: { which, at: `${which}${e.instancePath}`, problem: e.message } });
  }
  if (problems.length) return;
  const type = (value as Record<string, unknown>).type;
  if (type !== undefined && !roots.includes(type as string)) {
    const typeNode = node.pairs.find((p) => p.key.value === 'type');
    context.report({ node: typeNode?.value ?? node, messageId: notObject });
  }
}
