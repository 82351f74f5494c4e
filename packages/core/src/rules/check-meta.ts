import { DOCS_BASE, ruleDocsUrl, type ReportDescriptor, type Rule } from './rule.js';

/**
 * What `createLinter` checks before it runs a rule, so a broken rule fails when it is loaded, with its id in the
 * message, rather than as a wrong finding on someone's pull request. Not a rule: shared by the engine only.
 */
const ID = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/;
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
/**
 * A whole sentence: starts with a capital, a code span or a placeholder, and ends with `.`, `?` or `!`. What a
 * placeholder may carry (a value, never a clause of English) is held per report by RuleTester (message-values.ts).
 */
const SENTENCE_START = /^[A-Z`{]/;
const SENTENCE_END = /[.?!]$/;
const SEVERITIES = new Set(['error', 'warn']);

export class RuleMetaError extends Error {
  constructor(ruleId: string, problem: string) {
    super(`Rule ${ruleId || '(no id)'}: ${problem}`);
    this.name = 'RuleMetaError';
  }
}

/** Throws a `RuleMetaError` naming the rule and the problem; returns the rules unchanged when all are sound. */
export function checkRules(rules: readonly Rule[]): readonly Rule[] {
  const seen = new Set<string>();
  for (const rule of rules) {
    const meta = rule?.meta;
    const id = typeof meta?.id === 'string' ? meta.id : '';
    const fail = (problem: string): never => {
      throw new RuleMetaError(id, problem);
    };
    if (!meta || typeof rule.check !== 'function') fail('a rule is `{ meta, check(context) }` (use defineRule).');
    if (!ID.test(id)) fail(`the id must be \`area/name\` in lower-case kebab case (the rule lives at src/rules/<area>/<name>.ts), got ${JSON.stringify(meta.id)}.`);
    if (seen.has(id)) fail('two rules have this id.');
    seen.add(id);
    if (!SEVERITIES.has(meta.severity)) fail(`meta.severity must be "error" or "warn", got ${JSON.stringify(meta.severity)}.`);
    if (!Array.isArray(meta.kinds) || !meta.kinds.length) fail('meta.kinds must list the file kinds the rule runs on.');
    if (typeof meta.docs?.url !== 'string') fail('meta.docs.url is missing.');
    // A built-in rule's doc lives at docs/rules/<id>.md: a url under that base names the rule's own path.
    if (meta.docs.url.startsWith(DOCS_BASE) && meta.docs.url !== ruleDocsUrl(id)) {
      fail(`meta.docs.url ${meta.docs.url} does not match the id (expected ${ruleDocsUrl(id)}).`);
    }
    const messages = Object.entries(meta.messages ?? {});
    if (!messages.length) fail('meta.messages is empty: every report names a messageId.');
    for (const [messageId, template] of messages) {
      if (typeof template !== 'string' || !template.trim()) fail(`message "${messageId}" is empty.`);
      const t = template.trim();
      if (!SENTENCE_START.test(t) || !SENTENCE_END.test(t)) {
        fail(`message "${messageId}" must be a whole sentence (a capital, a code span or a placeholder first; ".", "?" or "!" last): ${JSON.stringify(template)}.`);
      }
    }
  }
  return rules;
}

/**
 * Checked at every report, as ESLint does: a fix from a rule whose meta does not say `fixable`, a suggestion from
 * one without `hasSuggestions`, or a template whose placeholders the report does not fill is the rule's bug.
 */
export function checkReport(rule: Rule, d: ReportDescriptor): void {
  const { meta } = rule;
  if (d.fix && !meta.fixable) throw new RuleMetaError(meta.id, 'reported a fix, but meta.fixable is not set.');
  if (d.suggest?.length && !meta.hasSuggestions) throw new RuleMetaError(meta.id, 'reported suggestions, but meta.hasSuggestions is not set.');
  checkFilled(rule, d.messageId, d.data);
  for (const s of d.suggest ?? []) {
    if (meta.messages[s.messageId] === undefined) throw new RuleMetaError(meta.id, `suggested with unknown messageId "${s.messageId}".`);
    checkFilled(rule, s.messageId, s.data);
  }
}

function checkFilled(rule: Rule, messageId: string, data: Record<string, unknown> | undefined): void {
  for (const m of (rule.meta.messages[messageId] ?? '').matchAll(PLACEHOLDER)) {
    if (!data || !(m[1] in data)) throw new RuleMetaError(rule.meta.id, `message "${messageId}" needs data.${m[1]}, which the report did not give.`);
  }
}
