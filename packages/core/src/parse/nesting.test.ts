import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Node } from './nodes.js';
import { findHclNestingExcess, findJsonNestingExcess, findYamlNestingExcess, MAX_NESTING } from './nesting.js';
import { parseJson } from './parse-json.js';
import { parseYaml } from './parse-yaml.js';

/** Collections on the deepest path (the root map counts 1), as the parsers build them. */
function depthOf(root: Node | null): number {
  let max = 0;
  const stack: [Node, number][] = root ? [[root, 1]] : [];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (n.type === 'scalar') continue;
    max = Math.max(max, d);
    for (const c of n.type === 'map' ? n.pairs.flatMap((p) => (p.value ? [p.value] : [])) : n.items) stack.push([c, d + 1]);
  }
  return max;
}

/** The estimate: the smallest limit the scanner accepts. */
function estimate(text: string, scan: typeof findYamlNestingExcess): number {
  let d = 0;
  while (scan(text, d)) d++;
  return d;
}

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_. -]{0,8}$/).filter((k) => !k.endsWith(' '));
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('[', ']', '{x', '}', "it's", '"', '# not a comment', 'a: b', '- x', '|', '>', '{{subst}}', 'menu[Main]'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  seq: fc.array(tie('value'), { maxLength: 4 }),
})).map;

const style = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow') as fc.Arbitrary<'any' | 'block' | 'flow'>,
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  flowCollectionPadding: fc.boolean(),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL') as fc.Arbitrary<'PLAIN'>,
  lineWidth: fc.constantFrom(0, 20, 80),
});

describe('nesting limit', () => {
  it('never reads less depth than the YAML parser builds, whatever the style (and never wildly more)', () => {
    fc.assert(
      fc.property(tree, style, (value, options) => {
        const text = stringify({ inboundCall: value }, options);
        const parsed = parseYaml(text);
        fc.pre(parsed.errors.length === 0);
        const real = depthOf(parsed.root);
        const est = estimate(text, findYamlNestingExcess);
        expect(est, text).toBeGreaterThanOrEqual(real);
        expect(est, text).toBeLessThanOrEqual(2 * real + 2);
      }),
      { numRuns: 400 },
    );
  });

  it('reads JSON depth exactly, whitespace and strings with brackets included', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(0, 1, '\t', '\r\n  '), (value, space) => {
        const text = JSON.stringify({ contract: value }, null, space);
        const parsed = parseJson(text);
        expect(estimate(text, findJsonNestingExcess)).toBe(depthOf(parsed.root));
      }),
      { numRuns: 300 },
    );
  });

  it('points at the collection that crosses the limit', () => {
    const text = 'inboundCall:\n  a:\n    b: [[[x]]]\n';
    expect(findYamlNestingExcess(text, 3)).toEqual({ offset: text.indexOf('[['), limit: 3 });
    expect(findYamlNestingExcess(text, 5)).toEqual({ offset: text.indexOf('x]') - 1, limit: 5 });
    expect(findYamlNestingExcess(text, 6)).toBeUndefined(); // root, inboundCall's map, a's map, three sequences
    expect(findJsonNestingExcess('{"a": [{"b": []}]}', 3)).toEqual({ offset: 13, limit: 3 });
  });

  it('a quote right after `?` or `:` with no blank is text, not an opening quote that hides the brackets after it', () => {
    // Found by the property above (seed -890329019): `?'` is a plain scalar, so `{}` after it is one more level.
    for (const text of ["inboundCall: {a: {a: ?', A: {}}}\n", "inboundCall: {a: {a: b:'c, A: {}}}\n"]) {
      expect(depthOf(parseYaml(text).root), text).toBe(4);
      expect(findYamlNestingExcess(text, 3), text).toBeDefined();
    }
  });

  it('brackets inside quotes, comments, block scalars and substitutions do not count', () => {
    const deep = '['.repeat(MAX_NESTING + 5);
    const yaml = [
      'inboundCall:',
      `  a: "${deep}"`,
      `  b: '${deep}'`,
      `  c: x ${deep}`,
      `  # ${deep}`,
      '  d: |',
      `    ${deep}`,
      `  e: ${'{{x}}'.repeat(300)}`,
      '',
    ].join('\n');
    expect(findYamlNestingExcess(yaml.replace(/\{\{x\}\}/g, '\uE000\uE001\uE001\uE000'))).toBeUndefined();
    expect(parseYaml(yaml).errors).toEqual([]);
    expect(findJsonNestingExcess(`{"a": "${deep}", "b": "\\"${deep}"}`)).toBeUndefined();
  });

  it('closers that do not match, or sit in comments, cannot hide depth', () => {
    expect(findJsonNestingExcess('{]'.repeat(MAX_NESTING + 1))).toBeDefined();
    expect(findJsonNestingExcess('[ /* ] */ '.repeat(MAX_NESTING + 1))).toBeDefined();
    expect(findYamlNestingExcess('x: ' + '[ # ]\n'.repeat(MAX_NESTING + 1))).toBeDefined();
    // A quote inside a flow plain scalar is not a string: what follows still counts.
    expect(findYamlNestingExcess("x: [it's, " + '['.repeat(MAX_NESTING + 1))).toBeDefined();
  });

  it('block nesting counts sequences at their parent key’s column and compact `- - -` entries', () => {
    const lines = ['inboundCall:'];
    for (let i = 0; i < 150; i++) lines.push(`${'  '.repeat(i)}- k${i}:`);
    // Each line opens a sequence (at the key's column) and a map: 1 + 2 × 150 levels.
    const text = lines.join('\n') + ' x\n';
    expect(findYamlNestingExcess(text)).toBeDefined();
    expect(parseYaml(text).errors[0].message).toMatch(/nested more than 256 levels/);
    expect(estimate(`a:\n  - - - - x\n`, findYamlNestingExcess)).toBe(5);
  });

  it('Terraform: blocks, objects and tuples count; strings, interpolations, comments and heredocs cannot hide depth', () => {
    const deep = '['.repeat(MAX_NESTING + 1);
    const tf = `resource "x" "y" {\n  a = ${deep}\n}\n`;
    // The block is level 1, so the 256th `[` is the one past the limit.
    expect(findHclNestingExcess(tf)).toEqual({ offset: tf.indexOf('[') + MAX_NESTING - 1, limit: MAX_NESTING });
    // Brackets as text: in strings, `$${` escapes, comments and heredocs.
    for (const inert of [`"${deep}"`, `"$\${${deep}"`, `# ${deep}`, `// ${deep}`, `/* ${deep} */`, `<<EOT\n${deep}\nEOT`, `<<-EOT\n  ${deep}\n  EOT`]) {
      expect(findHclNestingExcess(`a = ${inert}\nb = 1\n`), inert).toBeUndefined();
    }
    // A quote inside an interpolation does not end the string, so the brackets after it still count.
    expect(findHclNestingExcess(`a = "\${"}"}" ${deep}\n`)).toBeDefined();
    expect(findHclNestingExcess(`a = "\${join(",", ["x"])}" ${deep}\n`)).toBeDefined();
    // A heredoc's marker must stand alone on its line to end it.
    expect(findHclNestingExcess(`a = <<EOT\nnot EOT ${deep}\nEOT\nb = ${deep}\n`)).toBeDefined();
  });
});
