import type { Rule } from './rule.js';

/**
 * Each messageId is one whole sentence: what a placeholder carries comes from the user's file (a key, a ref, a
 * value, a count), never a clause of our English built in code — a clause in a placeholder cannot be translated,
 * documented or searched for, and it hides a second message behind one id. RuleTester holds every report of a
 * built-in rule to this, across all its cases.
 *
 * A placeholder inside a code span (`` `{{key}}` ``) or double quotes (`"{{key}}"`) shows the user's text as
 * written, so any value goes. One in running text must be declared here with the kind of value it carries, and
 * every value a report gives it must be of that kind.
 */
export const VALUE_KINDS = {
  /** A number from the file: a count, a length, a limit. */
  count: /^\d+$/,
  /** An HTTP method as the data action names it. */
  httpMethod: /^[A-Z]+$/,
  /** JSON Schema type names from the user's schema, joined as the schema lists them. */
  jsonTypes: /^(string|number|integer|boolean|object|array|null)( or (string|number|integer|boolean|object|array|null))*$/,
  /** Names from the user's files, each in a code span, joined by commas, `and` or `or` (`, …` for the rest). */
  codeList: /^`[^`]*`((, |,? and |,? or )`[^`]*`)*(, …)?$/,
  /** A number or a boolean literal from the user's file, as YAML reads it. */
  scalar: /^(-?[\d.]+(e[+-]?\d+)?|-?Infinity|NaN|true|false)$/i,
  /** Names from the user's files, each in a code span with how often it occurs (`` `delay` ×2, `Delay` ×1 ``). */
  codeCounts: /^`[^`]*` ×\d+(, `[^`]*` ×\d+)*$/,
  /** The JSON Schema validator's (ajv's) own words for the rule a schema breaks: `must be array`. */
  schemaRule: /^must .+$/,
  /** A file's path in the repository. */
  path: /^[^\n`]+\.[A-Za-z0-9]+$/,
  /** One word of Archy's own vocabulary, as it is written in the file (`Set`/`Get`, `task`/`menu`). */
  archyWord: /^[A-Za-z]+$/,
} as const satisfies Record<string, RegExp>;

export type ValueKind = keyof typeof VALUE_KINDS;

/** Placeholders of built-in rules that stand in running text, by rule id; `{}` when every one is in a code span. */
export const PLACEHOLDER_KINDS: Readonly<Record<string, Readonly<Record<string, ValueKind>>>> = {
  'participant-data/literal-key': { op: 'archyWord', inputs: 'codeList' },
  'participant-data/key-looks-like-variable': { op: 'archyWord' },
  'participant-data/read-never-set': {},
  'participant-data/key-case-drift': { others: 'codeCounts' },
  'participant-data/value-type': { type: 'archyWord', length: 'count', max: 'count' },
  'flow/schema': { expected: 'codeList', types: 'codeList', count: 'count', limit: 'count', message: 'schemaRule' },
  'flow/flow-type-key': {},
  'flow/ref-resolves': { kind: 'archyWord', plural: 'archyWord' },
  'flow/variable-scope': {},
  'flow/substitution-undefined': {},
  'flow/substitution-unquoted': {},
  'terraform/dollar-escape': {},
  'terraform/flow-filepath': {},
  'terraform/file-content-hash': { path: 'path' },
  'call-data/action-exists': { expected: 'codeList' },
  'call-data/contract': { known: 'codeList', outputs: 'codeList', problem: 'schemaRule', value: 'scalar' },
  'call-data/handles-failure': { outputs: 'codeList' },
  'data-action/json-escape': {},
  'data-action/url-escape': {},
  'data-action/request-json': { method: 'httpMethod' },
  'data-action/get-with-body': { method: 'httpMethod' },
  'data-action/translation-map': { keys: 'codeList', known: 'codeList' },
  'data-action/contract-schema': { problem: 'schemaRule' },
  'data-action/participant-attributes': { type: 'jsonTypes' },
  'data-action/input-undeclared': {},
  'data-action/success-template': { type: 'jsonTypes' },
  'data-action/escape-misuse': {},
};

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of `template` that stand in running text (not in a code span, not in double quotes). */
export function placeholdersInProse(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const before = template.slice(0, m.index);
    const inCode = (before.match(/`/g)?.length ?? 0) % 2 === 1;
    const quoted = before.endsWith('"') && template[m.index! + m[0].length] === '"';
    if (!inCode && !quoted) out.push(m[1]);
  }
  return out;
}

/**
 * What is wrong with one report (or suggestion) of `rule`: the rendered text is not a sentence (a capital letter
 * or a code span first, `.`/`?`/`!` last), or a placeholder in running text carries a value that is not of its
 * declared kind. Rules not listed in `PLACEHOLDER_KINDS` (other packages' rules) are held to the sentence only.
 */
export function messageProblems(rule: Rule, messageId: string, data: Record<string, unknown> | undefined): string[] {
  const problems: string[] = [];
  // As the linter renders it: one pass, so a `{{…}}` inside a value is never expanded again.
  const rendered = (rule.meta.messages[messageId] ?? '').replace(PLACEHOLDER, (m, k: string) => (data && k in data ? String(data[k]) : m));
  const id = rule.meta.id;
  if (!/^[A-Z`]/.test(rendered)) problems.push(`"${messageId}" renders a message that does not start with a capital letter or a code span: ${JSON.stringify(rendered)}`);
  if (!/[.?!]$/.test(rendered)) problems.push(`"${messageId}" renders a message that does not end with ".", "?" or "!": ${JSON.stringify(rendered)}`);
  const kinds = Object.hasOwn(PLACEHOLDER_KINDS, id) ? PLACEHOLDER_KINDS[id] : undefined;
  if (!kinds) return problems;
  for (const name of placeholdersInProse(rule.meta.messages[messageId] ?? '')) {
    const kind = kinds[name];
    const value = String(data?.[name] ?? '');
    if (!kind) problems.push(`"${messageId}" puts {{${name}}} in running text, but PLACEHOLDER_KINDS declares no value kind for it (put it in a code span or declare what it carries)`);
    else if (!VALUE_KINDS[kind].test(value)) problems.push(`"${messageId}" gives {{${name}}} ${JSON.stringify(value)}, which is not a ${kind} (${VALUE_KINDS[kind]}): a clause of English belongs in the message, under its own messageId`);
  }
  return problems;
}
