import { fingerprints, SourceText, type LintResult, type RelatedLocation, type TextEdit } from '@cxlint/core';

/** One diagnostic with what every reporter needs: where, what, its stable identity and its fix. */
export interface Finding {
  path: string;
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  /** The automatic fix, or else the first suggestion's: offered as a one-click ```suggestion either way. */
  fix?: TextEdit;
  /** Other places that explain the finding (not part of its fingerprint). */
  related?: RelatedLocation[];
  /** The file's text (for suggestions); shared by all findings of a file. */
  source?: SourceText;
}

export function toFindings(results: readonly LintResult[]): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const source = r.source !== undefined ? new SourceText(r.source) : undefined;
    const ids = fingerprints(r.filePath, r.messages, r.source);
    r.messages.forEach((m, i) => {
      // Prefer the rule's automatic fix; otherwise its first suggestion is still a useful one-click change.
      const fix = m.fix ?? m.suggestions?.[0]?.fix;
      out.push({
        path: r.filePath,
        ruleId: m.ruleId,
        severity: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: Math.max(m.line, m.endLine),
        endColumn: m.endColumn,
        fingerprint: ids[i],
        ...(fix ? { fix } : {}),
        ...(m.related?.length ? { related: m.related } : {}),
        ...(source ? { source } : {}),
      });
    });
  }
  return out;
}

/** Errors first, then by file and line: what matters most gets the limited inline slots. */
export function byImportance(a: Finding, b: Finding): number {
  return b.severity - a.severity || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column;
}

export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const f of findings) if (f.severity === 2) errors++;
  return { errors, warnings: findings.length - errors };
}
