import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPlaceholders, maskSubstitutions, restoreSubstitutions } from './substitutions.js';
import { parseYaml } from './parse-yaml.js';
import { get, getPath, isMap, isScalar, type ScalarNode } from './nodes.js';
import { SourceText } from '../source/source-text.js';

describe('substitution masking', () => {
  const text = 'inboundCall:\n  name: {{flow_name}}\n  division: "{{ division }}"\n';

  it('finds each placeholder with its exact offsets and trimmed name', () => {
    const found = findPlaceholders(text);
    expect(found.map((p) => [p.name, p.raw, text.slice(p.start, p.end)])).toEqual([
      ['flow_name', '{{flow_name}}', '{{flow_name}}'],
      ['division', '{{ division }}', '{{ division }}'],
    ]);
  });

  it('masks with tokens of the same length, so every offset and line stays put', () => {
    const masked = maskSubstitutions(text, findPlaceholders(text));
    expect(masked.length).toBe(text.length);
    expect(masked.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
    expect(masked).not.toContain('{{');
    // Text outside placeholders is untouched.
    expect(masked.slice(0, text.indexOf('{{'))).toBe(text.slice(0, text.indexOf('{{')));
  });

  it('reads an unquoted {{x}} value as a string (not a nested map) with its original text and range', () => {
    const y = parseYaml(text);
    expect(y.errors).toEqual([]);
    const name = getPath(y.root, ['inboundCall', 'name']) as ScalarNode;
    expect(isScalar(name)).toBe(true);
    expect(name.value).toBe('{{flow_name}}');
    expect(name.hasSubstitution).toBe(true);
    expect(text.slice(name.range[0], name.range[1])).toBe('{{flow_name}}');
    const division = getPath(y.root, ['inboundCall', 'division']) as ScalarNode;
    expect(division.value).toBe('{{ division }}');
    expect(division.style).toBe('double');
  });

  it('reads an unquoted {{x}} mapping key (as in real callData category maps)', () => {
    const src = [
      'inboundCall:',
      '  tasks:',
      '    - callData:',
      '        category:',
      '          {{integration_category}} :',
      '            dataAction:',
      '              {{data_action_name}}:',
      '                inputs: {}',
    ].join('\n');
    const y = parseYaml(src);
    expect(y.errors).toEqual([]);
    const category = getPath(y.root, ['inboundCall', 'tasks', 0, 'callData', 'category']);
    expect(isMap(category)).toBe(true);
    const key = isMap(category) ? category.pairs[0].key : undefined;
    expect(key?.value).toBe('{{integration_category}}');
    expect(src.slice(key!.range[0], key!.range[1])).toBe('{{integration_category}}');
    const pos = new SourceText(src).positionAt(key!.range[0]);
    expect(pos).toEqual({ line: 5, column: 11 });
    expect(isMap(get(get(category, '{{integration_category}}'), 'dataAction'))).toBe(true);
  });

  it('restores several placeholders inside one value, in order', () => {
    const src = 'a: prefix_{{one}}_{{two}}_suffix\nb: {{one}}\n';
    const y = parseYaml(src);
    expect(get(y.root, 'a')).toMatchObject({ value: 'prefix_{{one}}_{{two}}_suffix', hasSubstitution: true });
    expect(get(y.root, 'b')).toMatchObject({ value: '{{one}}' });
  });

  it('leaves masked tokens it cannot match alone (never invents text)', () => {
    const src = 'a: {{x}}';
    const masked = maskSubstitutions(src, findPlaceholders(src));
    const token = masked.slice(3);
    expect(restoreSubstitutions(token, [], 0, 0)).toBe(token);
  });

  it('does not treat braces across lines or nested braces as placeholders', () => {
    expect(findPlaceholders('a: {{x\n}}')).toEqual([]);
    expect(findPlaceholders('a: {{{x}}}').map((p) => p.raw)).toEqual(['{{x}}']);
  });

  it('keeps positions of everything after a placeholder exact in a CRLF file', () => {
    const src = 'inboundCall:\r\n  name: {{flow_name}}\r\n  description: after\r\n';
    const y = parseYaml(src);
    const d = getPath(y.root, ['inboundCall', 'description']) as ScalarNode;
    expect(new SourceText(src).positionAt(d.range[0])).toEqual({ line: 3, column: 16 });
  });

  it('keeps every value and position exact, whatever the mix of placeholders and text (property)', () => {
    const piece = fc.constantFrom('abc', 'x_y', '{{a}}', '{{ flow.input.id }}', '{{b_c}}', '-', '.');
    const value = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.boolean(), (entries, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        // A value that starts with a placeholder is left unquoted, as real files do; others are quoted half the time.
        // (`-` or `.` first would be YAML syntax unquoted, so those are always quoted.)
        entries = entries.map(([v, quote]) => [v, quote || /^[-.]/.test(v)]);
        const lines = entries.map(([v, quote], i) => `k${i}: ${quote ? JSON.stringify(v) : v}`);
        const text = `root:${eol}` + lines.map((l) => `  ${l}`).join(eol) + eol;
        const y = parseYaml(text);
        expect(y.errors).toEqual([]);
        entries.forEach(([v, quote], i) => {
          const n = getPath(y.root, ['root', `k${i}`]) as ScalarNode;
          expect(n.value).toBe(v);
          const written = quote ? JSON.stringify(v) : v;
          expect(text.slice(n.range[0], n.range[1])).toBe(written);
          expect(new SourceText(text).positionAt(n.range[0])).toEqual({ line: i + 2, column: `  k${i}: `.length + 1 });
        });
      }),
      { numRuns: 300 },
    );
  });
});
