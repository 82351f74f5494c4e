// Everything the CLI needs once there is something to lint, behind one dynamic import (cli/main.ts), so
// `--version` and `--help` load none of it and the bundled CLI (scripts/bundle-cli.mjs) has one engine chunk.
export { ConfigError } from '../config/load.js';
export { fixPaths } from '../fix/fix-files.js';
export { unifiedDiff } from '../fix/unified-diff.js';
export { format, FORMAT_NAMES } from '../formatters/index.js';
export { findFiles, missingPathsMessage, nothingFoundMessage } from '../node/find-files.js';
export { lintPaths } from '../node/lint-paths.js';
export { cacheFilePath, deleteCacheFile, FileCache } from '../node/cache.js';
// The ESLint-style flags (cli/flags.ts).
export { globProblem, loadConfigFile, parseConfigText } from '../config/load.js';
export { createConfigResolver } from '../node/config-resolver.js';
export { builtInRules } from '../rules/index.js';
export { parse as parseYamlValue } from 'yaml';
