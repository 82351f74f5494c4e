import { participantAttributes } from '../../model/participant-data.js';
import { defineRule, ruleDocsUrl, type SuggestionDescriptor } from '../rule.js';
import { isEmptyValue, moveIntoValueEdits, renameKeyEdits } from './key-fixes.js';
import { BUILT_IN_SCOPES, templateParts, toFlowExpression } from './key-parts.js';
import { flowScope } from '../flow/variable-scope.js';
import { closestKey } from '../closest-name.js';
import { knownKeys } from './read-never-set.js';

const id = 'participant-data/key-looks-like-variable';

/**
 * Architect stores a `lit:` attribute name exactly as written: `name: {lit: Flow.userId}` creates an attribute
 * called "Flow.userId", never the variable's value. Nothing fails, so the bug is silent until a reader looks
 * for the value under the key they meant.
 *
 * Flow/State/Task (any case, with the `flow.input.x` spelling of other tools) are always variables. The other
 * scopes are Architect's built-in objects, matched with their exact capitalisation only, because lower-case
 * dotted keys (`call.reason`, `context.firstName` written by web chat) are common, legitimate key names.
 */
const USER_SCOPE = /^(?:flow|state|task)(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/i;
const BUILT_IN_SCOPE = new RegExp(`^(?:${BUILT_IN_SCOPES.join('|')})(?:\\.[A-Za-z_][A-Za-z0-9_]*)+$`);

export function looksLikeVariable(key: string): boolean {
  return USER_SCOPE.test(key) || BUILT_IN_SCOPE.test(key);
}

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
