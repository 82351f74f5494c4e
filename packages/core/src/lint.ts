import { createLinter } from './linter.js';
import { builtInContributors } from './model/contributors.js';
import type { KindParsers } from './parse/parse-file.js';
import { terraformParser } from './parse/terraform.js';
import { builtInRules } from './rules/index.js';

export { createLinter, type CachedFile, type FileRecord, type Linter, type LinterOptions, type LintCache, type LintInput, type LintOptions } from './linter.js';

/** The node parsers: Terraform through `@cdktf/hcl2json` (WebAssembly loaded from node). */
export const nodeParsers: KindParsers = { terraform: terraformParser };

/** The linter the CLI, the action and the language server use: every built-in rule, parser and contributor. */
export const defaultLinter = createLinter({ rules: builtInRules, parsers: nodeParsers, contributors: builtInContributors });

/**
 * `defaultLinter`'s methods as plain functions (closures, no `this`): `lintText` for one file's text on its own
 * (editors, tests); `lintFiles` for a set of files as one project (never throws per file); `lintFilesAsync`, the same
 * after Terraform's asynchronous HCL parse (the CLI and the action); `prepareInput`, one file's asynchronous
 * preparation.
 */
export const { lintText, lintFiles, lintFilesAsync, prepareInput } = defaultLinter;
