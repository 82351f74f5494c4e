import type { LintResult } from '../diagnostics.js';
import { builtInRules } from '../rules/index.js';
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

export function format(name: FormatName, results: LintResult[], options: FormatOptions = {}): string {
  switch (name) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, { rules: builtInRules, toolVersion: options.toolVersion, baseUri: options.baseUri });
    case 'github':
      return formatGithub(results);
    default:
      return formatStylish(results, { color: options.color });
  }
}

export { formatGithub, formatJson, formatSarif, formatStylish };
