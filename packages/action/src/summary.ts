import * as core from '@actions/core';
import { relatedLines, ruleDocsUrl } from '@cxlint/core';
import { countFindings, byImportance, type Finding } from './findings.js';

// The job summary is HTML; every value from the repository (paths, messages quoting flow text) is escaped.
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline code in HTML: message text between backticks becomes <code>, everything escaped. */
function htmlMessage(message: string): string {
  return message
    .split('`')
    .map((part, i, parts) => (i % 2 === 1 && i < parts.length - 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

// The summary file is capped at 1 MiB per step; 1000 rows of a few hundred bytes stays well under it.
const MAX_ROWS = 1000;

export interface SummaryInput {
  findings: readonly Finding[];
  filesLinted: number;
  /** One-line notes shown above the table (fallbacks, what the review did). */
  notes: string[];
  verdict: string;
}

export function summaryMarkup(input: SummaryInput): { heading: string; html: string } {
  const { errors, warnings } = countFindings(input.findings);
  const heading = `cxlint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const parts: string[] = [`<p>${input.filesLinted} file${input.filesLinted === 1 ? '' : 's'} linted. ${escapeHtml(input.verdict)}</p>`];
  for (const n of input.notes) parts.push(`<p>${htmlMessage(n)}</p>`);
  if (input.findings.length) {
    const rows = [...input.findings].sort(byImportance).slice(0, MAX_ROWS).map((f) => {
      const rule = f.ruleId ? `<a href="${escapeHtml(ruleDocsUrl(f.ruleId))}">${escapeHtml(f.ruleId)}</a>` : 'parse error';
      const lines = f.endLine > f.line ? `${f.line}–${f.endLine}` : String(f.line);
      return `<tr><td>${f.severity === 2 ? 'error' : 'warning'}</td><td><code>${escapeHtml(f.path)}</code></td><td>${lines}</td><td>${rule}</td><td>${[f.message, ...relatedLines(f.related)].map(htmlMessage).join('<br>')}</td></tr>`;
    });
    parts.push(`<table><tr><th>Severity</th><th>File</th><th>Line</th><th>Rule</th><th>Message</th></tr>${rows.join('')}</table>`);
    if (input.findings.length > MAX_ROWS) parts.push(`<p>…and ${input.findings.length - MAX_ROWS} more (see the annotations and the SARIF file).</p>`);
  }
  return { heading, html: parts.join('\n') };
}

/** Appends the job summary (GITHUB_STEP_SUMMARY). Without that file (local runs) it does nothing. */
export async function writeSummary(input: SummaryInput): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const { heading, html } = summaryMarkup(input);
  await core.summary.addHeading(escapeHtml(heading), 2).addRaw(html, true).write();
}

/**
 * The job summary of a run that stopped before reporting (a bad config, a `paths` entry that names nothing, an
 * unreadable file): the reason, so the summary page is not blank while the log says why. Never throws.
 */
export async function writeFailureSummary(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addHeading('cxlint: the step failed', 2).addRaw(`<p>${htmlMessage(message)}</p>`, true).write();
  } catch {
    // The step already fails with the message in the log; a summary file that cannot be written changes nothing.
  }
}
