import { BODY_METHODS, ID_PATTERN_OPTION, idPatternOption, participantAttributeEntries, schemaExcludesJsonSpecials, sendsJson, type DataActionDef, dataActionsOf } from '../../model/data-actions.js';
import { isInputRef, renderTemplate } from '../../model/velocity.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';
import { reportUnescapedInput } from './unescaped-input.js';

const id = 'data-action/json-escape';

/**
 * `"${input.x}"` in a JSON body prints the value as is: a quote, backslash or line break in it (a customer's
 * message, a name like `O"Brien`) makes the body invalid JSON and the action fails (400) at run time.
 *
 * An input whose schema rules out those characters (a number, a `format`, a plain enum, an anchored `pattern`)
 * cannot break the body: escaping it is hygiene, reported only with `checkSchemaSafeInputs` (the `strict` preset).
 */
export default defineRule({
  meta: {
    id,
    description: 'Inputs printed inside a JSON string of the request body must be escaped with `$esc.jsonString(...)`.',
    severity: 'warn',
    kinds: ['data-action', 'terraform'],
    fixable: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unescaped:
        '`{{ref}}` is printed inside a JSON string without escaping; a `"`, `\\` or line break in `{{input}}` makes the request body invalid JSON. Write `{{escaped}}`.',
    },
    schema: {
      ...ID_PATTERN_OPTION,
      properties: {
        ...ID_PATTERN_OPTION.properties,
        checkSchemaSafeInputs: { type: 'boolean', description: 'Also report inputs whose schema rules out a quote or backslash (number, format, enum, pattern).' },
      },
    },
    defaultOptions: { checkSchemaSafeInputs: false },
    strictOptions: { checkSchemaSafeInputs: true },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  if (!def?.body || !BODY_METHODS.has(def.requestType ?? '') || !sendsJson(def)) return;
  const idPattern = idPatternOption(context.options);
  const all = context.options.checkSchemaSafeInputs === true;
  const needsNoEscaping = (d: DataActionDef, name: string, ids: RegExp | undefined) => Boolean(ids?.test(name)) || (!all && schemaExcludesJsonSpecials(d, name));
  const skip = participantKeyRefs(def);
  const rendered = renderTemplate(def.body.text, def.body.scan, 'all');
  for (const { ref, inString } of rendered.placed) {
    if (!inString || !isInputRef(ref) || ref.call || skip.has(ref.start)) continue;
    reportUnescapedInput(context, def, def.body, ref, '$esc.jsonString(', idPattern, 'unescaped', needsNoEscaping);
  }
}

/** References in participant-attribute keys and values are `data-action/participant-attributes`' to report. */
function participantKeyRefs(def: DataActionDef): Set<number> {
  const found = participantAttributeEntries(def);
  const out = new Set<number>();
  if (!found) return out;
  for (const e of found.entries) {
    for (const [from, to] of [[e.key.start, e.key.end], [e.value.start, e.value.end]]) {
      for (let i = from; i < to; i++) {
        const r = found.rendered.stubs.get(i);
        if (r) out.add(r.start);
      }
    }
  }
  return out;
}
