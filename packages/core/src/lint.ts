import type { LintResult } from './diagnostics.js';
import { createLinter, type LintInput, type LintOptions } from './linter.js';
import { builtInContributors } from './model/contributors.js';
import type { KindParsers } from './parse/parse-file.js';
import { terraformParser } from './parse/terraform.js';
import { builtInRules } from './rules/index.js';

export { createLinter, type Linter, type LinterOptions, type LintInput, type LintOptions } from './linter.js';

/** The node parsers: Terraform through `@cdktf/hcl2json` (WebAssembly loaded from node). */
export const nodeParsers: KindParsers = { terraform: terraformParser };

/** The linter the CLI, the action and the language server use: every built-in rule, parser and contributor. */
export const defaultLinter = createLinter({ rules: builtInRules, parsers: nodeParsers, contributors: builtInContributors });

/** `defaultLinter.lintText`: one file's text on its own (editors, tests). */
export function lintText(text: string, path: string, options: LintOptions = {}): LintResult {
  return defaultLinter.lintText(text, path, options);
}

/** `defaultLinter.lintFiles`: a set of files as one project. Never throws per file. */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions = {}): LintResult[] {
  return defaultLinter.lintFiles(inputs, options);
}

/** `defaultLinter.lintFilesAsync`: `lintFiles` after Terraform's asynchronous HCL parse. The CLI and the action use this. */
export function lintFilesAsync(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintResult[]> {
  return defaultLinter.lintFilesAsync(inputs, options);
}

/** `defaultLinter.prepareInput`: runs the asynchronous preparation a file's kind needs. */
export function prepareInput(input: LintInput): Promise<LintInput> {
  return defaultLinter.prepareInput(input);
}
