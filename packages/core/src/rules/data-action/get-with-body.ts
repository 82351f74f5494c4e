import { dataActionsOf, templateLiteral, type DataActionDef } from '../../model/data-actions.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';

const id = 'data-action/get-with-body';

/** The default template: the inputs as JSON. GET requests send no body, so anything else is ignored. */
const DEFAULT_TEMPLATE = /^\s*\$!?\{?input\.rawRequest\}?\s*$/i;

/**
 * Genesys Cloud sends no body with GET (or DELETE) requests and ignores `requestTemplate`. A custom template
 * on a GET usually means the author expected it to be sent: the inputs it mentions never reach the service.
 */
export default defineRule({
  meta: {
    id,
    description: 'GET and DELETE data actions ignore `requestTemplate`; a custom body is never sent.',
    severity: 'warn',
    kinds: ['data-action', 'terraform'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      ignored:
        '{{method}} requests send no body, so this `requestTemplate` is ignored and the inputs it uses never reach the service. Put them in `requestUrlTemplate` (query or path) and reset the template to `${input.rawRequest}`.',
      reset: 'Reset the template to `${input.rawRequest}` (after moving what it carries into the URL).',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  if (!def.body || (def.requestType !== 'GET' && def.requestType !== 'DELETE')) return;
  if (def.body.text.trim() === '' || DEFAULT_TEMPLATE.test(def.body.text)) return;
  context.report({
    node: def.body.node,
    messageId: 'ignored',
    data: { method: def.requestType },
    // A suggestion, not a fix: resetting deletes the only record of what the author meant to send (the inputs
    // still have to go into the URL, by hand), and for DELETE that no body is sent is not documented.
    // The whole value becomes a string literal: `"${input.rawRequest}"`, `"$${input.rawRequest}"` in HCL.
    suggest: [{ messageId: 'reset', fix: { range: def.body.node.range, text: templateLiteral(def.body, '${input.rawRequest}') } }],
  });
}
