import type { LintResult } from '../diagnostics.js';
import { relatedLines } from './related.js';

// Workflow commands: data and properties need their own escaping (see @actions/core's command.ts).
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::message` lines, for any CI that reads GitHub workflow commands. */
export function formatGithub(results: LintResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const props = [
        `file=${escapeProperty(r.filePath)}`,
        `line=${m.line}`,
        `endLine=${m.endLine}`,
        ...(m.line === m.endLine ? [`col=${m.column}`, `endColumn=${m.endColumn}`] : []),
        `title=${escapeProperty(m.ruleId ?? 'cxlint')}`,
      ];
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${props.join(',')}::${escapeData([m.message, ...relatedLines(m.related)].join('\n'))}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
