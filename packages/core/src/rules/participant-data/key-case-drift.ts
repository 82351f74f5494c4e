import { literalKey, participantAttributes } from '../../model/participant-data.js';
import type { Project } from '../../model/project.js';
import { defineRule, ruleDocsUrl } from '../rule.js';
import { renameKeyEdits } from './key-fixes.js';
// Keys a flow sets through the Set-Participant-Attribute data action count as set spellings.
import '../../model/set-attribute-calls.js';

const id = 'participant-data/key-case-drift';

/** Spellings of one key (compared without case), with how often each is used and which one to keep. */
export interface KeySpellings {
  counts: Map<string, number>;
  preferred: string;
}

/**
 * Participant data keys are case-sensitive: a flow that sets `customerId` and another that reads `CustomerId`
 * talk past each other, and the reader gets nothing. The majority spelling across the project wins; on a tie,
 * the spelling that is set first (config `knownParticipantKeys` first, then by file path and position).
 */
export default defineRule({
  meta: {
    id,
    description: 'The same participant data key spelled with different letter case across the project.',
    severity: 'warn',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      caseDrift:
        'Participant data key `{{key}}` is spelled `{{preferred}}` elsewhere in the project ({{others}}); keys are case-sensitive, so these are different attributes.',
      usePreferred: 'Use the spelling `{{preferred}}`.',
    },
  },
  check(context) {
    const drift = caseDrift(context.project);
    if (drift.size === 0) return;
    for (const attr of participantAttributes(context.file)) {
      const key = literalKey(attr);
      if (key === undefined || !attr.name?.scalar) continue;
      const group = drift.get(key.toLowerCase());
      if (!group || group.preferred === key) continue;
      const others = [...group.counts].filter(([k]) => k !== key).map(([k, n]) => `\`${k}\` ×${n}`).join(', ');
      context.report({
        node: attr.name.scalar,
        messageId: 'caseDrift',
        data: { key, preferred: group.preferred, others },
        suggest: [{ messageId: 'usePreferred', data: { preferred: group.preferred }, fix: renameKeyEdits(attr, group.preferred) }],
      });
    }
  },
});

/** Keys (lower-cased) that the project spells in more than one way. */
export function caseDrift(project: Project): Map<string, KeySpellings> {
  return project.index('participant-data/case-drift', (p) => {
    const groups = new Map<string, { counts: Map<string, number>; setOrder: string[] }>();
    // Counted per spelling (the project's maps already group occurrences by exact key), not per occurrence:
    // an editor re-linting one file of a large workspace rebuilds this on every edit.
    const count = (key: string, n: number, isSet: boolean) => {
      const lower = key.toLowerCase();
      let g = groups.get(lower);
      if (!g) groups.set(lower, (g = { counts: new Map(), setOrder: [] }));
      g.counts.set(key, (g.counts.get(key) ?? 0) + n);
      if (isSet && !g.setOrder.includes(key)) g.setOrder.push(key);
    };
    for (const k of p.settings.knownParticipantKeys ?? []) count(k, 1, true);
    // "First" is by path, then position, so the choice does not depend on the order files were handed in.
    const setKeys = p.participantKeysSet();
    const paths = new Set<string>();
    for (const list of setKeys.values()) for (const o of list) paths.add(o.path);
    const rank = new Map([...paths].sort().map((path, i) => [path, i]));
    const firstSet: [string, number, number][] = [];
    for (const [key, list] of setKeys) {
      let best = list[0];
      let bestRank = rank.get(best.path)!;
      for (const o of list) {
        const r = rank.get(o.path)!;
        if (r < bestRank || (r === bestRank && o.range[0] < best.range[0])) { best = o; bestRank = r; }
      }
      firstSet.push([key, bestRank, best.range[0]]);
    }
    firstSet.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    for (const [key] of firstSet) count(key, setKeys.get(key)!.length, true);
    for (const [key, list] of p.participantKeysRead()) count(key, list.length, false);

    const out = new Map<string, KeySpellings>();
    for (const [lower, g] of groups) {
      if (g.counts.size < 2) continue;
      const max = Math.max(...g.counts.values());
      const tied = [...g.counts].filter(([, n]) => n === max).map(([k]) => k);
      const preferred = tied.length === 1 ? tied[0] : (g.setOrder.find((k) => tied.includes(k)) ?? tied[0]);
      out.set(lower, { counts: g.counts, preferred });
    }
    return out;
  });
}
