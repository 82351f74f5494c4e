import type { LintResult } from '../diagnostics.js';
import { fingerprint } from '../fingerprint.js';
import type { Rule } from '../rules/rule.js';
import { SourceText } from '../source/source-text.js';

export interface SarifOptions {
  rules: readonly Rule[];
  toolVersion?: string;
  /** URI of the folder paths are relative to (for `originalUriBaseIds`). */
  baseUri?: string;
}

/** SARIF 2.1.0, as `github/codeql-action/upload-sarif` and other code-scanning tools read it. */
export function formatSarif(results: LintResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const sarifResults: unknown[] = [];
  for (const r of results) {
    const source = r.source !== undefined ? new SourceText(r.source) : undefined;
    for (const m of r.messages) {
      const region = { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: Math.max(m.endColumn, m.line === m.endLine ? m.column : 1) };
      const result: Record<string, unknown> = {
        ruleId: m.ruleId ?? 'cxlint/parse-error',
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(r.filePath), uriBaseId: '%SRCROOT%' }, region } }],
        partialFingerprints: { 'cxlint/v1': fingerprint(r.filePath, m, r.source) },
      };
      if (m.ruleId && ruleIndex.has(m.ruleId)) result.ruleIndex = ruleIndex.get(m.ruleId);
      if (m.fix && source) {
        const start = source.positionAt(m.fix.range[0]);
        const end = source.positionAt(m.fix.range[1]);
        result.fixes = [
          {
            description: { text: m.suggestions?.[0]?.desc ?? 'Apply the fix' },
            artifactChanges: [
              {
                artifactLocation: { uri: encodeURI(r.filePath), uriBaseId: '%SRCROOT%' },
                replacements: [
                  {
                    deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
                    insertedContent: { text: m.fix.text },
                  },
                ],
              },
            ],
          },
        ];
      }
      sarifResults.push(result);
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cxlint',
            informationUri: 'https://github.com/cxlint/cxlint',
            version: options.toolVersion ?? '0.0.0',
            rules: options.rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id.replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase()),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: rule.meta.description },
              helpUri: rule.meta.docs.url,
              help: { text: `${rule.meta.description} See ${rule.meta.docs.url}` },
              defaultConfiguration: { level: rule.meta.severity === 'error' ? 'error' : 'warning', enabled: rule.meta.docs.recommended },
              properties: { tags: [rule.meta.id.split('/')[0]], fixable: !!rule.meta.fixable },
            })),
          },
        },
        originalUriBaseIds: options.baseUri ? { '%SRCROOT%': { uri: options.baseUri.endsWith('/') ? options.baseUri : options.baseUri + '/' } } : undefined,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
