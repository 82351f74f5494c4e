/** Plain-data findings, shaped like ESLint's JSON so every reporter (CLI, SARIF, GitHub) can share them. */

export type Severity = 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A replacement of `range` (UTF-16 offsets into the original text, end exclusive) by `text`. */
export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  messageId?: string;
  desc: string;
  fix: TextEdit;
}

/**
 * Another place that explains a finding (where a key was set, the data action a flow calls). Shown next to
 * the finding (SARIF `relatedLocations`, a line under a PR comment) but never part of its message or its
 * fingerprint: an edit in that other place must not make the finding look new.
 */
export interface RelatedLocation {
  /** Path as the linted file paths are given (relative to the working folder). */
  path: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface Diagnostic {
  /** `null` for parse errors and other fatal problems that belong to no rule. */
  ruleId: string | null;
  severity: Severity;
  message: string;
  /** 1-based, like ESLint. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into the original text, end exclusive. */
  range: [number, number];
  fix?: TextEdit;
  suggestions?: Suggestion[];
  /** True when the file could not be parsed (or read) and rules did not run on it. */
  fatal?: boolean;
  messageId?: string;
  /** Other places that explain this finding. */
  related?: RelatedLocation[];
  /** What tells this finding from others of its kind in the file, when the flagged text does not (see `ReportDescriptor`). */
  identity?: string;
}

export interface LintResult {
  filePath: string;
  /** The detected kind, or `unknown` for files that are not ours (they are reported with no messages). */
  kind: FileKind;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The text the messages refer to; formatters use it for code frames and GitHub for suggestions. */
  source?: string;
  /**
   * Set when the file was not linted, so every input still has its result: `ignored` by the config's `ignore`,
   * or `not-ours` (YAML that is not a flow, JSON that is not a data action, Terraform without Genesys resources).
   * Such results have no messages; the CLI and the action leave them out of reports.
   */
  skipped?: 'ignored' | 'not-ours';
}

export type FileKind = 'flow' | 'data-action' | 'terraform' | 'unknown';

export function severityFromName(name: SeverityName | Severity | 0): Severity | 0 {
  if (name === 'error' || name === 2) return 2;
  if (name === 'warn' || name === 1) return 1;
  return 0;
}

export function countResult(result: Omit<LintResult, 'errorCount' | 'warningCount' | 'fixableErrorCount' | 'fixableWarningCount'>): LintResult {
  let errorCount = 0, warningCount = 0, fixableErrorCount = 0, fixableWarningCount = 0;
  for (const m of result.messages) {
    if (m.severity === 2) { errorCount++; if (m.fix) fixableErrorCount++; }
    else { warningCount++; if (m.fix) fixableWarningCount++; }
  }
  return { ...result, errorCount, warningCount, fixableErrorCount, fixableWarningCount };
}
