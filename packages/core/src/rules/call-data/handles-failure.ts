import type { TextEdit } from '../../diagnostics.js';
import { callDataActions, outcomeHasActions, type CallDataAction } from '../../model/call-data.js';
import { defineRule, ruleDocsUrl, type RuleContext, type SuggestionDescriptor } from '../rule.js';
import { variableReferences } from '../../model/flow-scope.js';
import type { ParsedFile } from '../../parse/parse-file.js';
import type { Range } from '../../parse/nodes.js';

const id = 'call-data/handles-failure';

/**
 * A data action fails (4xx/5xx, bad response) or times out more often than people expect. With no actions on
 * its failure or timeout path, the flow just continues as if it had succeeded, with every output still
 * NOT_SET: callers get routed on empty data. That only matters when something reads an output, so calls whose
 * success outputs are all `noValue: true` (fire-and-forget) or whose output variables nothing in the flow reads
 * are skipped unless `checkFireAndForget` is set (the `strict` preset).
 */
export default defineRule({
  meta: {
    id,
    description: 'Call Data Actions whose outputs are used must handle the failure and timeout paths.',
    severity: 'warn',
    kinds: ['flow'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      // Which paths are empty, and whether the outputs are named, pick the sentence.
      unhandled:
        'Call Data Action `{{label}}` has no actions on its failure and timeout paths: on failure or timeout the flow skips the success path and carries on after the action with {{outputs}} NOT_SET.',
      unhandledAnyOutput:
        'Call Data Action `{{label}}` has no actions on its failure and timeout paths: on failure or timeout the flow skips the success path and carries on after the action with its outputs NOT_SET.',
      unhandledFailure:
        'Call Data Action `{{label}}` has no actions on its failure path: on failure the flow skips the success path and carries on after the action with {{outputs}} NOT_SET.',
      unhandledFailureAnyOutput:
        'Call Data Action `{{label}}` has no actions on its failure path: on failure the flow skips the success path and carries on after the action with its outputs NOT_SET.',
      unhandledTimeout:
        'Call Data Action `{{label}}` has no actions on its timeout path: on timeout the flow skips the success path and carries on after the action with {{outputs}} NOT_SET.',
      unhandledTimeoutAnyOutput:
        'Call Data Action `{{label}}` has no actions on its timeout path: on timeout the flow skips the success path and carries on after the action with its outputs NOT_SET.',
      reuseFailure: 'Handle timeout like failure (copy the failure actions).',
    },
    schema: {
      type: 'object',
      properties: { checkFireAndForget: { type: 'boolean', description: 'Also check actions without success outputs.' } },
      additionalProperties: false,
    },
    defaultOptions: { checkFireAndForget: false },
    strictOptions: { checkFireAndForget: true },
  },
  check(context) {
    const all = context.options.checkFireAndForget === true;
    const read = readVariables(context.file);
    for (const call of callDataActions(context.file)) {
      // The outputs something reads: a variable (`var: Flow.x`) read by an expression elsewhere in the flow. A
      // read inside this call's own success path does not count: that path runs only when the outputs are set
      // (a design that derives a flag there and keeps its default on failure falls through on purpose).
      const success = call.outcomes.success?.range;
      const readOutside = (name: string) =>
        (read.get(name) ?? []).some(([a, b]) => !success || a < success[0] || b > success[1]);
      const used = call.successOutputs.filter((o) => o.value?.kind === 'var' && o.value.text !== undefined && readOutside(o.value.text.trim().toLowerCase()));
      if (!all && used.length === 0) continue;
      const failure = outcomeHasActions(call, 'failure');
      const timeout = outcomeHasActions(call, 'timeout');
      if (failure && timeout) continue;
      const outputs = (all ? call.successOutputs : used).map((o) => `\`${o.name ?? String(o.key.value)}\``);
      context.report({
        node: call.actionKey,
        messageId: `unhandled${failure ? 'Timeout' : timeout ? 'Failure' : ''}${outputs.length ? '' : 'AnyOutput'}`,
        data: { label: call.label ?? 'callData', outputs: outputs.slice(0, 5).join(', ') + (outputs.length > 5 ? ', …' : '') },
        suggest: failure && !timeout ? copyFailureToTimeout(context, call) : [],
        // Every finding flags a `callData` key: the action's name tells them apart.
        ...(call.label ? { identity: call.label } : {}),
      });
    }
  },
});

/** `Flow.x` (lower-cased) → where expressions in the flow read it. */
function readVariables(file: ParsedFile): Map<string, Range[]> {
  const out = new Map<string, Range[]>();
  for (const r of variableReferences(file)) {
    if (r.kind !== 'exp') continue;
    const key = r.canonical.toLowerCase();
    const at = out.get(key);
    if (at) at.push(r.range);
    else out.set(key, [r.range]);
  }
  return out;
}

/** Timeout handled like failure: the usual intent, and the only path we can write without guessing. */
function copyFailureToTimeout(context: RuleContext, call: CallDataAction): SuggestionDescriptor[] {
  const failure = call.outcomes.failure;
  if (!failure || !call.outputsPair?.value || call.outputsPair.value.type !== 'map' || call.outputsPair.value.flow) return [];
  const src = context.file.source;
  const start = src.positionAt(failure.key.range[0]);
  const endLine = src.positionAt(failure.range[1]).line;
  const firstLineStart = failure.key.range[0] - (start.column - 1);
  const block = context.text.slice(firstLineStart, src.lineEndOffset(endLine));
  const timeout = call.outcomes.timeout;
  const renamed = block.replace(/^(\s*)failure:/, '$1timeout:');
  let edit: TextEdit;
  if (timeout) {
    // An empty `timeout:` path: replace it.
    const tStart = src.positionAt(timeout.key.range[0]);
    const tFirst = timeout.key.range[0] - (tStart.column - 1);
    edit = { range: [tFirst, src.lineEndOffset(src.positionAt(timeout.range[1]).line)], text: renamed };
  } else {
    const at = src.lineEndOffset(endLine);
    edit = { range: [at, at], text: src.eol + renamed };
  }
  return [{ messageId: 'reuseFailure', fix: edit }];
}
