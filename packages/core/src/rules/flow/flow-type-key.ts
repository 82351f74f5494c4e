import { flowModel } from '../../model/flow.js';
import { FLOW_TYPES, intendedFlowType } from '../../parse/detect-kind.js';
import { defineRule, ruleDocsUrl } from '../rule.js';

const id = 'flow/flow-type-key';

/**
 * An Archy flow file's one top-level key is its flow type (`inboundCall:`, `inqueueCall:`, `workflow:`), and
 * references spell it out (`/inboundCall/menus/menu[…]`). A key in the wrong case or misspelt is no flow type
 * to Archy, so the file does not publish, while a linter that keys on the exact names would pass it over unread.
 * The file is linted as the flow it was meant to be, and the key is reported here.
 */
export default defineRule({
  meta: {
    id,
    description: 'The top-level key of a flow file must be an Archy flow type, spelt and cased exactly (`inboundCall`, not `InboundCall`).',
    severity: 'error',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      wrongCase:
        '`{{key}}` is not an Archy flow type: flow types are case-sensitive, and this flow is `{{type}}`. Archy does not recognise the file as a flow, so it is not published; write `{{type}}`.',
      misspelt:
        '`{{key}}` is not an Archy flow type (did you mean `{{type}}`?). Archy does not recognise the file as a flow, so it is not published; the rest of the file was checked as `{{type}}`.',
      useType: 'Rename the key to `{{type}}`.',
    },
  },
  check(context) {
    const key = flowModel(context.file).typeKey;
    if (!key || typeof key.value !== 'string') return;
    const written = key.value;
    if ((FLOW_TYPES as readonly string[]).includes(written)) return; // quoted or not, YAML reads the same key
    const type = intendedFlowType(written);
    if (!type) return;
    // The quotes, if any, stay: only the name inside them changes.
    const quote = key.style === 'double' ? '"' : key.style === 'single' ? "'" : '';
    const edit = { range: key.range, text: `${quote}${type}${quote}` };
    if (type.toLowerCase() === written.toLowerCase()) {
      // Only the case differs and no two flow types differ only in case: the intended type is certain.
      context.report({ node: key, messageId: 'wrongCase', data: { key: written, type }, fix: edit });
    } else {
      context.report({ node: key, messageId: 'misspelt', data: { key: written, type }, suggest: [{ messageId: 'useType', data: { type }, fix: edit }] });
    }
  },
});
