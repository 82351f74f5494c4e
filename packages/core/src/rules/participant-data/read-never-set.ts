import { isMap } from '../../parse/nodes.js';
import type { ParsedFile } from '../../parse/parse-file.js';
import { literalKey, participantAttributes } from '../../model/participant-data.js';
import type { Project } from '../../model/project.js';
import { closestKey } from '../closest-name.js';
import { defineRule, ruleDocsUrl } from '../rule.js';
import { renameKeyEdits } from './key-fixes.js';
import { templateParts } from '../../model/participant-key-parts.js';
import { dynamicKeyWriters, knownKeys, looksLikeVariable } from '../../model/participant-keys.js';
// Keys a flow sets through the Set-Participant-Attribute data action count as set.

const id = 'participant-data/read-never-set';

/**
 * Get Participant Data returns nothing for a key no one wrote, and the flow carries on with an empty
 * variable ("downstream receives an empty object"). Keys are case-sensitive, so a typo is enough.
 * Keys set outside the repository (web messenger custom attributes, scripts, external systems) are declared
 * in `settings.knownParticipantKeys`.
 *
 * Chat, message and digital-bot flows are different: the customer's client writes participant data there
 * (web messenger `customAttributes`, web chat `context.*` fields), under any key, from code that is usually
 * not in the repository. Reporting every such read would bury real findings, so in those flows only a read
 * that is a near miss of a key the project does set (a likely typo) is reported, unless the option
 * `clientFlows: "report"` asks for all of them.
 */
export const CLIENT_FLOW_TYPES = new Set(['inboundChat', 'inqueueChat', 'inboundShortMessage', 'inqueueShortMessage', 'digitalBot', 'digitalBotFlow']);

export default defineRule({
  meta: {
    id,
    description: 'A participant data key read by Get Participant Data that no flow, data action or config in the project sets.',
    severity: 'warn',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { clientFlows: { enum: ['near-miss', 'report'] } },
    },
    defaultOptions: { clientFlows: 'near-miss' },
    messages: {
      neverSet:
        'Get Participant Data reads `{{key}}`, but no flow, data action or config in this project sets it, so the variable stays empty at run time. If something outside the repository sets it, add it to `settings.knownParticipantKeys`.',
      neverSetClosest:
        'Get Participant Data reads `{{key}}`, but no flow, data action or config in this project sets it (keys are case-sensitive); did you mean `{{closest}}`?',
      setOnlyDynamically:
        'Get Participant Data reads `{{key}}`, which is only "set" through a dynamic key (`{{written}}`, see the related location) that is stored literally or rejected; fix that key (participant-data/literal-key) and this read works.',
      useClosest: 'Read `{{closest}}` instead.',
    },
  },
  check(context) {
    const known = knownKeys(context.project);
    const lowerKnown = lowerKnownKeys(context.project);
    const nearMissOnly = context.options.clientFlows !== 'report' && CLIENT_FLOW_TYPES.has(flowType(context.file) ?? '');
    for (const attr of participantAttributes(context.file)) {
      if (attr.op !== 'get' || !attr.name?.scalar) continue;
      const key = literalKey(attr);
      // Empty and templated keys are participant-data/literal-key's findings.
      if (key === undefined || key.trim() === '' || templateParts(key).length) continue;
      // `Flow.x` as a key is key-looks-like-variable's finding; "never set" would only repeat it.
      if (looksLikeVariable(key.trim())) continue;
      if (known.has(key)) continue;
      // The same key in another case is participant-data/key-case-drift's finding; one report is enough.
      if (lowerKnown.has(key.toLowerCase())) continue;
      const broken = dynamicKeyWriters(context.project).get(key);
      if (broken) {
        // The writer's place goes in `related`, not the message: the message (and the finding's identity) must
        // not change when lines move in that other file.
        const { start, end } = broken;
        context.report({
          node: attr.name.scalar,
          messageId: 'setOnlyDynamically',
          data: { key, written: broken.text },
          related: [{
            path: broken.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
            message: `The dynamic key \`${broken.text}\` meant to set \`${key}\` (participant-data/literal-key).`,
          }],
        });
        continue;
      }
      const closest = closestKey(key, known);
      if (closest === undefined) {
        if (nearMissOnly) continue;
        context.report({ node: attr.name.scalar, messageId: 'neverSet', data: { key } });
        continue;
      }
      context.report({
        node: attr.name.scalar,
        messageId: 'neverSetClosest',
        data: { key, closest },
        suggest: [{ messageId: 'useClosest', data: { closest }, fix: renameKeyEdits(attr, closest) }],
      });
    }
  },
});

function flowType(file: ParsedFile): string | undefined {
  return isMap(file.root) ? String(file.root.pairs[0]?.key.value) : undefined;
}

/** `knownKeys` lower-cased, built once per project (not once per file). */
function lowerKnownKeys(project: Project): Set<string> {
  return project.index('participant-data/known-keys-lower', (p) => new Set([...knownKeys(p)].map((k) => k.toLowerCase())));
}
