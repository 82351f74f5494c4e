// The formatters by name without the rule list: the CLI loads the rules only when SARIF, which describes them,
// is asked for, so a run that finds nothing to lint never loads them. `index.ts`'s `format` passes the built-in rules.
import type { LintResult } from '../diagnostics.js';
import type { Rule } from '../rules/rule.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatOptions {
  color?: boolean;
  toolVersion?: string;
  baseUri?: string;
}

/** `format` with the rules SARIF describes given by the caller. */
export function formatWithRules(name: FormatName, results: LintResult[], rules: readonly Rule[], options: FormatOptions = {}): string {
  switch (name) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, { rules, toolVersion: options.toolVersion, baseUri: options.baseUri });
    case 'github':
      return formatGithub(results);
    default:
      return formatStylish(results, { color: options.color });
  }
}
