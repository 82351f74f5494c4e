import { callDataActions, type CallDataAction } from '../../model/call-data.js';
import { dataActionIndex, findDataActions, type DataActionFact } from '../../model/data-actions.js';
import type { Project } from '../../model/project.js';
import { terraformIntegrationActions } from '../../model/terraform.js';
import { yamlScalar } from '../../fix/yaml-edits.js';
import { closestKey } from '../closest-name.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'call-data/action-exists';

/**
 * Archy resolves a Call Data Action by category (integration) and action name when the flow is published. A
 * name that matches no data action fails the publish ("Unable to find data action"), or, when a same-named
 * action exists only in another org, binds to the wrong one. Only checked when the repo defines data actions.
 */
export default defineRule({
  meta: {
    id,
    description: 'Call Data Actions must name a data action defined in the repository (data-action JSON or Terraform).',
    severity: 'error',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unknown: 'Call Data Action `{{label}}` calls `{{name}}`, which no data action in the repository defines.',
      unknownClosest: 'Call Data Action `{{label}}` calls `{{name}}`, which no data action in the repository defines; did you mean `{{closest}}`?',
      rename: 'Call `{{name}}` instead.',
      wrongCategory: 'Call Data Action `{{label}}` calls `{{name}}` in the category `{{category}}`, but Terraform defines `{{name}}` in {{expected}}.',
      useCategory: 'Use the category `{{category}}`.',
    },
  },
  check(context) {
    const calls = callDataActions(context.file);
    if (!calls.length) return;
    const index = dataActionIndex(context.project);
    // Nothing to compare with, or a definition whose name is only known at deploy time: absence is unprovable.
    if (index.all.length === 0 || index.hasUnknownNames) return;
    const names = [...index.byName.keys()];
    for (const call of calls) {
      if (!call.actionName || !call.actionPair) continue;
      const defs = findDataActions(index, call.actionName);
      if (defs.length) {
        checkCategory(context, call, defs);
        continue;
      }
      const best = closestKey(call.actionName, names);
      const suggest: SuggestionDescriptor[] = best
        ? [{ messageId: 'rename', data: { name: best }, fix: { range: call.actionPair.key.range, text: yamlScalar(best) } }]
        : [];
      context.report({
        node: call.actionPair.key,
        messageId: best ? 'unknownClosest' : 'unknown',
        data: { label: call.label ?? 'callData', name: call.actionName, ...(best ? { closest: best } : {}) },
        suggest,
      });
    }
  },
});

/** Per `.tf` file (by path), each Terraform-defined action name → its categories; `undefined` when one is not a known literal. */
function terraformCategories(project: Project): Map<string, Map<string, string[] | undefined>> {
  return project.index('call-data:terraform-categories', (p) => {
    const byFile = new Map<string, Map<string, string[] | undefined>>();
    for (const a of terraformIntegrationActions(p)) {
      let byName = byFile.get(a.path);
      if (!byName) byFile.set(a.path, (byName = new Map()));
      for (const name of a.names) {
        const known = byName.has(name) ? byName.get(name) : [];
        // A resource whose category is an expression we cannot resolve makes the name's category unknown.
        byName.set(name, known && a.categories.length ? [...known, ...a.categories] : undefined);
      }
    }
    return byFile;
  });
}

/**
 * Archy looks the action up under the category the flow names. When every definition of the called action is a
 * Terraform resource with a literal (or resolvable) category, a flow naming another category calls nothing.
 * Categories are compared ignoring case, like action names (whether Archy does is unverified).
 */
function checkCategory(context: RuleContext, call: CallDataAction, defs: DataActionFact[]): void {
  const key = call.categoryKey;
  if (call.category === undefined || !key || !call.actionName) return;
  const byFile = terraformCategories(context.project);
  const expected = new Set<string>();
  for (const d of defs) {
    // An exported JSON action carries no category: the flow's may be right.
    if (d.origin !== 'terraform' || d.name === undefined) return;
    const categories = byFile.get(d.path)?.get(d.name);
    if (!categories) return;
    for (const c of categories) expected.add(c);
  }
  if (!expected.size) return;
  const flowCategory = call.category.toLowerCase();
  if ([...expected].some((c) => c.toLowerCase() === flowCategory)) return;
  // The nearest category first, so the first suggestion is the likely fix.
  const best = closestKey(call.category, expected);
  const ordered = best ? [best, ...[...expected].filter((c) => c !== best)] : [...expected];
  context.report({
    node: key,
    messageId: 'wrongCategory',
    data: { label: call.label ?? 'callData', name: call.actionName, category: call.category, expected: ordered.map((c) => `\`${c}\``).join(' or ') },
    suggest: ordered.map((c) => ({ messageId: 'useCategory', data: { category: c }, fix: { range: key.range, text: yamlScalar(c) } })),
  });
}
