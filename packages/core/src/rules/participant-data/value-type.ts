import { replaceFlowValue } from '../../fix/yaml-edits.js';
import { declaredVariables } from '../../model/flow-variables.js';
import { flowModel } from '../../model/flow.js';
import { participantAttributes } from '../../model/participant-data.js';
import { defineRule, ruleDocsUrl } from '../rule.js';
import { isReference } from '../../model/participant-key-parts.js';

const id = 'participant-data/value-type';

/** Participant data values are strings. Types Architect's `ToString(...)` turns into one. */
const TO_STRING_TYPES = new Set(['integer', 'decimal', 'boolean', 'date', 'dateTime', 'time', 'duration', 'currency']);
/**
 * Types whose text has one obvious form, so `ToString(...)` is a certain fix. A date, time, duration or currency
 * has several (ToString's, ToDisplayString's, a custom format): which one downstream readers expect is the
 * author's choice, so for those `ToString(...)` is a suggestion.
 */
const PLAIN_TEXT_TYPES = new Set(['integer', 'decimal', 'boolean']);

/** Unverified platform limit (no public number found for voice and digital flows): see the rule's doc. */
export const DEFAULT_MAX_VALUE_LENGTH = 2000;

/**
 * Bot flows: "The maximum length of an attribute value is 256 characters" (Genesys help, "Set Participant Data
 * action", notes for bot flows). A longer value closes the bot session down the error path.
 */
export const BOT_MAX_VALUE_LENGTH = 256;
const BOT_FLOW_TYPES = new Set(['bot', 'digitalBot', 'voiceBot']);

export default defineRule({
  meta: {
    id,
    description: 'Set Participant Data values must be strings: convert non-string variables with ToString(...), quote non-string literals, keep literals short.',
    severity: 'warn',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxValueLength: { type: 'integer', minimum: 1 } },
    },
    defaultOptions: { maxValueLength: DEFAULT_MAX_VALUE_LENGTH },
    messages: {
      notString:
        'Set Participant Data value `{{expression}}` is of type {{type}}; participant data values are strings. Wrap it in `ToString({{expression}})`.',
      notStringNoConversion:
        'Set Participant Data value `{{expression}}` is of type {{type}}; participant data values are strings. Convert it to a string expression first.',
      wrapToString: 'Wrap it in `ToString({{expression}})` (or convert it in the format its readers expect).',
      literalNotString: 'Set Participant Data literal value `{{text}}` is a {{type}}, not a string; quote it so it is stored as the text "{{text}}".',
      tooLong: 'Set Participant Data literal value is {{length}} characters long, over {{max}} (maxValueLength); long values risk being rejected or cut. Store a reference (an id) instead.',
      tooLongForBot:
        'Set Participant Data literal value is {{length}} characters long; in a bot flow an attribute value may be at most 256 characters, and a longer one ends the bot session on its error path. Store a reference (an id) instead.',
    },
  },
  check(context) {
    const maxValueLength = Number(context.options.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH);
    const bot = BOT_FLOW_TYPES.has(flowModel(context.file).flowType ?? '');
    const variables = declaredVariables(context.file);
    for (const attr of participantAttributes(context.file)) {
      const value = attr.value;
      if (attr.op !== 'set' || !value?.scalar) continue;
      const scalar = value.scalar;
      if (value.kind === 'exp' || value.kind === 'var') {
        const expression = value.text?.trim();
        if (!expression || !isReference(expression)) continue;
        const declared = variables.get(expression.toLowerCase());
        if (!declared || declared.type === 'string') continue;
        if (!declared.isCollection && TO_STRING_TYPES.has(declared.type)) {
          const toString = replaceFlowValue(value, 'exp', `ToString(${expression})`);
          const certain = PLAIN_TEXT_TYPES.has(declared.type);
          context.report({
            node: scalar,
            messageId: 'notString',
            data: { expression, type: declared.type },
            fix: certain ? toString : undefined,
            suggest: certain ? [] : [{ messageId: 'wrapToString', data: { expression }, fix: toString }],
          });
        } else {
          context.report({ node: scalar, messageId: 'notStringNoConversion', data: { expression, type: declared.type } });
        }
        continue;
      }
      if (value.kind !== 'lit' && value.kind !== 'bare') continue;
      if (typeof scalar.value === 'number' || typeof scalar.value === 'boolean') {
        const text = context.text.slice(scalar.range[0], scalar.range[1]);
        context.report({
          node: scalar,
          messageId: 'literalNotString',
          data: { text, type: typeof scalar.value },
          // Quote the text as written (`5.50` stays `"5.50"`, not the number's `5.5`).
          fix: { range: scalar.range, text: JSON.stringify(text) },
        });
      } else if (bot && typeof scalar.value === 'string' && scalar.value.length > Math.min(BOT_MAX_VALUE_LENGTH, maxValueLength)) {
        context.report({ node: scalar, messageId: 'tooLongForBot', data: { length: scalar.value.length } });
      } else if (typeof scalar.value === 'string' && scalar.value.length > maxValueLength) {
        context.report({ node: scalar, messageId: 'tooLong', data: { length: scalar.value.length, max: maxValueLength } });
      }
    }
  },
});
