import type { LintResult } from '../diagnostics.js';
import { builtInRules } from '../rules/index.js';
import { formatWithRules, type FormatName, type FormatOptions } from './format.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export { FORMAT_NAMES, type FormatName, type FormatOptions } from './format.js';

export function format(name: FormatName, results: LintResult[], options: FormatOptions = {}): string {
  return formatWithRules(name, results, builtInRules, options);
}

export { formatGithub, formatJson, formatSarif, formatStylish };
