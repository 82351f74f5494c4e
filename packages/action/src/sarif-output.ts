import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION, builtInRules, formatSarif, type LintResult } from '@cxlint/core';

/**
 * Writes SARIF 2.1.0 for `github/codeql-action/upload-sarif`. It holds every finding in the linted files, not
 * only the diff-filtered ones: code scanning does its own PR filtering and tracks alerts across commits.
 */
export function writeSarif(file: string, workspace: string, results: readonly LintResult[]): string {
  const abs = resolve(workspace, file);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, formatSarif([...results], { rules: builtInRules, toolVersion: VERSION, baseUri: pathToFileURL(workspace).href }) + '\n');
  return abs;
}
