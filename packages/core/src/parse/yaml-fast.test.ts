import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse-yaml.js';
import { parseYamlFast, resolvePlain } from './yaml-fast.js';
import { findPlaceholders, maskSubstitutions } from './substitutions.js';

const CORPUS = resolve(import.meta.dirname, '../../../../../shared/corpus');

/** The fast path either gives up or gives exactly what the `yaml` package path gives. */
function agree(text: string): 'fast' | 'fallback' {
  const placeholders = findPlaceholders(text);
  const fast = parseYamlFast(maskSubstitutions(text, placeholders), placeholders);
  if (!fast) return 'fallback';
  const slow = parseYaml(text, false);
  expect(slow.errors, `yaml reports errors the fast path missed in ${JSON.stringify(text)}`).toEqual([]);
  expect(fast.root, JSON.stringify(text)).toEqual(slow.root);
  return 'fast';
}

const SNIPPETS = [
  'a:\nb: 1\n',
  'a:   # comment\n  \nb: |\n  x\n  y\n\n\nc: >-\n  z\n',
  'a: |\n  x',
  'a: |+\n  x\n\n\nb: 1\n',
  'a: >\n  folded\n  text\n\n  more\nb: |2\n    indented\n',
  'k: {a: 1, b}\n',
  'k: {a: , b: 2}\n',
  'k: [a, b, [c, d], {e: f}]\n',
  'k: "x" \nj: \'y\'\n',
  'a: b # c\n',
  'a  : 1\n"b" : 2\n',
  '- a\n- b: 1\n  c: 2\n- - x\n  - y\n',
  'key:\n- a\n- b\n',
  '- \n- a\n',
  '-\n- a\n',
  'x: 1\nx: 2\n',
  '1: a\n01: b\n',
  'true: a\nTrue: b\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '? a\n: b\n',
  '%YAML 1.1\n---\na: yes\n',
  '---\na: 1\n...\n',
  '---\na: 1\n---\nb: 2\n',
  '# only a comment\n',
  '',
  'plain scalar\n',
  'a: multi\n  line\n  plain\nb: 2\n',
  'a: "multi\n  line \\t quoted"\nb: \'it\'\'s\'\n',
  'a: b\r\nc:\r\n  - d\r\n  - e: |\r\n      f\r\n',
  'a: 1\tb\n',
  'a:\tb\n',
  '\ta: 1\n',
  'a: [1, 2\n',
  'a: b: c\n',
  'a: "unterminated\n',
  'n: [~, null, Null, NULL, true, False, 0o17, 0x1F, -12, +3, 1.5, .5, 1e3, -.inf, .NaN, 1_000, 0b101, 012, 1.0]\n',
  'name: {{flow_name}}\nx:\n  lit: "{{a}}_{{ b }}"\n{{key}}: v\n',
  'a: @x\n',
  'a: `x\n',
  'a: x #not a comment#\nb: "#"\n',
  'é: ü\n"\\u00e9": 1\n',
  'a:\n  - b\n  -\n    c: 1\n',
  'a: [\n  1,\n  2,\n]\n',
  '{a: 1}\n',
  '[a, b]\n',
  'a: - b\n',
  `${'k'.repeat(1100)}: v\n`,
  'a:\n  b:\n    c:\n      - d: e\n        f: |\n          g\n      - h\n',
  'a: "x"y\n',
  'a: \'\'\nb: ""\nc:\n',
  '- [a: 1]\n',
  '- {a: 1}\n- [b]\n- "c"\n',
  'a: |\nb: 1\n',
  'a: >-\n\nb: 1\n',
  'a: b\n  # indented comment\nc: d\n',
  'a:\n  # comment first\n  b: 1\n',
];

describe('parseYamlFast agrees with the yaml package path', () => {
  it.each(SNIPPETS.map((s) => [s]))('%j', (text) => {
    agree(text);
  });

  it('takes the fast path for ordinary flows', () => {
    expect(agree('inboundCall:\n  name: x\n  tasks:\n    - task:\n        name: t\n        actions:\n          - setParticipantData:\n              attributes:\n                - attribute:\n                    name:\n                      lit: k\n')).toBe('fast');
  });

  it('falls back on syntax errors, so messages and positions stay the yaml package ones', () => {
    for (const t of ['a: [1, 2\n', 'a: b: c\n', 'x: 1\nx: 2\n', '1: a\n01: b\n', 'a: &x 1\nb: *x\n', '? a\n: b\n', '- \n- a\n']) {
      expect(agree(t), t).toBe('fallback');
    }
  });

  it('resolves plain scalars like the yaml core schema', () => {
    expect(resolvePlain('0o17')).toBe(15);
    expect(resolvePlain('0x1F')).toBe(31);
    expect(resolvePlain('-.inf')).toBe(-Infinity);
    expect(resolvePlain('1_000')).toBe('1_000');
    expect(resolvePlain('012')).toBe(12);
    expect(resolvePlain('yes')).toBe('yes');
    expect(resolvePlain('')).toBe(null);
  });

  it('agrees on documents the yaml package writes from random data', () => {
    const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('lit', 'exp', 'name', '1', 'true', '~', '{{k}}', '- a', '#', 'a: b'));
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('multi\nline', 'trailing ', ' lead', 'x: y', '#c', "it's", '"q"', '{{flow_name}}', '${input.x}', 'a\n\n b', '0o7', '.inf', 'True', ''),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
      map: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      seq: fc.array(tie('node'), { maxLength: 4 }),
    })).node;
    const opts = fc.record({
      flow: fc.boolean(),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      crlf: fc.boolean(),
    });
    let fast = 0;
    fc.assert(
      fc.property(tree, opts, (value, o) => {
        let text = stringify(value, { indent: o.indent, indentSeq: o.indentSeq, lineWidth: o.lineWidth, defaultStringType: o.defaultStringType as 'PLAIN', collectionStyle: o.flow ? 'flow' : 'block' });
        if (o.crlf) text = text.replace(/\n/g, '\r\n');
        if (agree(text) === 'fast') fast++;
      }),
      { numRuns: 1000, seed: Number(process.env.FC_SEED ?? 42) },
    );
    expect(fast).toBeGreaterThan(300);
  }, 120_000);

  it('agrees on mutated flow text (errors included)', () => {
    const base = 'inboundCall:\n  name: {{flow_name}}\n  tasks:\n    - task:\n        name: "T 1"\n        actions:\n          - setParticipantData:\n              attributes:\n                - attribute:\n                    name:\n                      exp: Flow.x # why\n                    value:\n                      lit: |\n                        a\n          - decision: {condition: {exp: "x > 1"}}\n';
    const edit = fc.record({ at: fc.nat(base.length), del: fc.nat(3), ins: fc.constantFrom('', ' ', '  ', ':', '- ', '\n', '\t', '#', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '!', '? ', '|', '>', '\n  ', '\n-', '{{x}}') });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = base;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        agree(text);
      }),
      { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 7) },
    );
  }, 120_000);
});

describe.skipIf(!existsSync(CORPUS))('parseYamlFast on the real corpus (../shared/corpus)', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name)) files.push(p);
    }
  };
  if (existsSync(CORPUS)) walk(CORPUS);

  it('gives the same tree as the yaml package path for every corpus YAML file', () => {
    let fast = 0;
    for (const f of files) if (agree(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')) === 'fast') fast++;
    // Nearly all real flows must take the fast path, or the speed-up is lost.
    expect(fast / files.length).toBeGreaterThan(0.9);
  }, 60_000);
});
