import type { TextEdit } from '../../diagnostics.js';
import { insertFlowValuePair, replaceFlowValue } from '../../fix/yaml-edits.js';
import type { ParticipantAttribute } from '../../model/participant-data.js';
import type { FlowValue } from '../../model/values.js';
import type { RuleContext } from '../rule.js';

/** A Set value the platform would store as nothing: missing, `noValue: true`, or an empty literal. */
export function isEmptyValue(value: FlowValue | undefined): boolean {
  return !value || value.kind === 'noValue' || ((value.kind === 'lit' || value.kind === 'bare') && !value.text);
}

/** Edits that rename an attribute's key to the literal `key`, touching only the key and its scalar. */
export function renameKeyEdits(attr: ParticipantAttribute, key: string): TextEdit[] {
  return replaceFlowValue(attr.name!, 'lit', key);
}

/**
 * Edits that rename the key and store `expression` as the Set action's value, for an attribute whose value is
 * empty: the usual intent ("store the session id") made valid. The value pair is added when it is missing.
 */
export function moveIntoValueEdits(context: RuleContext, attr: ParticipantAttribute, key: string, expression: string): TextEdit[] {
  const edits = renameKeyEdits(attr, key);
  if (attr.value && attr.valuePair) edits.push(...replaceFlowValue(attr.value, 'exp', expression));
  else edits.push(insertFlowValuePair(context.file.source, attr.attribute, attr.namePair!, 'value', 'exp', expression));
  return edits;
}
