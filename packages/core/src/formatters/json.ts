import type { LintResult } from '../diagnostics.js';

/**
 * ESLint's JSON shape: `[{filePath, messages[], errorCount, fatalErrorCount, warningCount, …}]`, with the empty
 * `suppressedMessages` and `usedDeprecatedRules` arrays ESLint 9 always writes, so tools that read ESLint JSON
 * (reviewdog's `-f=eslint`, eslint formatters) read ours. Sources and internal offsets are left out; `output` is
 * there only when a fix run changed the file.
 */
export function formatJson(results: (LintResult & { output?: string })[]): string {
  return JSON.stringify(
    results.map(({ source: _source, kind: _kind, ...rest }) => ({
      filePath: rest.filePath,
      messages: rest.messages.map(({ range: _r, identity: _i, ...m }) => m),
      suppressedMessages: [],
      errorCount: rest.errorCount,
      fatalErrorCount: rest.messages.filter((m) => m.fatal).length,
      warningCount: rest.warningCount,
      fixableErrorCount: rest.fixableErrorCount,
      fixableWarningCount: rest.fixableWarningCount,
      usedDeprecatedRules: [],
      // The fixed text, only after `--fix` / `--fix-dry-run` changed the file (ESLint's `output`).
      ...(rest.output !== undefined ? { output: rest.output } : {}),
    })),
  );
}
