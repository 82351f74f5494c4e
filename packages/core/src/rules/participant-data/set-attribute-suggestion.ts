import type { TextEdit } from '../../diagnostics.js';
import { yamlScalar } from '../../fix/yaml-edits.js';
import { callDataActions } from '../../model/call-data.js';
import { declaredVariables } from '../../model/flow-variables.js';
import { flowModel } from '../../model/flow.js';
import type { ParticipantAttribute } from '../../model/participant-data.js';
import { setAttributeActions, type SetAttributeAction } from '../../model/set-attribute-calls.js';
import type { FlowValue } from '../../model/values.js';
import { get, isSeq } from '../../parse/nodes.js';
import type { RuleContext, SuggestionDescriptor } from '../rule.js';

/**
 * Where a flow type keeps its conversation id. Only the built-ins the public Archy exports in the corpus use
 * (`Call.ConversationId`, `Message.ConversationId`); other flow types fall back to a declared variable.
 */
const CONVERSATION_ID: Record<string, string> = {
  inboundCall: 'Call.ConversationId',
  inqueueCall: 'Call.ConversationId',
  outboundCall: 'Call.ConversationId',
  secureCall: 'Call.ConversationId',
  inboundShortMessage: 'Message.ConversationId',
  inqueueShortMessage: 'Message.ConversationId',
};

/** Written in place of a category Terraform does not state: obviously not a real integration name. */
export const CATEGORY_PLACEHOLDER = '<data action category>';

/** A flow value as Archy writes it, `kind: text`; undefined when there is nothing to store. */
interface InputValue {
  kind: 'lit' | 'exp' | 'noValue';
  text?: string;
}

/** A variable the flow declares whose name (after its `Flow.`/`State.`/`Task.` prefix) is `name`, ignoring case. */
function declared(context: RuleContext, name: string): string | undefined {
  for (const v of declaredVariables(context.file).values()) if (v.name.split('.').pop()!.toLowerCase() === name.toLowerCase()) return v.name;
  return undefined;
}

function conversationId(context: RuleContext): string | undefined {
  const type = flowModel(context.file).flowType;
  return (type && Object.hasOwn(CONVERSATION_ID, type) ? CONVERSATION_ID[type] : undefined) ?? declared(context, 'conversationId');
}

/**
 * The customer's participant id. Architect has no built-in for it (the public blueprints look it up with a
 * "Get Customer Participant Id" data action), so only a variable the flow already fills is used: a Call Data
 * output named `…participantId` (`customerParticipantId: {var: Flow.pId}`), or a declared `participantId`
 * variable (a workflow input).
 */
function participantId(context: RuleContext): string | undefined {
  for (const call of callDataActions(context.file)) {
    for (const out of call.successOutputs) {
      if (out.name && /participantid$/i.test(out.name) && out.value?.kind === 'var' && out.value.text) return out.value.text;
    }
  }
  return declared(context, 'participantId');
}

/** The Set's value, carried over unchanged (an empty value stays empty: the suggestion changes how, not what). */
function valueOf(value: FlowValue | undefined): InputValue {
  if (!value || value.kind === 'noValue' || value.text === undefined) return { kind: 'noValue' };
  if (value.kind === 'exp' || value.kind === 'var') return { kind: 'exp', text: value.text };
  return { kind: 'lit', text: value.text };
}

function renderValue(v: InputValue): string {
  return v.kind === 'noValue' ? 'noValue: true' : `${v.kind}: ${yamlScalar(v.text!)}`;
}

/**
 * A suggestion replacing a one-attribute Set Participant Data action whose key is really dynamic with a Call
 * Data Action calling the project's Set-Participant-Attribute data action, inputs mapped by the roles its
 * request gives them. Nothing when the project has no such action, the action sets several attributes, or
 * its body is a flow-style map (a rewrite would have to reflow it).
 */
export function setAttributeActionSuggestion(context: RuleContext, attr: ParticipantAttribute, keyExpression: string): SuggestionDescriptor[] {
  if (attr.op !== 'set') return [];
  const actions = setAttributeActions(context.project);
  if (!actions.length) return [];
  const items = get(attr.action, 'attributes');
  if (!isSeq(items) || items.items.length !== 1 || attr.action.flow) return [];
  // Prefer an action whose category is known: the suggestion is then complete.
  const action = actions.find((a) => a.category !== undefined) ?? actions[0];
  const conv = conversationId(context);
  const pid = participantId(context);
  const missingInputs = [!conv && `\`${action.inputs.conversationId}\``, !pid && `\`${action.inputs.participantId}\``].filter(Boolean) as string[];
  const missingCategory = action.category === undefined;
  const edit = replaceWithCallData(context, attr, action, {
    conversationId: conv ? { kind: 'exp', text: conv } : { kind: 'noValue' },
    participantId: pid ? { kind: 'exp', text: pid } : { kind: 'noValue' },
    key: { kind: 'exp', text: keyExpression },
    value: valueOf(attr.value),
  });
  return [
    {
      // What is left for a person to fill in picks the sentence.
      messageId: missingCategory ? (missingInputs.length ? 'useSetAttributeActionFillInCategoryAnd' : 'useSetAttributeActionFillInCategory') : missingInputs.length ? 'useSetAttributeActionFillIn' : 'useSetAttributeAction',
      data: { action: action.name, inputs: missingInputs.join(' and ') },
      fix: edit,
    },
  ];
}

function replaceWithCallData(context: RuleContext, attr: ParticipantAttribute, action: SetAttributeAction, inputs: Record<keyof SetAttributeAction['inputs'], InputValue>): TextEdit {
  const src = context.file.source;
  const text = context.text;
  const pair = attr.actionPair;
  const keyColumn = src.positionAt(pair.key.range[0]).column;
  // The body's own indentation step (Archy exports use 2 below `- setParticipantData:`), kept for every level.
  const firstBodyKey = attr.action.pairs[0]?.key.range[0];
  const step = firstBodyKey === undefined ? 2 : Math.max(1, src.positionAt(firstBodyKey).column - keyColumn);
  const pad = (level: number) => ' '.repeat(keyColumn - 1 + step * level);
  const lines: [number, string][] = [[0, 'callData:']];
  if (attr.actionLabel !== undefined) lines.push([1, `name: ${yamlScalar(attr.actionLabel)}`]);
  lines.push([1, 'category:'], [2, `${yamlScalar(action.category ?? CATEGORY_PLACEHOLDER)}:`], [3, 'dataAction:'], [4, `${yamlScalar(action.name)}:`], [5, 'inputs:']);
  for (const role of ['conversationId', 'participantId', 'key', 'value'] as const) {
    lines.push([6, `${yamlScalar(action.inputs[role])}:`], [7, renderValue(inputs[role])]);
  }
  // The platform's standard failure outputs; mapped to nothing, they only make the failure path explicit.
  lines.push([5, 'failureOutputs:'], [6, 'errorCode:'], [7, 'noValue: true'], [6, 'status:'], [7, 'noValue: true']);
  lines.push([1, 'outputs:']);
  for (const outcome of ['success', 'failure', 'timeout']) lines.push([2, `${outcome}:`], [3, 'actions: []']);
  let end = pair.range[1];
  while (end > pair.key.range[0] && /\s/.test(text[end - 1])) end--;
  const body = lines.map(([level, line], i) => (i === 0 ? line : pad(level) + line)).join(src.eol);
  return { range: [pair.key.range[0], end], text: body };
}
