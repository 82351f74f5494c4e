import { callDataActions } from '../../model/call-data.js';
import { dataActionIndex, findDataActions } from '../../model/data-actions.js';
import { yamlScalar } from '../../fix/yaml-edits.js';
import { closestKey } from '../participant-data/read-never-set.js';
import { defineRule, ruleDocsUrl, type SuggestionDescriptor } from '../rule.js';

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
      unknown: 'Call Data Action `{{label}}` calls `{{name}}`, which no data action in the repository defines{{hint}}',
      rename: 'Call `{{name}}` instead.',
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
      if (findDataActions(index, call.actionName).length) continue;
      const best = closestKey(call.actionName, names);
      const suggest: SuggestionDescriptor[] = best
        ? [{ messageId: 'rename', data: { name: best }, fix: { range: call.actionPair.key.range, text: yamlScalar(best) } }]
        : [];
      context.report({
        node: call.actionPair.key,
        messageId: 'unknown',
        data: { label: call.label ?? 'callData', name: call.actionName, hint: best ? `; did you mean \`${best}\`?` : '.' },
        suggest,
      });
    }
  },
});
