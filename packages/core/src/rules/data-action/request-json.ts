import type { TextEdit } from '../../diagnostics.js';
import { BODY_METHODS, bodyJson, sendsJson, templateRange, templateEdit, type TemplateField, dataActionsOf, type DataActionDef } from '../../model/data-actions.js';
import { parseStubbedJson, type StubError } from '../../model/stubbed-json.js';
import { renderTemplate, scanVelocity, type Rendered } from '../../model/velocity.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';

const id = 'data-action/request-json';

/**
 * A POST/PUT/PATCH body is sent as `application/json`. If the template cannot produce valid JSON (a missing
 * comma, a trailing comma, a raw line break inside a string) every call fails with 400, and Architect only
 * shows the generic failure path.
 */
export default defineRule({
  meta: {
    id,
    description: 'The request body of POST/PUT/PATCH data actions must be valid JSON once Velocity references are filled in.',
    severity: 'error',
    kinds: ['data-action', 'terraform'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      invalidUnicodeEscape: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a `\\u` escape in a string is not followed by four hex digits.',
      invalidEscape: 'The {{method}} request body is not valid JSON once Velocity references are filled in: `\\{{escape}}` in a string is not a JSON escape.',
      rawLineBreak: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a string holds a raw line break (write `\\n`).',
      rawControlChar: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a string holds a raw control character.',
      unterminatedString: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a string is never closed.',
      expectedValue: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a JSON value was expected where `{{found}}` is.',
      expectedValueAtEnd: 'The {{method}} request body is not valid JSON once Velocity references are filled in: the body ends where a JSON value was expected.',
      expectedColon: 'The {{method}} request body is not valid JSON once Velocity references are filled in: `:` was expected after the property name, where `{{found}}` is.',
      expectedColonAtEnd: 'The {{method}} request body is not valid JSON once Velocity references are filled in: the body ends where `:` was expected after the property name.',
      trailingCommaObject: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a trailing comma comes before `}`.',
      expectedPropertyName: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a property name in double quotes was expected where `{{found}}` is.',
      expectedPropertyNameAtEnd: 'The {{method}} request body is not valid JSON once Velocity references are filled in: the body ends where a property name in double quotes was expected.',
      missingCommaProperties: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a comma is missing between two properties.',
      expectedCommaOrBrace: 'The {{method}} request body is not valid JSON once Velocity references are filled in: `,` or `}` was expected after a property, where `{{found}}` is.',
      expectedCommaOrBraceAtEnd: 'The {{method}} request body is not valid JSON once Velocity references are filled in: the body ends where `,` or `}` was expected after a property.',
      trailingCommaArray: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a trailing comma comes before `]`.',
      missingCommaElements: 'The {{method}} request body is not valid JSON once Velocity references are filled in: a comma is missing between two array elements.',
      expectedCommaOrBracket: 'The {{method}} request body is not valid JSON once Velocity references are filled in: `,` or `]` was expected after an element, where `{{found}}` is.',
      expectedCommaOrBracketAtEnd: 'The {{method}} request body is not valid JSON once Velocity references are filled in: the body ends where `,` or `]` was expected after an element.',
      unexpectedAfterBody: 'The {{method}} request body is not valid JSON once Velocity references are filled in: `{{found}}` follows the end of the JSON body.',
      insertComma: 'Insert the missing comma.',
      removeComma: 'Remove the trailing comma.',
      escapeControl: 'Write the line break as `\\n`.',
    },
  },
  check(context) {
    // Exported JSON or Terraform HCL: one model (model/data-actions.ts), positions in the file's own syntax.
    for (const def of dataActionsOf(context.file)) checkAction(context, def);
  },
});

function checkAction(context: RuleContext, def: DataActionDef): void {
  const body = def?.body;
  if (!def || !body || !BODY_METHODS.has(def.requestType ?? '') || !sendsJson(def)) return;
  // `%{ for … }` or `${var.x}` in HCL: Terraform writes part of the body at apply time, so its JSON is unknowable here.
  if (body.terraformTemplate) return;
  const json = bodyJson(body);
  if (json.parsed) return;
  const first = json.variants[0];
  if (first.parse.ok) return;
  const error = first.parse.error;
  const at = first.rendered.map[Math.min(error.index, first.rendered.map.length - 1)];
  const range = templateRange(context.file, body, at, Math.min(at + 1, body.text.length));
  const { messageId, data } = problemMessage(error);
  context.report({
    range,
    messageId,
    data: { method: def.requestType ?? '', ...data },
    suggest: suggestions(context.file, body, first.rendered, error),
  });
}

/** The whole-sentence message for what the JSON scan found wrong (`found` is shown as code, or the body ended). */
function problemMessage(error: StubError): { messageId: string; data: Record<string, string> } {
  const id = error.problem.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  if (error.problem === 'invalid-escape') return { messageId: id, data: { escape: error.found ?? '' } };
  if (!id.startsWith('expected') && id !== 'unexpectedAfterBody') return { messageId: id, data: {} };
  return error.found === undefined ? { messageId: `${id}AtEnd`, data: {} } : { messageId: id, data: { found: error.found } };
}

function suggestions(file: Parameters<typeof templateRange>[0], body: TemplateField, rendered: Rendered, error: StubError): SuggestionDescriptor[] {
  let candidate: { messageId: string; templateEdit: [number, number, string] } | undefined;
  if (error.kind === 'missing-comma') {
    const at = rendered.map[error.index - 1] + 1;
    candidate = { messageId: 'insertComma', templateEdit: [at, at, ','] };
  } else if (error.kind === 'trailing-comma') {
    const at = rendered.map[error.index];
    candidate = { messageId: 'removeComma', templateEdit: [at, at + 1, ''] };
  } else if (error.kind === 'control-char') {
    const at = rendered.map[error.index];
    if (body.text[at] === '\n') candidate = { messageId: 'escapeControl', templateEdit: [at, at + 1, '\\n'] };
  }
  if (!candidate) return [];
  const [a, b, text] = candidate.templateEdit;
  // Offer it only when it gets the parser past this error (the corrected body may still have others).
  const corrected = body.text.slice(0, a) + text + body.text.slice(b);
  const after = parseStubbedJson(renderTemplate(corrected, scanVelocity(corrected), 'first').text);
  if (!after.ok && after.error.index <= error.index && after.error.kind === error.kind) return [];
  const fix = templateEdit(file, body, a, b, text);
  if (!fix) return [];
  return [{ messageId: candidate.messageId, fix }];
}
