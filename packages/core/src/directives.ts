import type { ParsedFile } from './parse/parse-file.js';

/**
 * Inline suppressions in YAML comments, as in ESLint:
 *   # cxlint-disable-next-line participant-data/literal-key -- reason
 *   # cxlint-disable-line rule-a, rule-b
 *   # cxlint-disable rule   …   # cxlint-enable rule
 * No rule list means every rule.
 */
export interface Directives {
  isDisabled(ruleId: string, line: number): boolean;
}

interface Block { rules: Set<string> | null; from: number; to: number }

export function readDirectives(file: ParsedFile): Directives {
  if (file.directiveComments.length === 0) return { isDisabled: () => false };
  const lines = new Map<number, Set<string> | null>();
  const blocks: Block[] = [];
  const open: Block[] = [];
  for (const c of file.directiveComments) {
    // A CRLF file's comment ends in `\r`, which `.` does not match: without this, every directive there was ignored.
    const m = /cxlint-(disable-next-line|disable-line|disable|enable)\b(.*)$/.exec(c.text.replace(/\r$/, ''));
    if (!m) continue;
    const list = m[2].split(/\s--\s|\s--$/)[0].trim();
    const rules = list ? new Set(list.split(/[\s,]+/).filter(Boolean)) : null;
    const line = file.source.positionAt(c.offset).line;
    if (m[1] === 'disable-next-line' || m[1] === 'disable-line') {
      const target = m[1] === 'disable-line' ? line : line + 1;
      const prev = lines.get(target);
      lines.set(target, prev === null || rules === null ? null : new Set([...(prev ?? []), ...rules]));
    } else if (m[1] === 'disable') {
      open.push({ rules, from: line, to: Infinity });
    } else {
      for (const b of open.splice(0)) { b.to = line; blocks.push(b); }
    }
  }
  blocks.push(...open);
  return {
    isDisabled(ruleId, line) {
      const set = lines.get(line);
      if (set === null || set?.has(ruleId)) return true;
      return blocks.some((b) => line >= b.from && line <= b.to && (b.rules === null || b.rules.has(ruleId)));
    },
  };
}
