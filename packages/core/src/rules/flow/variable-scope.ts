import type { TextEdit } from '../../diagnostics.js';
import { declaredVariables } from '../../model/flow-variables.js';
import { CANONICAL, flowScope, PREFIXES, variableReferences } from '../../model/flow-scope.js';
import type { Range } from '../../parse/nodes.js';
import { valueIndexToOffset } from '../../parse/string-offsets.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';
import { closestKey } from '../closest-name.js';

const id = 'flow/variable-scope';

/**
 * Architect variables live in a scope named by their prefix (`Flow.`, `State.`, `Task.`). A declaration without
 * one is rejected by Archy; `flow.x` works at run time (names are case-insensitive) but is written three ways
 * across a team's flows and defeats search and review; a variable read but never declared nor written is `NOT_SET`
 * at run time (usually a typo or a variable renamed in one place).
 */
export default defineRule({
  meta: {
    id,
    description: 'Flow variables carry a Flow./State./Task. prefix in its canonical case and are declared before use.',
    severity: 'warn',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    schema: {
      type: 'object',
      properties: { checkCase: { type: 'boolean', description: 'Also report a scope prefix in the wrong case (`flow.x`), which works at run time.' } },
      additionalProperties: false,
    },
    defaultOptions: { checkCase: false },
    strictOptions: { checkCase: true },
    messages: {
      noPrefix: 'Variable `{{name}}` has no scope prefix; Archy needs `Flow.{{name}}`, `State.{{name}}` or `Task.{{name}}`.',
      wrongCase: '`{{written}}` should be written `{{canonical}}` (the scope prefix is `{{prefix}}`).',
      undeclared: '`{{name}}` is read but never declared or assigned in this flow, so it is NOT_SET at run time.',
      undeclaredClosest: '`{{name}}` is read but never declared or assigned in this flow, so it is NOT_SET at run time (did you mean `{{closest}}`?).',
      usePrefix: 'Rename to `{{fixed}}`.',
      useDeclared: 'Use the declared `{{fixed}}`.',
    },
  },
  check(context) {
    // `flow.x` works at run time (Architect names are case-insensitive): consistency, reported in `strict` only.
    const checkCase = context.options.checkCase === true;
    const declared = declaredVariables(context.file);
    checkDeclarations(context, declared, checkCase);
    const scope = flowScope(context.file);
    for (const ref of variableReferences(context.file)) {
      const canonicalPrefix = ref.canonical.slice(0, ref.canonical.indexOf('.'));
      if (checkCase && ref.prefix !== canonicalPrefix) {
        context.report({
          range: ref.range,
          messageId: 'wrongCase',
          data: { written: `${ref.prefix}.${ref.name}`, canonical: ref.canonical, prefix: canonicalPrefix },
          fix: { range: ref.prefixRange, text: canonicalPrefix },
        });
      }
      if (ref.kind !== 'exp' || scope.knows(ref.canonical)) continue;
      const closest = closestKey(ref.canonical, scope.known.filter((k) => k.toLowerCase().startsWith(`${canonicalPrefix.toLowerCase()}.`)));
      context.report({
        range: ref.range,
        messageId: closest ? 'undeclaredClosest' : 'undeclared',
        data: { name: ref.canonical, closest: closest ?? '' },
        suggest: closest ? [{ messageId: 'useDeclared', data: { fixed: closest }, fix: { range: ref.range, text: closest } }] : undefined,
      });
    }
  },
});

function checkDeclarations(context: RuleContext, declared: ReturnType<typeof declaredVariables>, checkCase: boolean): void {
  for (const decl of declared.values()) {
    const node = decl.nameNode;
    if (node.hasSubstitution) continue;
    const name = decl.name;
    const dot = name.indexOf('.');
    const prefix = dot === -1 ? '' : name.slice(0, dot);
    const canonical = CANONICAL.get(prefix.toLowerCase());
    if (canonical && canonical === prefix) continue;
    const at = valueIndexToOffset(context.text, node, 0);
    if (canonical) {
      if (!checkCase) continue;
      // The prefix in the wrong case: the reference scan fixes uses; here the declaration itself.
      const edit: TextEdit = { range: [at, at + prefix.length], text: canonical };
      context.report({ node, messageId: 'wrongCase', data: { written: name, canonical: `${canonical}.${name.slice(dot + 1)}`, prefix: canonical }, fix: edit });
      continue;
    }
    if (dot !== -1) continue; // `Call.x`, `Slot.x`: another scope, not ours to judge
    context.report({
      node,
      messageId: 'noPrefix',
      data: { name },
      suggest: PREFIXES.map((p) => ({ messageId: 'usePrefix', data: { fixed: `${p}.${name}` }, fix: { range: [at, at] as Range, text: `${p}.` } })),
    });
  }
}
