import type { LintResult } from '../diagnostics.js';

/** ESLint's JSON shape: `[{filePath, messages[], errorCount, warningCount, …}]`. Sources are left out. */
export function formatJson(results: LintResult[]): string {
  return JSON.stringify(
    results.map(({ source: _source, kind: _kind, ...rest }) => ({
      ...rest,
      messages: rest.messages.map(({ range: _r, ...m }) => m),
    })),
  );
}
