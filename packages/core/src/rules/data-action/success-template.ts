import { templateEdit, renderedRange, schemaProperties, templateRange, type DataActionDef, dataActionsOf } from '../../model/data-actions.js';
import { parseStubbedJson, type StubNode } from '../../model/stubbed-json.js';
import { renderTemplate, type VelocityRef } from '../../model/velocity.js';
import { isScalar } from '../../parse/nodes.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';

const id = 'data-action/success-template';

/** A JsonPath that can match several nodes: a filter, a wildcard, a deep scan, a union or a slice. */
const MULTI_MATCH = /\[\?\(|\[\*\]|\.\*|\.\.|\[[^\]]*[,:][^\]]*\]/;

/**
 * `successTemplate` turns the translation map's values into the output the success schema describes (Genesys help,
 * "Response configuration for data actions"). Three ways it goes wrong while looking fine:
 *
 * - `"${lastName}"`: translation-map values are inserted as JSON (a string arrives with its quotes), so quoting the
 *   reference again prints `""Smith""` and the response fails to resolve.
 * - A JsonPath with a filter or wildcard (`$.items[?(@.type=='home')].number`) always yields an array; mapped
 *   straight onto an output the schema types as a string or number, the output fails the schema. The platform's
 *   `$successTemplateUtils.firstFromArray(…)` takes the first element.
 * - A key the success schema does not declare is no output: Architect offers only the schema's properties.
 */
export default defineRule({
  meta: {
    id,
    description: '`successTemplate` must insert translation-map values unquoted, unwrap arrays with `firstFromArray`, and only write keys the success schema declares.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      quoted:
        '`"{{ref}}"` quotes a translation-map value, but the value is inserted as JSON (a string already carries its quotes), so a string prints as `""…""` and the response fails to resolve. Write `{{ref}}` without the quotes.',
      unquote: 'Remove the quotes around `{{ref}}`.',
      // What in the JsonPath matches several nodes picks the sentence.
      arrayToScalar:
        '`{{ref}}` is the translation-map path `{{path}}`, which has a filter and always yields an array, but the success schema types `{{key}}` as {{type}}; the output fails the schema. Take the first element with `$successTemplateUtils.firstFromArray(…)` or change the path.',
      arrayToScalarWildcard:
        '`{{ref}}` is the translation-map path `{{path}}`, which has a wildcard and always yields an array, but the success schema types `{{key}}` as {{type}}; the output fails the schema. Take the first element with `$successTemplateUtils.firstFromArray(…)` or change the path.',
      arrayToScalarDeepScan:
        '`{{ref}}` is the translation-map path `{{path}}`, which has a deep scan (`..`) and always yields an array, but the success schema types `{{key}}` as {{type}}; the output fails the schema. Take the first element with `$successTemplateUtils.firstFromArray(…)` or change the path.',
      arrayToScalarUnionOrSlice:
        '`{{ref}}` is the translation-map path `{{path}}`, which has a union or slice and always yields an array, but the success schema types `{{key}}` as {{type}}; the output fails the schema. Take the first element with `$successTemplateUtils.firstFromArray(…)` or change the path.',
      undeclaredKey: '`{{key}}` is not a property of the success schema, so no flow can read it (Architect offers only the schema\'s properties as outputs).',
      undeclaredKeyCase:
        '`{{key}}` is not a property of the success schema, so no flow can read it (Architect offers only the schema\'s properties as outputs) (the schema has `{{declared}}`; names are case-sensitive).',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  const tpl = def?.successTemplate;
  if (!def || !tpl) return;
  const paths = translationPaths(def);
  const props = schemaProperties(def.successSchema);
  const rendered = renderTemplate(tpl.text, tpl.scan, 'all');
  for (const { ref, inString } of rendered.placed) {
    if (ref.call || ref.path.length || !paths.has(ref.root)) continue;
    const text = tpl.text.slice(ref.start, ref.end);
    if (inString && tpl.text[ref.start - 1] === '"' && tpl.text[ref.end] === '"') {
      const unquote = templateEdit(context.file, tpl, ref.start - 1, ref.end + 1, text);
      context.report({
        range: templateRange(context.file, tpl, ref.start - 1, ref.end + 1),
        messageId: 'quoted',
        data: { ref: text },
        // A suggestion, not a fix: that values arrive JSON-encoded is the platform's documented behaviour, but a
        // template that builds the quotes on purpose (a number printed as a string) is the author's call.
        // Inside `jsonencode({…})` the quotes are Terraform's output, not text to remove: no suggestion there.
        suggest: unquote ? [{ messageId: 'unquote', data: { ref: text }, fix: unquote }] : [],
      });
      continue;
    }
    if (!inString && props) checkArray(context, def, tpl.text, ref, text, paths.get(ref.root)!, props);
  }
  if (props) checkKeys(context, def, rendered, props);
}

/** Translation-map key → its JsonPath. */
function translationPaths(def: DataActionDef): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of def.translationMap?.pairs ?? []) {
    if (isScalar(pair.value) && typeof pair.value.value === 'string') out.set(String(pair.key.value), pair.value.value);
  }
  return out;
}

/** The message for a path that matches several nodes (by what in it does), or undefined for a single-node path. */
function multiMatch(path: string): string | undefined {
  const m = MULTI_MATCH.exec(path);
  if (!m) return undefined;
  if (m[0].startsWith('[?(')) return 'arrayToScalar';
  if (m[0] === '..') return 'arrayToScalarDeepScan';
  if (m[0].includes('*')) return 'arrayToScalarWildcard';
  return 'arrayToScalarUnionOrSlice';
}

function checkArray(context: RuleContext, def: DataActionDef, text: string, ref: VelocityRef, refText: string, path: string, props: Record<string, unknown>): void {
  const messageId = multiMatch(path);
  if (!messageId) return;
  // The member this reference is the value of: `"phone": ${phones}`.
  const key = /"([^"\\]+)"\s*:\s*$/.exec(text.slice(0, ref.start))?.[1];
  if (!key || !Object.hasOwn(props, key)) return;
  const prop = props[key] as { type?: unknown } | undefined;
  const types = ([] as unknown[]).concat(prop?.type ?? []);
  if (!types.length || types.includes('array')) return;
  context.report({
    range: templateRange(context.file, def.successTemplate!, ref.start, ref.end),
    messageId,
    data: { ref: refText, path, key, type: types.join(' or ') },
  });
}

function checkKeys(context: RuleContext, def: DataActionDef, rendered: ReturnType<typeof renderTemplate>, props: Record<string, unknown>): void {
  const schema = def.successSchema as { additionalProperties?: unknown } | undefined;
  if (schema?.additionalProperties === true) return;
  const parsed = parseStubbedJson(rendered.text);
  if (!parsed.ok || parsed.root?.type !== 'object') return;
  const declared = Object.keys(props);
  for (const m of (parsed.root as Extract<StubNode, { type: 'object' }>).members) {
    if (m.key.type !== 'string') continue;
    const name = m.key.value;
    if (Object.hasOwn(props, name)) continue;
    const sameCase = declared.find((d) => d.toLowerCase() === name.toLowerCase());
    context.report({
      range: renderedRange(context.file, def.successTemplate!, rendered, m.key.start, m.key.end),
      messageId: sameCase ? 'undeclaredKeyCase' : 'undeclaredKey',
      data: { key: name, declared: sameCase ?? '' },
    });
  }
}
