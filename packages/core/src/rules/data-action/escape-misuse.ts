import { BODY_METHODS, inputProperty, templateEdit, sendsJson, templateRange, type DataActionDef, dataActionsOf } from '../../model/data-actions.js';
import { isInputRef, renderTemplate, type VelocityRef } from '../../model/velocity.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';

const id = 'data-action/escape-misuse';

/**
 * Escapes that do not do what the JSON body needs (Genesys help, "Velocity macros for data actions": "Use
 * esc.jsonString to escape strings inside JSON bodies"; the EscapeTool methods are Apache Velocity Tools'):
 *
 * - `$esc.jsonString(…)` escapes the *contents* of a JSON string and prints no quotes, so outside a string it
 *   renders the bare text (`{"note": hello world}`): invalid JSON for any string value.
 * - `$esc.javascript(…)` escapes for JavaScript: a `'` becomes `\'`, which is not a JSON escape, so any value with an
 *   apostrophe (`O'Brien`) makes the body invalid JSON.
 */
export default defineRule({
  meta: {
    id,
    description: 'In a JSON request body, `$esc.jsonString(...)` belongs inside a JSON string, and `$esc.javascript(...)` is not a JSON escape.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      jsonStringOutside:
        '`{{call}}` is not inside a JSON string: `$esc.jsonString` prints the escaped text without quotes, so a string value renders bare and the body is invalid JSON. Put it in quotes: `"{{call}}"`.',
      addQuotes: 'Put it in quotes: `"{{call}}"`.',
      javascript:
        '`{{call}}` escapes for JavaScript: an apostrophe becomes `\\\'`, which JSON does not allow, so a value like `O\'Brien` makes the body invalid JSON. Use `$esc.jsonString`.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  if (!def?.body || !BODY_METHODS.has(def.requestType ?? '') || !sendsJson(def)) return;
  const tpl = def.body;
  const rendered = renderTemplate(tpl.text, tpl.scan, 'all');
  for (const { ref, inString } of rendered.placed) {
    if (!ref.call) continue;
    const call = tpl.text.slice(ref.start, ref.end);
    const method = ref.call.toLowerCase();
    if (method === 'esc.javascript') {
      const at = tpl.text.indexOf('javascript', ref.start);
      context.report({
        range: templateRange(context.file, tpl, ref.start, ref.end),
        messageId: 'javascript',
        data: { call },
        // Same intent, the right escape: certain.
        fix: templateEdit(context.file, tpl, at, at + 'javascript'.length, 'jsonString'),
      });
    } else if (method === 'esc.jsonstring' && !inString) {
      reportOutside(context, def, ref, call);
    }
  }
}

function reportOutside(context: RuleContext, def: DataActionDef, ref: VelocityRef, call: string): void {
  const tpl = def.body!;
  const arg = ref.args[0];
  const prop = arg && isInputRef(arg) ? inputProperty(def, arg.path[0]) : undefined;
  const types = ([] as unknown[]).concat(prop?.type ?? []);
  // A number or boolean printed bare is valid JSON (jsonString leaves it as is): nothing to report.
  if (types.length && types.every((t) => t === 'integer' || t === 'number' || t === 'boolean')) return;
  const edit = templateEdit(context.file, tpl, ref.start, ref.end, `"${call}"`);
  // Quoting is certain when the contract says the input is a string; otherwise what the value is meant to be is
  // the author's call.
  const isString = types.length > 0 && types.every((t) => t === 'string');
  context.report({
    range: templateRange(context.file, tpl, ref.start, ref.end),
    messageId: 'jsonStringOutside',
    data: { call },
    fix: isString ? edit : undefined,
    suggest: edit ? [{ messageId: 'addQuotes', data: { call }, fix: edit }] : [],
  });
}
