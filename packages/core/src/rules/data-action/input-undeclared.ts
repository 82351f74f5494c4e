import { templateEdit, schemaProperties, templateRange, type TemplateField, dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { isInputRef, type VelocityRef } from '../../model/velocity.js';
import { closestKey } from '../closest-name.js';
import type { TextEdit } from '../../diagnostics.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'data-action/input-undeclared';

/** Inputs the platform provides whatever the contract says: the whole input as JSON. */
const BUILT_IN_INPUTS = new Set(['rawRequest']);

/**
 * A data action receives exactly the inputs its `inputSchema` declares (Architect's Call Data Action offers only
 * those). `${input.x}` for any other `x` is null at run time, and Velocity's formal notation prints the
 * reference's own text when it is null ("Velocity macros for data actions": "If the variable is null, formal
 * notation outputs the variable name"), so the request carries the literal `${input.x}`; `$!{input.x}` prints
 * nothing. Usually a renamed input or a typo (names are case-sensitive).
 */
export default defineRule({
  meta: {
    id,
    description: 'Every `${input.x}` printed in `requestUrlTemplate` or `requestTemplate` must be a property of `inputSchema`.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      // A quiet reference (`$!{…}`) prints nothing for null; a loud one prints its own text.
      undeclared:
        '`{{ref}}` reads the input `{{name}}`, which `inputSchema.properties` does not declare: it is always null, so Velocity prints the text `{{ref}}` into the request.',
      undeclaredClosest:
        '`{{ref}}` reads the input `{{name}}`, which `inputSchema.properties` does not declare (did you mean `{{closest}}`?): it is always null, so Velocity prints the text `{{ref}}` into the request.',
      undeclaredQuiet: '`{{ref}}` reads the input `{{name}}`, which `inputSchema.properties` does not declare: it is always null, so it prints nothing.',
      undeclaredQuietClosest:
        '`{{ref}}` reads the input `{{name}}`, which `inputSchema.properties` does not declare (did you mean `{{closest}}`?): it is always null, so it prints nothing.',
      useDeclared: 'Use the declared input `{{closest}}`.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  const props = schemaProperties(def?.inputSchema);
  // Without a contract's properties there is nothing to compare with.
  if (!def || !props) return;
  const declared = Object.keys(props);
  for (const tpl of [def.url, def.body]) {
    if (!tpl) continue;
    for (const ref of printed(tpl.scan.refs)) {
      if (!isInputRef(ref)) continue;
      const name = ref.path[0];
      if (Object.hasOwn(props, name) || BUILT_IN_INPUTS.has(name)) continue;
      report(context, tpl, ref, name, declared);
    }
  }
}

/** Printed references and the arguments of printed calls (`$esc.jsonString(${input.x})`), not `#if` conditions. */
function printed(refs: VelocityRef[]): VelocityRef[] {
  const out: VelocityRef[] = [];
  const add = (r: VelocityRef) => {
    out.push(r);
    r.args.forEach(add);
  };
  refs.forEach(add);
  return out;
}

function report(context: RuleContext, tpl: TemplateField, ref: VelocityRef, name: string, declared: string[]): void {
  const caseOnly = declared.find((d) => d.toLowerCase() === name.toLowerCase());
  const closest = caseOnly ?? closestKey(name, declared);
  const text = tpl.text.slice(ref.start, ref.end);
  const nameStart = tpl.text.indexOf(name, ref.start);
  context.report({
    range: templateRange(context.file, tpl, ref.start, ref.end),
    messageId: `undeclared${ref.silent ? 'Quiet' : ''}${closest ? 'Closest' : ''}`,
    data: { ref: text, name, closest: closest ?? '' },
    suggest: suggestions('useDeclared', { closest: closest ?? '' }, closest && nameStart !== -1 ? templateEdit(context.file, tpl, nameStart, nameStart + name.length, closest) : undefined),
  });
}

function suggestions(messageId: string, data: Record<string, string>, fix: TextEdit | undefined): SuggestionDescriptor[] | undefined {
  return fix ? [{ messageId, data, fix }] : undefined;
}
