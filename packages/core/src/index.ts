/**
 * @cxlint/core, the node entry: everything in `@cxlint/core/universal` plus files, config discovery, the
 * Terraform parser (WebAssembly loaded from node), `--fix` on disk and the CLI. No GitHub and no network code.
 */
export * from './universal.js';
export { lintFiles, lintFilesAsync, lintText, prepareInput, defaultLinter, nodeParsers } from './lint.js';
export { lintPaths, type LintPathsOptions, type LintPathsResult } from './node/lint-paths.js';
export { FileCache, cacheFilePath, deleteCacheFile, DEFAULT_CACHE_FILE } from './node/cache.js';
export { findFiles, missingPathsMessage, nothingFoundMessage } from './node/find-files.js';
export { createConfigResolver, type ConfigResolver, type ConfigEntry } from './node/config-resolver.js';
export { readSourceFile, decodeSource, DEFAULT_MAX_FILE_SIZE } from './source/read-file.js';
export { prepareTerraform, terraformParser } from './parse/terraform.js';
export { loadConfigFile, findConfigFile, configCascade, parseConfigText, ConfigError, CONFIG_FILE_NAMES } from './config/load.js';
export type { CxlintConfig, LoadedConfig } from './config/types.js';
export { fixPaths, applyFixesSafely, MAX_FIX_PASSES, type FixPathsOptions, type FixPathsResult, type FixedFile, type RejectedFix } from './fix/fix-files.js';
export { unifiedDiff } from './fix/unified-diff.js';
export { format, formatSarif, formatStylish, formatGithub, FORMAT_NAMES, type FormatName } from './formatters/index.js';
export { relatedLines } from './formatters/related.js';
export { fingerprint, fingerprints } from './fingerprint.js';
export { RuleTester, type ValidCase, type InvalidCase } from './testing/rule-tester.js';
export { runCli, type CliIo } from './cli/main.js';
