import type { Diagnostic, LintResult, TextEdit } from '../diagnostics.js';
import { fingerprints } from '../fingerprint.js';
import type { Rule } from '../rules/rule.js';
import { SourceText } from '../source/source-text.js';

export interface SarifOptions {
  rules: readonly Rule[];
  toolVersion?: string;
  /** URI of the folder paths are relative to (for `originalUriBaseIds`). */
  baseUri?: string;
}

/** Parse errors and unreadable files belong to no rule; SARIF results still need a rule id. */
export const PARSE_ERROR_RULE_ID = 'cxlint/parse-error';

/**
 * SARIF 2.1.0, as `github/codeql-action/upload-sarif` and other code-scanning tools read it: rule metadata with
 * `helpUri`, a `partialFingerprints` entry that ignores line numbers (so a finding keeps its identity when lines
 * move), the safe fix as the first of `fixes` and each suggestion after it. Columns are UTF-16 code units, as
 * everywhere in cxlint.
 */
export function formatSarif(results: LintResult[], options: SarifOptions): string {
  const descriptors = [...options.rules.map(ruleDescriptor), parseErrorDescriptor()];
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const sarifResults: unknown[] = [];
  for (const r of results) {
    const source = r.source !== undefined ? new SourceText(r.source) : undefined;
    const artifact = artifactLocation(r.filePath);
    const ids = fingerprints(r.filePath, r.messages, r.source);
    r.messages.forEach((m, i) => {
      const ruleId = m.ruleId ?? PARSE_ERROR_RULE_ID;
      const result: Record<string, unknown> = {
        ruleId,
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: messageRegion(m) } }],
        partialFingerprints: { 'cxlint/v1': ids[i] },
      };
      if (m.related?.length) {
        result.relatedLocations = m.related.map((l, id) => ({
          id,
          physicalLocation: { artifactLocation: artifactLocation(l.path), region: messageRegion({ line: l.line, column: l.column, endLine: l.endLine ?? l.line, endColumn: l.endColumn ?? l.column }) },
          message: { text: l.message },
        }));
      }
      if (ruleIndex.has(ruleId)) result.ruleIndex = ruleIndex.get(ruleId);
      if (source) {
        const fixes = [
          ...(m.fix ? [sarifFix(fixDescription(m), m.fix, source, artifact)] : []),
          ...(m.suggestions ?? []).filter((s) => !m.fix || !sameEdit(s.fix, m.fix)).map((s) => sarifFix(s.desc, s.fix, source, artifact)),
        ];
        if (fixes.length) result.fixes = fixes;
      }
      sarifResults.push(result);
    });
  }
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'cxlint',
        informationUri: 'https://github.com/cxlint/cxlint',
        version: options.toolVersion ?? '0.0.0',
        rules: descriptors,
      },
    },
    invocations: [{ executionSuccessful: true }],
    results: sarifResults,
    columnKind: 'utf16CodeUnits',
  };
  if (options.baseUri) run.originalUriBaseIds = { '%SRCROOT%': { uri: options.baseUri.endsWith('/') ? options.baseUri : options.baseUri + '/' } };
  return JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2);
}

function ruleDescriptor(rule: Rule) {
  const { id, description, docs, severity, fixable, hasSuggestions } = rule.meta;
  return {
    id,
    // SARIF `name` is an identifier-like form of the id: participant-data/literal-key → ParticipantDataLiteralKey.
    name: id.replace(/(^|[/-])(\w)/g, (_, _sep: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: description },
    helpUri: docs.url,
    help: { text: `${description} See ${docs.url}`, markdown: `${description}\n\n[Rule documentation](${docs.url})` },
    defaultConfiguration: { level: severity === 'error' ? 'error' : 'warning', enabled: docs.recommended },
    properties: { tags: [id.split('/')[0]], fixable: !!fixable, hasSuggestions: !!hasSuggestions },
  };
}

function parseErrorDescriptor() {
  const text = 'The file could not be read or parsed, so no rule ran on it.';
  return {
    id: PARSE_ERROR_RULE_ID,
    name: 'ParseError',
    shortDescription: { text },
    fullDescription: { text },
    defaultConfiguration: { level: 'error' as const, enabled: true },
    properties: { tags: ['parse'] },
  };
}

/** Relative paths resolve against `%SRCROOT%`; absolute ones (files outside the working folder) become file URIs. */
function artifactLocation(filePath: string): { uri: string; uriBaseId?: string } {
  const posix = filePath.replace(/\\/g, '/');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  if (posix.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

function messageRegion(m: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>) {
  const start = { line: Math.max(1, m.line), column: Math.max(1, m.column) };
  const end = { line: Math.max(start.line, m.endLine), column: Math.max(1, m.endColumn) };
  if (end.line === start.line && end.column < start.column) end.column = start.column;
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function fixDescription(m: Diagnostic): string {
  // A suggestion with the same edit describes the fix in words; otherwise name what it fixes.
  const same = m.suggestions?.find((s) => sameEdit(s.fix, m.fix!));
  return same?.desc ?? `Fix: ${m.ruleId ?? 'problem'}`;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
}

function sarifFix(description: string, edit: TextEdit, source: SourceText, artifactLocation: { uri: string; uriBaseId?: string }) {
  const start = source.positionAt(edit.range[0]);
  const end = source.positionAt(edit.range[1]);
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation,
        replacements: [
          {
            // A zero-length region is an insertion point (SARIF 2.1.0 §3.57.3).
            deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            insertedContent: { text: edit.text },
          },
        ],
      },
    ],
  };
}
