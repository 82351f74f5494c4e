import { participantAttributes, type ParticipantAttribute } from '../../model/participant-data.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';
import { closestKey } from '../closest-name.js';
import { flowScope } from '../../model/flow-scope.js';
import { isEmptyValue, moveIntoValueEdits, renameKeyEdits } from './key-fixes.js';
import { setAttributeActionSuggestion } from './set-attribute-suggestion.js';
import { constantString, isArchitectReference, keyFromExpression, keyFromTemplate, templateParts, toFlowExpression } from '../../model/participant-key-parts.js';
import { knownKeys, undeclaredTemplates } from '../../model/participant-keys.js';

const id = 'participant-data/literal-key';

/**
 * Set/Get Participant Data attribute names must be string literals (Genesys help: "assign a string literal
 * attribute name"). An expression, variable or template key passes review, then the platform rejects the flow
 * (HTTP 400 on the schema) or downstream readers get an empty object.
 *
 * Only a constant expression (`exp: "customerId"`, `Append("Account", "Type")`) has a certain fix. Every other
 * literal key is a name a person has to choose (people fixing `{{flow.input.userSessionId}}` by hand pick
 * `sessionRef` as often as `userSessionId`), so it is offered as a suggestion, never applied by `--fix`.
 */
export default defineRule({
  meta: {
    id,
    description: 'Participant data attribute names must be literal strings, not expressions, variables or templates.',
    severity: 'error',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      constantKey:
        '{{op}} Participant Data attribute name is the constant expression `{{text}}`; attribute names must be literal strings. Write the literal key `{{key}}`.',
      // One messageId per sentence: the kind of key (an expression is `dynamicKey`), and whether a literal key can
      // be proposed, pick the message.
      dynamicKey:
        '{{op}} Participant Data attribute name is the expression `{{text}}`; attribute names must be literal strings. Choose a literal key (for example `{{example}}`) and put the dynamic part in the value; for a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes).',
      dynamicKeyNoExample:
        '{{op}} Participant Data attribute name is the expression `{{text}}`; attribute names must be literal strings. Choose a literal key and put the dynamic part in the value; for a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes).',
      variableKey:
        '{{op}} Participant Data attribute name is the variable `{{text}}`; attribute names must be literal strings. Choose a literal key (for example `{{example}}`) and put the dynamic part in the value; for a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes).',
      variableKeyNoExample:
        '{{op}} Participant Data attribute name is the variable `{{text}}`; attribute names must be literal strings. Choose a literal key and put the dynamic part in the value; for a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes).',
      templateKey:
        '{{op}} Participant Data attribute name `{{text}}` contains the template `{{template}}`, which is not a declared substitution, so it is stored literally (braces and all). Choose a literal key (for example `{{example}}`) and put the dynamic part in the value.',
      templateKeyNoExample:
        '{{op}} Participant Data attribute name `{{text}}` contains the template `{{template}}`, which is not a declared substitution, so it is stored literally (braces and all). Choose a literal key and put the dynamic part in the value.',
      unfilledTemplateKey:
        '{{op}} Participant Data attribute name `{{text}}` contains the template `{{template}}`, which the deployment does not fill in (no such substitution), so it is stored literally (braces and all). Choose a literal key (for example `{{example}}`) and put the dynamic part in the value.',
      unfilledTemplateKeyNoExample:
        '{{op}} Participant Data attribute name `{{text}}` contains the template `{{template}}`, which the deployment does not fill in (no such substitution), so it is stored literally (braces and all). Choose a literal key and put the dynamic part in the value.',
      emptyKey: '{{op}} Participant Data attribute name is empty; the action takes its error path at run time.',
      useLiteralKey: 'Use the literal key `{{key}}`.',
      useLiteralKeyKeepValue: 'Use the literal key `{{key}}` and keep the current value.',
      useLiteralKeyStoreValue: 'Use the literal key `{{key}}` and store `{{value}}` as its value.',
      useLiteralKeySetValue: 'Use the literal key `{{key}}` (then set its value).',
      useSubstitution: 'Use the declared substitution `{{closest}}`.',
      useSetAttributeAction: 'Keep the key dynamic: call the data action `{{action}}` (PATCH …/participants/{pid}/attributes) instead.',
      useSetAttributeActionFillIn: 'Keep the key dynamic: call the data action `{{action}}` (PATCH …/participants/{pid}/attributes) instead (then fill in {{inputs}}).',
      useSetAttributeActionFillInCategory: 'Keep the key dynamic: call the data action `{{action}}` (PATCH …/participants/{pid}/attributes) instead (then fill in the category).',
      useSetAttributeActionFillInCategoryAnd: 'Keep the key dynamic: call the data action `{{action}}` (PATCH …/participants/{pid}/attributes) instead (then fill in the category and {{inputs}}).',
    },
  },
  check(context) {
    for (const attr of participantAttributes(context.file)) checkAttribute(context, attr);
  },
});

const OP = { set: 'Set', get: 'Get' } as const;

/** What the rule knows about a bad key: a guessed literal, and the dynamic part as an Architect expression. */
interface BadKey {
  /** The message with a proposed literal key (`example`) and the one without. */
  messageIds: { example: string; noExample: string };
  data: Record<string, string>;
  /** The literal key a person most likely means; a guess, so only ever suggested. */
  guess: string | undefined;
  /** The dynamic part as an Architect expression (`Flow.userSessionId`), when there is one. */
  dynamic: string | undefined;
  /** The whole key is that expression: it is the dynamic key the Set-Participant-Attribute call would take. */
  wholeKey: boolean;
  /** The key is an expression or a variable (not a template in a literal). */
  dynamicKey?: boolean;
  /** For templates: the declared substitution the template most likely meant. */
  closestSubstitution?: { closest: string; range: [number, number] };
}

function checkAttribute(context: RuleContext, attr: ParticipantAttribute): void {
  const name = attr.name;
  if (!name || !attr.namePair) return;
  const op = OP[attr.op];
  if (name.kind === 'noValue') {
    context.report({ node: name.node, messageId: 'emptyKey', data: { op } });
    return;
  }
  const node = name.scalar ?? name.node;
  if ((name.kind === 'lit' || name.kind === 'bare') && name.scalar) {
    const text = name.text ?? '';
    if (text.trim() === '') {
      context.report({ node: name.scalar, messageId: 'emptyKey', data: { op } });
      return;
    }
    const parts = undeclaredTemplates(context.project, context.file, text);
    if (parts.length === 0) return;
    const last = parts[parts.length - 1];
    // `{{flow.input.x}}` means `Flow.x`; a Velocity `${input.x}` has no Architect equivalent to move into the value.
    const dynamic = toFlowExpression(last.inner);
    const template = text.slice(parts[0].start, parts[0].end);
    const { names, known } = context.project.substitutionsFor(context.file);
    const closest = parts[0].syntax === 'braces' && known ? closestKey(parts[0].inner, names) : undefined;
    const guess = keyFromTemplate(text, parts);
    report(context, attr, node, {
      messageIds: known ? { example: 'unfilledTemplateKey', noExample: 'unfilledTemplateKeyNoExample' } : { example: 'templateKey', noExample: 'templateKeyNoExample' },
      data: { op, text, template },
      guess,
      dynamic: isArchitectReference(dynamic) ? dynamic : undefined,
      wholeKey: parts.length === 1 && template === text.trim(),
      closestSubstitution: closest && parts.length === 1 && name.scalar.value === text ? { closest: `{{${closest}}}`, range: substitutionRange(context, name.scalar.range, template) } : undefined,
    });
    return;
  }
  if ((name.kind === 'exp' || name.kind === 'var') && name.text !== undefined) {
    const constant = name.kind === 'exp' ? constantString(name.text) : undefined;
    if (constant !== undefined && constant.trim() !== '') {
      // Certain: the platform would always use this very string. The value is left as it is.
      const edits = renameKeyEdits(attr, constant);
      context.report({ node, messageId: 'constantKey', data: { op, text: name.text, key: constant }, fix: edits, suggest: [{ messageId: 'useLiteralKeyKeepValue', data: { key: constant }, fix: edits }] });
      return;
    }
    report(context, attr, node, {
      messageIds: name.kind === 'exp' ? { example: 'dynamicKey', noExample: 'dynamicKeyNoExample' } : { example: 'variableKey', noExample: 'variableKeyNoExample' },
      data: { op, text: name.text },
      dynamicKey: true,
      guess: keyFromExpression(name.text),
      dynamic: name.text,
      wholeKey: true,
    });
  }
}

/** The range of `template` inside the key's scalar (a quoted or plain scalar; the first occurrence). */
function substitutionRange(context: RuleContext, scalar: [number, number], template: string): [number, number] {
  const at = context.text.indexOf(template, scalar[0]);
  return at === -1 || at >= scalar[1] ? scalar : [at, at + template.length];
}

/**
 * Reports a bad key with suggestions only: each proposes a name or a call a person has to confirm. Where the
 * key is really dynamic and the Set already has a value, keeping the key dynamic (the data action) leads;
 * where the value is empty, the usual intent is "store X under a fixed key", so the rename leads. No suggestion
 * may leave the flow with a new finding: a moved value must be a variable the flow has, a renamed Get must read
 * a key something sets.
 */
function report(context: RuleContext, attr: ParticipantAttribute, node: NonNullable<ParticipantAttribute['name']>['node'], bad: BadKey): void {
  const scope = flowScope(context.file);
  // Every Flow./State./Task. variable the expression reads is one the flow declares or writes.
  const usable = (expr: string) => [...expr.matchAll(/(?<![\w.$])(flow|state|task)\.([A-Za-z_]\w*)/gi)].every((m) => scope.knows(`${m[1]}.${m[2]}`));
  const suggest: SuggestionDescriptor[] = [];
  const dataAction = bad.wholeKey && bad.dynamic !== undefined && (bad.dynamicKey || usable(bad.dynamic)) ? setAttributeActionSuggestion(context, attr, bad.dynamic) : [];
  let example = bad.guess;
  if (bad.closestSubstitution) suggest.push({ messageId: 'useSubstitution', data: { closest: bad.closestSubstitution.closest }, fix: { range: bad.closestSubstitution.range, text: bad.closestSubstitution.closest } });
  if (attr.op === 'get') {
    // A Get renamed to a key nothing sets reads nothing: only a key the project sets is worth proposing.
    const set = knownKeys(context.project);
    const key = bad.guess && (set.has(bad.guess) ? bad.guess : closestKey(bad.guess, set));
    example = key ?? bad.guess;
    if (key) suggest.push({ messageId: 'useLiteralKey', data: { key }, fix: renameKeyEdits(attr, key) });
  } else if (bad.guess) {
    const key = bad.guess;
    if (!isEmptyValue(attr.value)) {
      suggest.push(...dataAction, { messageId: 'useLiteralKeyKeepValue', data: { key }, fix: renameKeyEdits(attr, key) });
    } else if (bad.dynamic !== undefined && isArchitectReference(bad.dynamic) && usable(bad.dynamic)) {
      suggest.push({ messageId: 'useLiteralKeyStoreValue', data: { key, value: bad.dynamic }, fix: moveIntoValueEdits(context, attr, key, bad.dynamic) }, ...dataAction);
    } else {
      // Nothing the flow has to store: a person says what the value is.
      suggest.push({ messageId: 'useLiteralKeySetValue', data: { key }, fix: renameKeyEdits(attr, key) }, ...dataAction);
    }
  } else suggest.push(...dataAction);
  if (example) context.report({ node, messageId: bad.messageIds.example, data: { ...bad.data, example }, suggest });
  else context.report({ node, messageId: bad.messageIds.noExample, data: bad.data, suggest });
}
