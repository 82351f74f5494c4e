import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../parse/parse-yaml.js';
import { get } from '../parse/nodes.js';
import { yamlScalar } from './yaml-edits.js';

const readBack = (rendered: string) => {
  const y = parseYaml(`k: ${rendered}\n`);
  if (y.errors.length) throw new Error(`${rendered}: ${y.errors[0].message}`);
  const n = get(y.root, 'k');
  return n?.type === 'scalar' ? n.value : undefined;
};

describe('yamlScalar', () => {
  it('writes plain text plain', () => {
    for (const s of ['userSessionId', 'Flow.userSessionId', 'ToString(Flow.x)', 'nobody', 'online', 'session id', 'a-b/c']) expect(yamlScalar(s)).toBe(s);
  });

  it('quotes what YAML would read as something else', () => {
    for (const s of ['', 'true', 'No', 'y', 'null', '~', '5', '5.50', '-1', '.5', 'a: b', 'a #b', 'x ', ' x', '{{x}}', '${x}', '*x', '&x', '!x', '#x', '- x', '[x]', 'it\'s', 'say "hi"', 'é']) {
      expect(yamlScalar(s), s).toBe(JSON.stringify(s));
    }
  });

  it('always reads back as the same string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '.', ':', '#', '-', '_', '"', "'", '\\', '{', '}', '$', '(', ')', '/', '\t', 'é', 'y', 'n') }), (s) => {
        expect(readBack(yamlScalar(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
