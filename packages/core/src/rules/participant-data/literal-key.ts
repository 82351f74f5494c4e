import type { TextEdit } from '../../diagnostics.js';
import { participantAttributes, type ParticipantAttribute } from '../../model/participant-data.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';
import { isEmptyValue, moveIntoValueEdits, renameKeyEdits } from './key-fixes.js';
import { setAttributeActionSuggestion } from './set-attribute-suggestion.js';
import { isArchitectReference, keyFromExpression, keyFromTemplate, templateParts, toFlowExpression, type TemplatePart } from './key-parts.js';
import type { Project } from '../../model/project.js';
import type { ParsedFile } from '../../parse/parse-file.js';

const id = 'participant-data/literal-key';

/**
 * Set/Get Participant Data attribute names must be string literals (Genesys help: "assign a string literal
 * attribute name"). An expression, variable or template key passes review, then the platform rejects the flow
 * (HTTP 400 on the schema) or downstream readers get an empty object.
 */
export default defineRule({
  meta: {
    id,
    description: 'Participant data attribute names must be literal strings, not expressions, variables or templates.',
    severity: 'error',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      dynamicKey:
        '{{op}} Participant Data attribute name is {{what}} `{{text}}`; attribute names must be literal strings. Use the literal key `{{key}}` and put the dynamic part in the value. For a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{id}/participants/{pid}/attributes).',
      templateKey:
        '{{op}} Participant Data attribute name `{{text}}` contains the template `{{template}}`, which is not a declared substitution, so it is stored literally (braces and all). Use the literal key `{{key}}` and put the dynamic part in the value.',
      emptyKey: '{{op}} Participant Data attribute name is empty; the action takes its error path at run time.',
      useLiteralKey: 'Use the literal key `{{key}}`{{valueNote}}.',
      useSetAttributeAction: 'Keep the key dynamic: call the data action `{{action}}` (PATCH …/participants/{pid}/attributes) instead{{todo}}.',
    },
  },
  check(context) {
    for (const attr of participantAttributes(context.file)) checkAttribute(context, attr);
  },
});

const OP = { set: 'Set', get: 'Get' } as const;
/** Passed as the value expression when the key is constant: renaming alone is the whole, safe fix. */
const KEEP_VALUE = null;

/** The `{{…}}`/`${…}` parts of a literal key that deployment does not fill in (declared substitutions are fine). */
function undeclaredTemplates(project: Project, file: ParsedFile, text: string): TemplatePart[] {
  const declared = project.substitutionsFor(file).names;
  return templateParts(text).filter((p) => !(p.syntax === 'braces' && declared.has(p.inner)));
}

/**
 * The literal key a dynamic Set/Get key was most likely meant to be (`{{flow.input.userSessionId}}` →
 * `userSessionId`), or undefined when the key is already literal. read-never-set uses it to explain a read
 * whose only writer has this rule's bug.
 */
export function intendedKey(project: Project, attr: ParticipantAttribute): string | undefined {
  const name = attr.name;
  if (!name || name.text === undefined) return undefined;
  if (name.kind === 'exp' || name.kind === 'var') return keyFromExpression(name.text);
  if (name.kind !== 'lit' && name.kind !== 'bare') return undefined;
  const parts = undeclaredTemplates(project, attr.file, name.text);
  return parts.length ? keyFromTemplate(name.text, parts) : undefined;
}

function checkAttribute(context: RuleContext, attr: ParticipantAttribute): void {
  const name = attr.name;
  if (!name || !attr.namePair) return;
  const op = OP[attr.op];
  if (name.kind === 'noValue') {
    context.report({ node: name.node, messageId: 'emptyKey', data: { op } });
    return;
  }
  if ((name.kind === 'lit' || name.kind === 'bare') && name.scalar) {
    const text = name.text ?? '';
    if (text.trim() === '') {
      context.report({ node: name.scalar, messageId: 'emptyKey', data: { op } });
      return;
    }
    const parts = undeclaredTemplates(context.project, context.file, text);
    if (parts.length === 0) return;
    const key = keyFromTemplate(text, parts);
    // `{{flow.input.x}}` means `Flow.x`; a Velocity `${input.x}` has no Architect equivalent to move into the value.
    const dynamic = toFlowExpression(parts[parts.length - 1].inner);
    const template = text.slice(parts[0].start, parts[0].end);
    // The whole key is one template naming a flow value: that value is the dynamic key.
    const whole = parts.length === 1 && template === text.trim() && isArchitectReference(dynamic) ? dynamic : undefined;
    report(context, attr, 'templateKey', { op, text, template, key: key ?? '' }, key, isArchitectReference(dynamic) ? dynamic : undefined, whole);
    return;
  }
  if ((name.kind === 'exp' || name.kind === 'var') && name.text !== undefined) {
    const key = keyFromExpression(name.text);
    const what = name.kind === 'exp' ? 'the expression' : 'the variable';
    // `exp: "customerId"` is a constant: the key is that string, and the value has nothing to gain from it.
    const constant = name.kind === 'exp' && /^"[^"]*"$/.test(name.text.trim());
    report(context, attr, 'dynamicKey', { op, what, text: name.text, key: key ?? '' }, key, constant ? KEEP_VALUE : toFlowExpression(name.text), constant ? undefined : name.text);
  }
}

function report(
  context: RuleContext,
  attr: ParticipantAttribute,
  messageId: string,
  data: Record<string, string>,
  key: string | undefined,
  /**
   * What to store as the value when the Set's value is empty; undefined when there is no safe expression,
   * KEEP_VALUE when the key is constant and the value should stay as it is.
   */
  valueExpression: string | undefined | typeof KEEP_VALUE,
  /** The key as an Architect expression when it really is dynamic (for the Set-Participant-Attribute suggestion). */
  keyExpression?: string,
): void {
  const node = attr.name!.scalar ?? attr.name!.node;
  const dataAction = keyExpression === undefined ? [] : setAttributeActionSuggestion(context, attr, keyExpression);
  if (!key) {
    context.report({ node, messageId, data, suggest: dataAction });
    return;
  }
  let edits: TextEdit[] = renameKeyEdits(attr, key);
  let valueNote = '';
  let safe = true;
  if (attr.op === 'set') {
    if (!isEmptyValue(attr.value) || valueExpression === KEEP_VALUE) valueNote = ' and keep the current value';
    else if (valueExpression !== undefined) {
      edits = moveIntoValueEdits(context, attr, key, valueExpression);
      valueNote = ` and store \`${valueExpression}\` as its value`;
    } else {
      // Renaming alone would store an empty value: a person has to say what the value is.
      valueNote = ' (then set its value)';
      safe = false;
    }
  }
  const suggest: SuggestionDescriptor[] = [{ messageId: 'useLiteralKey', data: { key, valueNote }, fix: edits }, ...dataAction];
  context.report({ node, messageId, data, fix: safe ? edits : undefined, suggest });
}
