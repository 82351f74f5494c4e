// The engine's entry points the CLI uses beyond finding and linting files (cli/lint-run.ts): fixes, the flags that
// need the rule list or config validation (cli/flags.ts), and the rules SARIF describes. Behind dynamic imports, so
// `--version`, `--help` and a run that finds no file load none of it; the bundled CLI (scripts/bundle-cli.mjs)
// splits at each.
export { fixPaths } from '../fix/fix-files.js';
// The ESLint-style flags (cli/flags.ts).
export { globProblem, loadConfigFile, parseConfigText } from '../config/load.js';
export { createConfigResolver } from '../node/config-resolver.js';
export { builtInRules } from '../rules/index.js';
export { parse as parseYamlValue } from 'yaml';
