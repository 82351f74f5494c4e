// What the CLI needs to find files, lint them and print the report, behind one dynamic import (cli/main.ts).
// None of it loads the rules, parsers or ajv: `lintPaths` imports them once it has found a file to lint, so a run
// in a folder with nothing to lint starts nearly as fast as node (the README's Performance section).
export { ConfigError } from '../config/config-error.js';
export { unifiedDiff } from '../fix/unified-diff.js';
export { formatWithRules, FORMAT_NAMES } from '../formatters/format.js';
export { missingPathsMessage, nothingFoundMessage } from '../node/find-files.js';
export { lintPaths } from '../node/lint-paths.js';
// The cache file (node:fs and node:crypto only): every run needs its path, a run without --cache deletes it.
export { cacheFilePath, deleteCacheFile, FileCache } from '../node/cache.js';
