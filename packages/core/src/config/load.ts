import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateCxlintConfig } from '@cxlint/schema';
import { Ajv, type ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { toJS } from '../parse/nodes.js';
import { parseJson } from '../parse/parse-json.js';
import { parseYaml } from '../parse/parse-yaml.js';
import { nodeAtPointer } from '../parse/pointer.js';
import { decodeSource, osErrorText } from '../source/read-file.js';
import { SourceText } from '../source/source-text.js';
import { closestByEdits } from '../rules/closest-name.js';
import type { Rule } from '../rules/rule.js';
import type { CxlintConfig, LoadedConfig } from './types.js';
import { ConfigError } from './config-error.js';

export const CONFIG_FILE_NAMES = ['.cxlint.yml', '.cxlint.yaml', '.cxlint.json'];

export { ConfigError };

/** Parses and validates config text. Config is data only: never JavaScript, so a PR cannot run code through it. */
export function parseConfigText(text: string, filePath: string, rules: readonly Rule[]): CxlintConfig {
  const source = new SourceText(text);
  const isJson = filePath.endsWith('.json');
  const parsed = isJson ? parseJson(source.text) : parseYaml(source.text);
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    const pos = source.positionAt(e.range[0]);
    throw new ConfigError(e.message, filePath, pos.line, pos.column);
  }
  const data = (parsed.root ? toJS(parsed.root) : {}) ?? {};
  if (!validateCxlintConfig(data)) {
    const err = pickError(validateCxlintConfig.errors ?? []);
    let pointer = err.instancePath;
    let what = err.instancePath ? `\`${pointerToPath(err.instancePath)}\`` : 'the config';
    let message = err.message ?? 'is invalid';
    if (err.keyword === 'additionalProperties') {
      const extra = String(err.params.additionalProperty);
      pointer = `${err.instancePath}/${extra}`;
      what = `\`${pointerToPath(pointer)}\``;
      message = 'is not a known setting';
    } else if (err.keyword === 'enum') {
      message = `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const { node, pair } = nodeAtPointer(parsed.root, pointer);
    const at = (pair?.key ?? node)?.range[0] ?? 0;
    const pos = source.positionAt(at);
    throw new ConfigError(`${what} ${message}`, filePath, pos.line, pos.column);
  }
  const config = data as CxlintConfig;
  // Globs are compiled here, strictly: `flows/[unclosed` would otherwise match nothing, silently.
  const globLists: [string, string | string[] | undefined][] = [
    ['/ignore', config.ignore],
    ...(config.overrides ?? []).flatMap((o, i) => [[`/overrides/${i}/files`, o.files], [`/overrides/${i}/excludedFiles`, o.excludedFiles]] as [string, string | string[] | undefined][]),
  ];
  for (const [base, list] of globLists) {
    if (list === undefined) continue;
    const globs = ([] as string[]).concat(list);
    globs.forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem === undefined) return;
      const { node } = nodeAtPointer(parsed.root, Array.isArray(list) ? `${base}/${i}` : base);
      const pos = source.positionAt(node?.range[0] ?? 0);
      throw new ConfigError(`\`${pointerToPath(base)}\` has an invalid glob ${JSON.stringify(glob)}: ${problem}`, filePath, pos.line, pos.column);
    });
  }
  const known = new Set(rules.map((r) => r.meta.id));
  const ruleMaps: [string, Record<string, unknown> | undefined][] = [
    ['/rules', config.rules],
    ...(config.overrides ?? []).map((o, i) => [`/overrides/${i}/rules`, o.rules] as [string, Record<string, unknown> | undefined]),
  ];
  for (const [base, map] of ruleMaps) {
    for (const id of Object.keys(map ?? {})) {
      if (known.has(id)) continue;
      const { pair } = nodeAtPointer(parsed.root, `${base}/${escapePointer(id)}`);
      const pos = source.positionAt(pair?.key.range[0] ?? 0);
      const close = closest(id, [...known]);
      throw new ConfigError(`Unknown rule \`${id}\`${close ? ` (did you mean \`${close}\`?)` : ''}`, filePath, pos.line, pos.column);
    }
    // Options are checked against the rule's schema here, so a typo fails loudly instead of being ignored.
    for (const [id, entry] of Object.entries(map ?? {})) {
      if (!Array.isArray(entry) || entry.length < 2) continue;
      const rule = rules.find((r) => r.meta.id === id)!;
      const problem = optionsProblem(rule, entry[1]);
      if (problem === undefined) continue;
      const { node, pair } = nodeAtPointer(parsed.root, `${base}/${escapePointer(id)}/1${problem.pointer}`);
      const pos = source.positionAt((pair?.key ?? node)?.range[0] ?? 0);
      throw new ConfigError(`Options of \`${id}\`: ${problem.message}`, filePath, pos.line, pos.column);
    }
  }
  return config;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** `/rules/participant-data~1literal-key` → `rules.participant-data/literal-key`, for messages. */
function pointerToPath(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** Why a glob is not one picomatch can match as written (unbalanced brackets, braces or parentheses), if it is not. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'it is empty';
  try {
    picomatch.makeRe(glob, { strictBrackets: true, dot: true });
    return undefined;
  } catch (e) {
    const m = /^Missing closing: "(.)"/.exec((e as Error).message);
    return m ? `it opens a ${m[1] === ']' ? 'bracket' : m[1] === '}' ? 'brace' : 'parenthesis'} without the closing \`${m[1]}\` (write \`\\${({ ']': '[', '}': '{', ')': '(' } as Record<string, string>)[m[1]]}\` to match it literally)` : (e as Error).message;
  }
}

/** Why a string is not a regular expression (JavaScript's own words), or undefined when it is one. */
function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
// `format: 'regex'` in a rule's option schema: the pattern is compiled here, when the config loads, so a bad one
// is the user's config error (file, line, key), not an internal error of the rule on every file.
ajv.addFormat('regex', { type: 'string', validate: (s: string) => regexProblem(s) === undefined });
const optionValidators = new WeakMap<object, ValidateFunction>();

/** Why `options` do not fit the rule's `meta.schema` (with a pointer into them), or undefined when they do. */
function optionsProblem(rule: Rule, options: unknown): { message: string; pointer: string } | undefined {
  const schema = rule.meta.schema;
  if (!schema) {
    const empty = options !== null && typeof options === 'object' && !Array.isArray(options) && Object.keys(options).length === 0;
    return empty ? undefined : { message: 'this rule takes no options; give only its severity (for example `error`)', pointer: '' };
  }
  let validate = optionValidators.get(schema);
  if (!validate) optionValidators.set(schema, (validate = ajv.compile(schema)));
  if (validate(options)) return undefined;
  const err = validate.errors![0];
  if (err.keyword === 'additionalProperties') {
    const extra = String(err.params.additionalProperty);
    const known = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
    const close = closest(extra, known);
    return { message: `\`${extra}\` is not an option${close ? ` (did you mean \`${close}\`?)` : known.length ? ` (options: ${known.join(', ')})` : ''}`, pointer: `${err.instancePath}/${escapePointer(extra)}` };
  }
  const where = err.instancePath ? `\`${pointerToPath(err.instancePath)}\` ` : '';
  if (err.keyword === 'format' && err.params.format === 'regex') {
    return { message: `${where}is not a valid regular expression (${regexProblem(String(nodeValue(options, err.instancePath)))})`, pointer: err.instancePath };
  }
  const detail = err.keyword === 'enum' ? `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : (err.message ?? 'is invalid');
  return { message: `${where}${detail}`, pointer: err.instancePath };
}

function nodeValue(data: unknown, pointer: string): unknown {
  let at = data;
  for (const part of pointer.split('/').slice(1)) at = (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return at;
}

// The most specific error reads best: ajv reports the failing anyOf branches too.
function pickError<T extends { keyword: string; instancePath: string }>(errors: T[]): T {
  const preferred = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if');
  const list = preferred.length ? preferred : errors;
  return list.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a), list[0]);
}

/** Config names are exact (rule ids, option names): case counts, and a longer id tolerates more edits. */
function closest(word: string, candidates: string[]): string | undefined {
  return closestByEdits(word, candidates, Math.max(3, word.length / 3), false);
}

/** A config is a few kilobytes; a bigger file is a mistake (or an attack on memory) and is refused unread. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export function loadConfigFile(filePath: string, rules: readonly Rule[]): LoadedConfig {
  const abs = resolve(filePath);
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) {
      throw new ConfigError(`is a folder; --config takes a config file (${CONFIG_FILE_NAMES.join(', ')}), and without it the nearest one is used`, filePath);
    }
    // A named pipe with no writer would block the run forever.
    if (!st.isFile()) throw new ConfigError('is not a regular file (a pipe or a device); a config is a YAML or JSON file', filePath);
    size = st.size;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read config: ${osErrorText(e as NodeJS.ErrnoException)}`, filePath);
  }
  if (size > MAX_CONFIG_SIZE) {
    throw new ConfigError(`config file is ${(size / 1024 / 1024).toFixed(1)} MB, over the 1 MB limit for a config; not read`, filePath);
  }
  // Config is data: a `.js`/`.cjs`/`.mjs`/`.ts` config would be code from whoever wrote the pull request.
  if (!/\.(ya?ml|json)$/i.test(abs)) {
    throw new ConfigError('config files are YAML or JSON data (.cxlint.yml, .cxlint.yaml, .cxlint.json); JavaScript configs and plugins are never loaded', filePath);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    throw new ConfigError(`cannot read config: ${osErrorText(e as NodeJS.ErrnoException)}`, filePath);
  }
  // As for linted files: a UTF-16 config saved by a Windows editor is read, not parsed as noise ("must be object").
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined) throw new ConfigError(`cannot read config: ${decoded.error ?? 'not text'}`, filePath, decoded.errorLine);
  const text = decoded.text;
  return { config: parseConfigText(text, filePath, rules), baseDir: dirname(abs), filePath: abs };
}

/** The config file of one folder (the first of `CONFIG_FILE_NAMES` present), if any. */
function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The nearest config at or above `startDir`; the search stops at the repository root (`.git`). */
export function findConfigFile(startDir: string): string | undefined {
  return configCascade(startDir, () => ({ root: true }))[0];
}

/**
 * The configs that apply to files in `startDir`, nearest first, as in ESLint's legacy cascade: every config at
 * or above it, up to and including the first that says `root: true`, never above the repository root (`.git`).
 * `isRoot` reads a config (the caller loads and caches it).
 */
export function configCascade(startDir: string, isRoot: (file: string) => { root?: boolean }): string[] {
  const out: string[] = [];
  let dir = resolve(startDir);
  for (;;) {
    const file = configFileIn(dir);
    if (file) {
      out.push(file);
      if (isRoot(file).root === true) return out;
    }
    if (existsSync(join(dir, '.git'))) return out;
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}
