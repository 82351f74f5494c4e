import { closest } from 'fastest-levenshtein';
import { templateEdit, templateRange, dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { checkJsonPath } from '../../model/jsonpath.js';
import { allReferences, localVariables } from '../../model/velocity.js';
import { isScalar } from '../../parse/nodes.js';
import { valueRangeToSource } from '../../parse/string-offsets.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'data-action/translation-map';

/** Variables the response templates get from the platform, not from the translation map (lower case). */
const BUILT_INS = new Set([
  'rawresult', 'input', 'esc', 'math', 'date', 'number', 'successtemplateutils', 'foreach', 'velocitycount',
  'velocityhasnext', 'salesforce', 'list', 'display', 'convert', 'sorter',
]);

/** Roots of Terraform references (`${var.x}`, `${local.y}`) that may sit in an HCL template. */
const TERRAFORM_ROOTS = new Set(['var', 'local', 'module', 'data', 'path', 'each', 'count', 'self', 'terraform']);

/**
 * The response side of a data action: each `translationMap` entry is a JsonPath into the raw response, and
 * `successTemplate` can only use those names (plus `rawResult`, `input` and the tools). A broken path or an
 * unmapped `${name}` makes every call fail with "Failed to resolve the response" or print the name as text.
 */
export default defineRule({
  meta: {
    id,
    description: 'Translation-map paths must be valid JsonPath, and every `${name}` in `successTemplate` must be a translation-map key.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      badPath: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath ({{problem}}).',
      unmapped: '`{{ref}}` in successTemplate is not a translationMap key (keys: {{keys}}); Velocity prints it as the literal text `{{ref}}` and the output fails the success schema.',
      unmappedEmptyMap: '`{{ref}}` in successTemplate is not a translationMap key (the map is empty); Velocity prints it as the literal text `{{ref}}` and the output fails the success schema.',
      useKey: 'Use the translationMap key `{{key}}`.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  if (!def) return;
  const keys = new Set<string>();
  for (const pair of def.translationMap?.pairs ?? []) {
    keys.add(String(pair.key.value));
    const v = pair.value;
    if (!isScalar(v) || typeof v.value !== 'string') continue;
    const problem = checkJsonPath(v.value);
    if (!problem) continue;
    const range = valueRangeToSource(context.text, v, problem.index, problem.index + Math.max(problem.length, 1));
    context.report({ range, messageId: 'badPath', data: { key: String(pair.key.value), path: v.value, problem: problem.message } });
  }
  const tpl = def.successTemplate;
  if (!tpl) return;
  const locals = localVariables(tpl.scan);
  const keyList = [...keys];
  const reported = new Set<string>();
  for (const ref of allReferences(tpl.scan)) {
    if (BUILT_INS.has(ref.root.toLowerCase()) || keys.has(ref.root) || locals.has(ref.root)) continue;
    // In HCL, an unescaped `${var.x}` is Terraform's interpolation (terraform/dollar-escape's concern), not Velocity's.
    if (def.origin === 'terraform' && TERRAFORM_ROOTS.has(ref.root)) continue;
    const rootStart = tpl.text.indexOf(ref.root, ref.start);
    const range = templateRange(context.file, tpl, ref.start, ref.end);
    const key = keyList.length ? closest(ref.root, keyList) : undefined;
    const edit = key ? templateEdit(context.file, tpl, rootStart, rootStart + ref.root.length, key) : undefined;
    const suggest: SuggestionDescriptor[] = key && edit ? [{ messageId: 'useKey', data: { key }, fix: edit }] : [];
    const tag = `${ref.start}`;
    if (reported.has(tag)) continue;
    reported.add(tag);
    context.report({
      range,
      messageId: keyList.length ? 'unmapped' : 'unmappedEmptyMap',
      data: { ref: tpl.text.slice(ref.start, ref.end), keys: keyList.map((k) => `\`${k}\``).join(', ') },
      suggest,
    });
  }
}
