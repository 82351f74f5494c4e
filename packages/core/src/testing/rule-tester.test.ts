import { describe, expect, it } from 'vitest';
import { RuleTester, type InvalidCase, type ValidCase } from './rule-tester.js';
import { defineRule, type Rule } from '../rules/rule.js';
import { walk, isScalar } from '../parse/nodes.js';

/** A toy rule: every scalar `bad` is reported; fixed to `good` (or, with `breakFix`, to broken YAML). */
function toyRule(fixText = 'good'): Rule {
  return defineRule({
    meta: {
      id: 'test/no-bad',
      description: 'no bad',
      severity: 'error',
      kinds: ['flow'],
      fixable: true,
      hasSuggestions: true,
      docs: { url: 'x', recommended: false },
      messages: { bad: 'Found {{what}}.', useGood: 'Use good.' },
    },
    check(context) {
      walk(context.file.root, (n) => {
        if (isScalar(n) && n.value === 'bad') {
          const fix = { range: n.range, text: fixText };
          context.report({ node: n, messageId: 'bad', data: { what: 'bad' }, fix, suggest: [{ messageId: 'useGood', fix }] });
        }
      });
    },
  });
}

/** Runs the tester with a fake describe/it, collecting each case's outcome. */
function outcomes(rule: Rule, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): Record<string, string> {
  const out: Record<string, string> = {};
  new RuleTester({
    describe: (_n, fn) => fn(),
    it: (name, fn) => {
      try {
        fn();
        out[name] = 'pass';
      } catch (e) {
        out[name] = (e as Error).message;
      }
    },
  }).run(rule, cases);
  return out;
}

const code = 'inboundCall:\n  name: bad\n';

describe('RuleTester', () => {
  it('passes correct cases', () => {
    const r = outcomes(toyRule(), {
      valid: [{ name: 'v', code: 'inboundCall:\n  name: ok\n' }],
      invalid: [{ name: 'i', code, errors: [{ messageId: 'bad', message: 'Found bad.', line: 2, column: 9, endLine: 2, endColumn: 12, suggestions: [{ desc: 'Use good.', output: 'inboundCall:\n  name: good\n' }] }], output: 'inboundCall:\n  name: good\n' }],
    });
    expect(r).toEqual({ v: 'pass', i: 'pass' });
  });

  it('fails a valid case that reports, and wrong positions, messages, counts and outputs', () => {
    const r = outcomes(toyRule(), {
      valid: [{ name: 'reports', code }],
      invalid: [
        { name: 'line', code, errors: [{ line: 3 }] },
        { name: 'message', code, errors: [{ message: /nothing/ }] },
        { name: 'count', code, errors: 2 },
        { name: 'output', code, errors: 1, output: 'inboundCall:\n  name: bad\n' },
        { name: 'no fix expected', code, errors: 1, output: null },
        { name: 'suggestion output', code, errors: [{ suggestions: [{ output: 'x' }] }] },
      ],
    });
    expect(r.reports).toMatch(/Expected no problems/);
    expect(r.line).toBe('problem #1 line: expected 3, got 2');
    expect(r.message).toMatch(/does not match/);
    expect(r.count).toMatch(/number of problems: expected 2, got 1/);
    expect(r.output).toMatch(/fix output/);
    expect(r['no fix expected']).toMatch(/number of fixes: expected 0, got 1/);
    expect(r['suggestion output']).toMatch(/suggestion #1 output/);
  });

  it('fails a fix whose output does not parse, or that still triggers the rule', () => {
    const broken = outcomes(toyRule('[unclosed'), { valid: [], invalid: [{ name: 'b', code, errors: 1, output: 'inboundCall:\n  name: [unclosed\n' }] });
    expect(broken.b).toMatch(/does not lint cleanly/);
    const loops = outcomes(toyRule('bad'), { valid: [], invalid: [{ name: 'l', code, errors: 1, output: code }] });
    expect(loops.l).toMatch(/still reports/);
  });

  it('fails when test code has a parse error of its own', () => {
    const r = outcomes(toyRule(), { valid: [{ name: 'p', code: 'inboundCall: [\n' }], invalid: [] });
    expect(r.p).toMatch(/does not lint cleanly apart from the rule: Parse error/);
  });

  it('fails a fix or a suggestion whose output creates a finding of another rule', () => {
    // The toy rule "fixes" a participant-data key `bad` to an empty string: participant-data/literal-key then
    // reports an empty key, which the original text did not have.
    const flow = (key: string) =>
      ['inboundCall:', '  name: x', '  startUpTaskActions:', '    - setParticipantData:', '        name: Set', '        attributes:', '          - attribute:', '              name:', `                lit: ${key}`, '              value:', '                lit: v', ''].join('\n');
    const r = outcomes(toyRule('""'), {
      valid: [],
      invalid: [
        { name: 'fix', code: flow('bad'), errors: 1, output: flow('""') },
        { name: 'suggestion', code: flow('bad'), errors: [{ suggestions: [{ output: flow('""') }] }] },
      ],
    });
    expect(r.fix).toMatch(/^The fix creates finding\(s\) of other rules:\n {2}9:22 participant-data\/literal-key /);
    expect(r.suggestion).toMatch(/^problem #1 suggestion #1 creates finding\(s\) of other rules:\n {2}9:22 participant-data\/literal-key /);
    // A case that states neither the fix output nor the suggestions is checked all the same.
    const unstated = outcomes(toyRule('""'), { valid: [], invalid: [{ name: 'u', code: flow('bad'), errors: 1 }] });
    expect(unstated.u).toMatch(/creates finding\(s\) of other rules:\n {2}9:22 participant-data\/literal-key /);
    // The same edit to a key that stays valid passes.
    const ok = outcomes(toyRule('good'), { valid: [], invalid: [{ name: 'ok', code: flow('bad'), errors: 1, output: flow('good') }] });
    expect(ok.ok).toBe('pass');
  });
});
