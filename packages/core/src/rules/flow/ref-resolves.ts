import { flowModel, parseRef, type RefKind } from '../../model/flow.js';
import { valueIndexToOffset } from '../../parse/string-offsets.js';
import { defineRule, ruleDocsUrl } from '../rule.js';
import { closestKey } from '../closest-name.js';

const id = 'flow/ref-resolves';

const PLURAL: Record<RefKind, string> = { menu: 'menus', task: 'tasks', state: 'states', bot: 'bots' };

/**
 * `startUpRef`, `targetTaskRef`, `targetMenuRef`, … name a menu, task, state or bot by its `refId`
 * (`/inboundCall/tasks/task[Main_12]` or `./tasks/task[Main_12]`). Archy resolves them at publish time and fails
 * the whole flow when one matches nothing; a renamed refId is the usual cause.
 */
export default defineRule({
  meta: {
    id,
    description: 'startUpRef, targetTaskRef and menu/state refs must name an existing refId.',
    severity: 'error',
    kinds: ['flow'],
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unresolved: '`{{key}}` names {{kind}} `{{refId}}`, but no {{kind}} in this flow has that refId.',
      unresolvedClosest: '`{{key}}` names {{kind}} `{{refId}}`, but no {{kind}} in this flow has that refId (did you mean `{{closest}}`?).',
      unresolvedNoTargets: '`{{key}}` names {{kind}} `{{refId}}`, but no {{kind}} in this flow has that refId (the flow has no {{plural}}).',
      wrongFlowType: '`{{key}}` points into `/{{refType}}/…`, but this is an `{{flowType}}` flow; use `/{{flowType}}/{{plural}}/{{kind}}[{{refId}}]` or `./{{plural}}/{{kind}}[{{refId}}]`.',
      malformed: '`{{key}}` is not a ref Archy understands: expected `/<flowType>/<menus|tasks|states|bots>/<menu|task|state|bot>[<refId>]` or `./tasks/task[<refId>]`.',
      useClosest: 'Use the refId `{{closest}}`.',
      useRelative: 'Use `{{relative}}`.',
    },
  },
  check(context) {
    const model = flowModel(context.file);
    if (!model.refs.length) return;
    const byKind = new Map<RefKind, string[]>();
    for (const t of model.refTargets) {
      if (!byKind.has(t.kind)) byKind.set(t.kind, []);
      byKind.get(t.kind)!.push(t.refId);
    }
    for (const ref of model.refs) {
      if (ref.scalar.hasSubstitution) continue; // filled in at deploy time
      const parsed = parseRef(ref.text);
      if (!parsed) {
        // Only the keys Archy documents as refs; other `…Ref` keys may hold other things.
        if (ref.key === 'startUpRef' || /^target(Task|Menu|State|Bot)Ref$/.test(ref.key)) {
          context.report({ node: ref.scalar, messageId: 'malformed', data: { key: ref.key } });
        }
        continue;
      }
      const { kind, refId } = parsed;
      if (parsed.flowType && model.flowType && parsed.flowType !== model.flowType) {
        const relative = `./${PLURAL[kind]}/${kind}[${refId}]`;
        const exists = model.refTargets.some((t) => t.kind === kind && t.refId === refId);
        context.report({
          node: ref.scalar,
          messageId: 'wrongFlowType',
          data: { key: ref.key, refType: parsed.flowType, flowType: model.flowType, plural: PLURAL[kind], kind, refId },
          // A relative ref works in any flow type (a flow copied from another type keeps its old absolute refs).
          suggest: exists ? [{ messageId: 'useRelative', data: { relative }, fix: { range: ref.scalar.range, text: JSON.stringify(relative) } }] : undefined,
        });
        continue;
      }
      const ids = byKind.get(kind) ?? [];
      if (ids.includes(refId)) continue;
      const closest = closestKey(refId, ids);
      const start = valueIndexToOffset(context.text, ref.scalar, parsed.refIdStart);
      const end = valueIndexToOffset(context.text, ref.scalar, parsed.refIdStart + refId.length);
      const inPlace = context.text.slice(start, end) === refId;
      context.report({
        range: inPlace ? [start, end] : ref.scalar.range,
        messageId: closest ? 'unresolvedClosest' : ids.length ? 'unresolved' : 'unresolvedNoTargets',
        data: { key: ref.key, kind, refId, closest: closest ?? '', plural: PLURAL[kind] },
        suggest:
          closest && inPlace && !/["'\\]/.test(closest)
            ? [{ messageId: 'useClosest', data: { closest }, fix: { range: [start, end], text: closest } }]
            : undefined,
      });
    }
  },
});
