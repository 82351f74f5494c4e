import { participantAttributes } from '../../model/participant-data.js';
import { defineRule, ruleDocsUrl, type SuggestionDescriptor } from '../rule.js';
import { isEmptyValue, moveIntoValueEdits, renameKeyEdits } from './key-fixes.js';
import { templateParts, toFlowExpression } from '../../model/participant-key-parts.js';
import { flowScope } from '../../model/flow-scope.js';
import { closestKey } from '../closest-name.js';
import { knownKeys, looksLikeVariable } from '../../model/participant-keys.js';

const id = 'participant-data/key-looks-like-variable';

export default defineRule({
  meta: {
    id,
    description: 'A literal participant data key that looks like a variable (`Flow.x`, `flow.input.x`, `Call.Ani`) is stored as that text, not the variable\'s value.',
    severity: 'warn',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      looksLikeVariable:
        '{{op}} Participant Data attribute name `{{key}}` looks like a variable, but a literal name is stored as written: the attribute is called "{{key}}", not the value of `{{expression}}`.',
      renameKey: 'Rename the key to `{{key}}`.',
      moveIntoValue: 'Use the key `{{key}}` and store `{{expression}}` as its value.',
    },
  },
  check(context) {
    for (const attr of participantAttributes(context.file)) {
      const name = attr.name;
      if (!name || (name.kind !== 'lit' && name.kind !== 'bare') || !name.scalar || name.text === undefined) continue;
      const key = name.text.trim();
      // Templates are participant-data/literal-key's finding.
      if (!looksLikeVariable(key) || templateParts(key).length) continue;
      const expression = toFlowExpression(key);
      const lastSegment = key.slice(key.lastIndexOf('.') + 1);
      const op = attr.op === 'set' ? 'Set' : 'Get';
      // Both are guesses (a person may prefer another name), so suggestions; neither may create a finding: a Get
      // is renamed only to a key something sets, a value is moved only when the flow has that variable.
      const suggest: SuggestionDescriptor[] = [];
      if (attr.op === 'get') {
        const set = knownKeys(context.project);
        const key = set.has(lastSegment) ? lastSegment : closestKey(lastSegment, set);
        if (key) suggest.push({ messageId: 'renameKey', data: { key }, fix: renameKeyEdits(attr, key) });
      } else {
        if (isEmptyValue(attr.value) && flowScope(context.file).knows(expression)) {
          suggest.push({ messageId: 'moveIntoValue', data: { key: lastSegment, expression }, fix: moveIntoValueEdits(context, attr, lastSegment, expression) });
        }
        suggest.push({ messageId: 'renameKey', data: { key: lastSegment }, fix: renameKeyEdits(attr, lastSegment) });
      }
      context.report({ node: name.scalar, messageId: 'looksLikeVariable', data: { op, key, expression }, suggest });
    }
  },
});
