import * as core from '@actions/core';
import { relatedLines } from '@cxlint/core';
import type { Finding } from './findings.js';

/**
 * One workflow-command annotation per finding (`::error file=…,line=…,endLine=…`). GitHub shows at most 10
 * error and 10 warning annotations per step in the UI (50 per job via the API); all are still in the log and
 * the job summary lists every finding.
 */
export function annotate(findings: readonly Finding[], note?: (f: Finding) => string | undefined): void {
  for (const f of findings) {
    const props: core.AnnotationProperties = {
      title: f.ruleId ?? 'cxlint: parse error',
      file: f.path,
      startLine: f.line,
      endLine: f.endLine,
      // GitHub ignores columns on multi-line annotations.
      ...(f.line === f.endLine ? { startColumn: f.column, endColumn: Math.max(f.endColumn, f.column) } : {}),
    };
    // Related places on lines of their own: the message may point at them, and an annotation has one location.
    const message = [f.message, ...relatedLines(f.related), note?.(f)].filter(Boolean).join('\n');
    if (f.severity === 2) core.error(message, props);
    else core.warning(message, props);
  }
}
