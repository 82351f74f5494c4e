import { closest } from 'fastest-levenshtein';
import { dataActionOf, jsonStringBody, templateRange } from '../../model/data-actions.js';
import { checkJsonPath } from '../../model/jsonpath.js';
import { allReferences, localVariables } from '../../model/velocity.js';
import { isScalar } from '../../parse/nodes.js';
import { valueRangeToSource } from '../../parse/string-offsets.js';
import { defineRule, ruleDocsUrl, type SuggestionDescriptor } from '../rule.js';

const id = 'data-action/translation-map';

/** Variables the response templates get from the platform, not from the translation map (lower case). */
const BUILT_INS = new Set([
  'rawresult', 'input', 'esc', 'math', 'date', 'number', 'successtemplateutils', 'foreach', 'velocitycount',
  'velocityhasnext', 'salesforce', 'list', 'display', 'convert', 'sorter',
]);

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
    kinds: ['data-action'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      badPath: 'Translation map `{{key}}`: `{{path}}` is not a valid JsonPath ({{problem}}).',
      unmapped: '`{{ref}}` in successTemplate is not a translationMap key{{known}}; Velocity prints it as the literal text `{{ref}}` and the output fails the success schema.',
      useKey: 'Use the translationMap key `{{key}}`.',
    },
  },
  check(context) {
    const def = dataActionOf(context.file);
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
      const rootStart = tpl.text.indexOf(ref.root, ref.start);
      const range = templateRange(context.file, tpl, ref.start, ref.end);
      const key = keyList.length ? closest(ref.root, keyList) : undefined;
      const suggest: SuggestionDescriptor[] = key
        ? [{ messageId: 'useKey', data: { key }, fix: { range: templateRange(context.file, tpl, rootStart, rootStart + ref.root.length), text: jsonStringBody(key) } }]
        : [];
      const tag = `${ref.start}`;
      if (reported.has(tag)) continue;
      reported.add(tag);
      context.report({
        range,
        messageId: 'unmapped',
        data: { ref: tpl.text.slice(ref.start, ref.end), known: keyList.length ? ` (keys: ${keyList.join(', ')})` : ' (the map is empty)' },
        suggest,
      });
    }
  },
});
