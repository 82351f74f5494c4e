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
      invalid: 'The {{method}} request body is not valid JSON once Velocity references are filled in: {{problem}}.',
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
  context.report({
    range,
    messageId: 'invalid',
    data: { method: def.requestType ?? '', problem: error.message },
    suggest: suggestions(context.file, body, first.rendered, error),
  });
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
