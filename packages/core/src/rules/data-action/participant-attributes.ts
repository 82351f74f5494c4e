import { validateParticipantAttributes } from '@cxlint/schema/validators';
import type { TextEdit } from '../../diagnostics.js';
import { dataActionsOf, escapedText, participantAttributeEntries, renderedRange, templateText, wrapReference, type DataActionDef } from '../../model/data-actions.js';
import type { StubNode } from '../../model/stubbed-json.js';
import { isInputRef, JSON_ESCAPES } from '../../model/velocity.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'data-action/participant-attributes';

/**
 * PATCH /api/v2/conversations/{id}/participants/{pid}/attributes takes `{"attributes": {"key": "value"}}` with
 * string values (participant data is a string map). A number, boolean or object is rejected with 400; an
 * unescaped value breaks the JSON as soon as it holds a quote, a backslash or a line break — values are free text
 * (a customer's answer, a note), so that is the real risk, reported here rather than as data-action/json-escape's
 * warning. An unescaped templated key breaks the same way, but keys are names a flow chooses and rarely hold a
 * quote: that is hygiene, reported with `checkTemplatedKeys` (the `strict` preset).
 */
export default defineRule({
  meta: {
    id,
    description: 'Participant-attributes request bodies must have string values and escaped templated keys.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    schema: {
      type: 'object',
      properties: { checkTemplatedKeys: { type: 'boolean', description: 'Also report templated keys printed without $esc.jsonString.' } },
      additionalProperties: false,
    },
    defaultOptions: { checkTemplatedKeys: false },
    strictOptions: { checkTemplatedKeys: true },
    messages: {
      unescapedValue:
        'Participant attribute `{{key}}` takes its value from `{{ref}}` inside a JSON string without escaping; a `"`, `\\` or line break in `{{input}}` makes the PATCH body invalid JSON (400). Write `{{escaped}}`.',
      nonString: 'Participant attribute `{{key}}` has a {{type}} value; participant data values are strings, so the PATCH is rejected (400). Quote it.',
      nonStringLiteral: 'Participant attribute `{{key}}` has the value `{{text}}`; participant data values are strings, so the PATCH is rejected (400). Quote it.',
      unquotedRef:
        'Participant attribute `{{key}}` takes its value from `{{ref}}` without quotes; unless the input already holds a quoted JSON string the body is invalid or the value is not a string. Write `"{{escaped}}"`.',
      templatedKey:
        'The attribute key `{{ref}}` is templated without escaping; a `"` or `\\` in `{{input}}` breaks the request body. Write `{{escaped}}`.',
      shape: 'The participant-attributes body `attributes` is not an object; the API takes `{"attributes": {"key": "value"}}`.',
      quoteValue: 'Quote the value: `{{text}}`.',
      escapeRef: 'Use `{{text}}`.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  const body = def?.body;
  if (!def || !body) return;
  const found = participantAttributeEntries(def);
  if (!found) return;
  const { rendered, entries } = found;
  const range = (n: StubNode) => renderedRange(context.file, body, rendered, n.start, n.end);
  const checkKeys = context.options.checkTemplatedKeys === true;
  for (const e of entries) {
    const keyText = e.literalKey ?? templatedKeyText(body.text, rendered.stubs, e.key);
    // Templated keys: every reference in the key must go through $esc.jsonString (strict).
    for (let i = checkKeys ? e.key.start : e.key.end; i < e.key.end; i++) {
      const ref = rendered.stubs.get(i);
      if (!ref || (ref.call && JSON_ESCAPES.has(ref.call))) continue;
      const text = body.text.slice(ref.start, ref.end);
      context.report({
        range: renderedRange(context.file, body, rendered, i, i + 1),
        messageId: 'templatedKey',
        data: { ref: text, input: ref.path.join('.') || ref.root, escaped: escapedText('$esc.jsonString(', ref, text) },
        suggest: suggestion('escapeRef', { text: escapedText('$esc.jsonString(', ref, text) }, wrapReference(context.file, body, ref, '$esc.jsonString(')),
      });
    }
    const v = e.value;
    if (v.type === 'string') {
      // Inputs printed inside the value string: free text, escaped or the body breaks. The fix is certain.
      for (let i = v.start; i < v.end; i++) {
        const ref = rendered.stubs.get(i);
        if (!ref || ref.call || !isInputRef(ref)) continue;
        const text = body.text.slice(ref.start, ref.end);
        context.report({
          range: renderedRange(context.file, body, rendered, i, i + 1),
          messageId: 'unescapedValue',
          data: { key: keyText, ref: text, input: ref.path.join('.'), escaped: escapedText('$esc.jsonString(', ref, text) },
          fix: wrapReference(context.file, body, ref, '$esc.jsonString('),
        });
      }
    } else if (v.type === 'number' || v.type === 'literal' || v.type === 'object' || v.type === 'array') {
      const [a, b] = range(v);
      const original = context.text.slice(a, b);
      const suggest: SuggestionDescriptor[] = [];
      if (v.type === 'number' || v.type === 'literal') {
        // A number or `true`/`false`/`null` holds nothing to escape: only the quotes are written for the format.
        // Not inside `jsonencode({…})`: there the number is an HCL literal whose quoting is the author's edit.
        if (body.node.style !== 'jsonencode') suggest.push({ messageId: 'quoteValue', data: { text: `"${original}"` }, fix: { range: [a, b], text: templateText(body, `"${original}"`) } });
      }
      // `true`, `false` or `null` is shown as written; a number, object or array by its JSON type.
      if (v.type === 'literal') context.report({ range: [a, b], messageId: 'nonStringLiteral', data: { key: keyText, text: original }, suggest });
      else context.report({ range: [a, b], messageId: 'nonString', data: { key: keyText, type: v.type }, suggest });
    } else if (v.type === 'wild') {
      const ref = rendered.stubs.get(v.start);
      if (!ref || v.end - v.start !== 1) continue;
      const text = body.text.slice(ref.start, ref.end);
      const [a, b] = range(v);
      const fixed = `"${escapedText('$esc.jsonString(', ref, text)}"`;
      const edit: TextEdit = { range: [a, b], text: templateText(body, fixed) };
      context.report({ range: [a, b], messageId: 'unquotedRef', data: { key: keyText, ref: text, escaped: escapedText('$esc.jsonString(', ref, text) }, suggest: [{ messageId: 'escapeRef', data: { text: fixed }, fix: edit }] });
    }
  }
  // The rest of the shape (extra top-level members, `attributes` not an object) against the API's schema.
  const root = shapeOf(found.attributes, entries.length);
  if (root && !validateParticipantAttributes({ attributes: root }) && found.attributes.type !== 'wild') {
    context.report({ range: range(found.attributes), messageId: 'shape' });
  }
}

/** A templated key as written (`${input.key}`) when it is one reference, else `…`. */
function templatedKeyText(text: string, stubs: Map<number, { start: number; end: number }>, key: StubNode): string {
  const refs = new Set<{ start: number; end: number }>();
  for (let i = key.start; i < key.end; i++) {
    const r = stubs.get(i);
    if (r) refs.add(r);
  }
  const [only] = refs;
  return refs.size === 1 && key.end - key.start <= 3 ? text.slice(only.start, only.end) : '…';
}

/** A plain stand-in for `attributes` with string values, to check the container's shape only. */
function shapeOf(attributes: StubNode, count: number): unknown {
  if (attributes.type === 'wild') return undefined;
  if (attributes.type !== 'object') return attributes.type === 'string' ? 's' : [];
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
}

/** One suggestion, or none when its edit cannot be made in the source (inside `jsonencode({…})` punctuation). */
function suggestion(messageId: string, data: Record<string, string>, fix: TextEdit | TextEdit[] | undefined): SuggestionDescriptor[] {
  return fix ? [{ messageId, data, fix }] : [];
}
