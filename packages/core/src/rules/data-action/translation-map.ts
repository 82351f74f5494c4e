import { closest } from 'fastest-levenshtein';
import { templateEdit, templateRange, dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { checkJsonPath, FUNCTIONS as JSONPATH_FUNCTIONS, type JsonPathProblem } from '../../model/jsonpath.js';
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
      badPath: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath; the JsonPath parser (jsonpath-plus) says "{{detail}}".',
      badPathEmpty: 'Translation map `{{key}}`: the path is empty.',
      badPathWhitespace: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (it has leading or trailing whitespace).',
      badPathStart: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (a path starts with `$`, the response root).',
      badPathUnterminatedQuote: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (a string opened with `{{char}}` is never closed).',
      badPathUnbalanced: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (`{{char}}` closes nothing that is open).',
      badPathNeverClosed: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (`{{char}}` is never closed).',
      badPathEnd: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (it ends with `.` or has `...`).',
      badPathFunction: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (`{{char}}()` is not a JsonPath function; known: {{known}}).',
      badPathEmptyFilter: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath (the filter `?()` is empty).',
      badPathFilter: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath; its filter expression does not parse: "{{detail}}".',
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

const PATH_MESSAGES: Record<JsonPathProblem['code'], string> = {
  syntax: 'badPath',
  empty: 'badPathEmpty',
  whitespace: 'badPathWhitespace',
  start: 'badPathStart',
  'unterminated-quote': 'badPathUnterminatedQuote',
  unbalanced: 'badPathUnbalanced',
  'never-closed': 'badPathNeverClosed',
  end: 'badPathEnd',
  'unknown-function': 'badPathFunction',
  'empty-filter': 'badPathEmptyFilter',
  'invalid-filter': 'badPathFilter',
};

/** The whole-sentence message for a path problem (`detail` is jsonpath-plus's own text where it is the parser that failed). */
function pathMessage(problem: JsonPathProblem): { messageId: string; data: Record<string, string> } {
  const data: Record<string, string> = problem.code === 'syntax' || problem.code === 'invalid-filter' ? { detail: (problem.detail ?? '').replace(/\.$/, '') } : { char: problem.detail ?? '' };
  if (problem.code === 'unknown-function') data.known = [...JSONPATH_FUNCTIONS].map((f) => `\`${f}()\``).join(', ');
  return { messageId: PATH_MESSAGES[problem.code], data };
}

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
    const { messageId, data } = pathMessage(problem);
    context.report({ range, messageId, data: { key: String(pair.key.value), path: v.value, ...data } });
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
