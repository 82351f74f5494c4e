import { describe, expect, it } from 'vitest';
import { builtInRules } from './index.js';
import { defineRule, type Rule } from './rule.js';
import { messageProblems, PLACEHOLDER_KINDS, placeholdersInProse, VALUE_KINDS } from './message-values.js';
import { RuleTester } from '../testing/rule-tester.js';

/**
 * Each messageId is one whole sentence with placeholders: RuleTester checks every report of every case against
 * message-values.ts; these check the templates no case may reach, and that the check itself can fail.
 */
describe('built-in rule messages', () => {
  it('every built-in rule declares the placeholders it puts in running text, and only those', () => {
    expect(Object.keys(PLACEHOLDER_KINDS).sort()).toEqual(builtInRules.map((r) => r.meta.id).sort());
    for (const rule of builtInRules) {
      const inProse = new Set(Object.values(rule.meta.messages).flatMap(placeholdersInProse));
      const declared = new Set(Object.keys(PLACEHOLDER_KINDS[rule.meta.id]));
      expect([...inProse].filter((p) => !declared.has(p)), `${rule.meta.id}: placeholders in running text without a value kind`).toEqual([]);
      expect([...declared].filter((p) => !inProse.has(p)), `${rule.meta.id}: value kinds declared for no placeholder in running text`).toEqual([]);
    }
  });

  it('every template is a sentence: a capital, a code span or a placeholder first; ".", "?" or "!" last', () => {
    for (const rule of builtInRules) {
      for (const [id, template] of Object.entries(rule.meta.messages)) {
        expect(template, `${rule.meta.id} ${id}`).toMatch(/^[A-Z`{]/);
        expect(template, `${rule.meta.id} ${id}`).toMatch(/[.?!]$/);
      }
    }
  });

  it('a template that starts with a placeholder starts with one whose kind renders a capital', () => {
    for (const rule of builtInRules) {
      for (const [id, template] of Object.entries(rule.meta.messages)) {
        const first = /^\{\{\s*(\w+)\s*\}\}/.exec(template)?.[1];
        if (!first) continue;
        const kind = PLACEHOLDER_KINDS[rule.meta.id][first];
        expect(['archyWord', 'httpMethod'], `${rule.meta.id} ${id} starts with {{${first}}}`).toContain(kind);
      }
    }
  });
});

/** The shape of literal-key's message before issue 13: an English clause and an optional English tail as data. */
const clauseRule: Rule = defineRule({
  meta: {
    id: 'participant-data/literal-key',
    description: 'old shape',
    severity: 'error',
    kinds: ['flow'],
    docs: { url: 'x', recommended: true },
    messages: {
      dynamicKey: '{{op}} Participant Data attribute name is {{what}} `{{text}}`; attribute names must be literal strings. Choose a literal key{{example}}.',
    },
  },
  check(context) {
    const root = context.file.root;
    if (root) context.report({ node: root, messageId: 'dynamicKey', data: { op: 'Set', what: 'the expression', text: 'Flow.x', example: ' (for example `x`)' } });
  },
});

describe('messageProblems', () => {
  const rule = (messages: Record<string, string>, id = 'data-action/request-json'): Rule =>
    ({ meta: { ...clauseRule.meta, id, messages }, check() {} }) as Rule;

  it('fails a clause of English in a placeholder the rule does not declare', () => {
    const problems = messageProblems(clauseRule, 'dynamicKey', { op: 'Set', what: 'the expression', text: 'Flow.x', example: '' });
    expect(problems.join('\n')).toMatch(/puts \{\{what\}\} in running text, but PLACEHOLDER_KINDS declares no value kind/);
    expect(problems.join('\n')).toMatch(/puts \{\{example\}\} in running text/);
  });

  it('fails a declared placeholder given English instead of its kind of value', () => {
    const r = rule({ invalid: 'The {{method}} request body is not valid JSON: `{{found}}` follows the body.' });
    expect(messageProblems(r, 'invalid', { method: 'POST', found: 'x' })).toEqual([]);
    expect(messageProblems(r, 'invalid', { method: 'the POST', found: 'x' }).join('\n')).toMatch(/gives \{\{method\}\} "the POST", which is not a httpMethod/);
    const contract = rule({ unknown: '`{{name}}` is not an input (inputs: {{known}}).' }, 'call-data/contract');
    expect(messageProblems(contract, 'unknown', { name: 'a', known: '`b`, `c`, …' })).toEqual([]);
    expect(messageProblems(contract, 'unknown', { name: 'a', known: 'none' }).join('\n')).toMatch(/gives \{\{known\}\} "none", which is not a codeList/);
  });

  it('fails a rendered message that does not start with a capital or end like a sentence', () => {
    const r = rule({ lower: '{{method}} is not sent.', open: 'The {{method}} request is not sent' });
    expect(messageProblems(r, 'lower', { method: 'get' }).join('\n')).toMatch(/does not start with a capital letter or a code span/);
    expect(messageProblems(r, 'open', { method: 'GET' }).join('\n')).toMatch(/does not end with "\.", "\?" or "!"/);
  });

  it('lets any value into a code span or double quotes: that is the user\'s text as written', () => {
    expect(placeholdersInProse('`{{a}}` is "{{b}}", {{c}} and `x {{d}} y`.')).toEqual(['c']);
  });

  it('every value kind is anchored (a kind that matches a clause by accident would let it through)', () => {
    for (const [kind, re] of Object.entries(VALUE_KINDS)) {
      expect(re.source, kind).toMatch(/^\^.*\$$/);
      expect(re.test('the flow is deployed with the literal text'), kind).toBe(false);
    }
  });
});

describe('RuleTester holds reports to it', () => {
  it('fails a case whose report carries a clause of English, even when the case expects that very message', () => {
    const outcome: string[] = [];
    new RuleTester({
      describe: (_n, fn) => fn(),
      it: (_n, fn) => {
        try {
          fn();
          outcome.push('pass');
        } catch (e) {
          outcome.push((e as Error).message);
        }
      },
    }).run(clauseRule, {
      valid: [],
      invalid: [{ code: 'inboundCall:\n  name: x\n', errors: [{ message: 'Set Participant Data attribute name is the expression `Flow.x`; attribute names must be literal strings. Choose a literal key (for example `x`).' }] }],
    });
    expect(outcome).toHaveLength(1);
    expect(outcome[0]).toMatch(/^Rule participant-data\/literal-key:\n.*\{\{what\}\}/);
  });
});
