import { describe, expect, it } from 'vitest';
import { parseJson } from './parse-json.js';
import { getPath, type ScalarNode } from './nodes.js';
import { valueIndexToOffset, valueRangeToSource } from './string-offsets.js';
import { SourceText } from '../source/source-text.js';

describe('parseJson', () => {
  it('positions every value', () => {
    const src = '{\n  "name": "Lookup",\n  "config": {"request": {"requestType": "POST"}}\n}';
    const j = parseJson(src);
    expect(j.errors).toEqual([]);
    const rt = getPath(j.root, ['config', 'request', 'requestType']) as ScalarNode;
    expect(src.slice(...rt.range)).toBe('"POST"');
    expect(new SourceText(src).positionAt(rt.range[0])).toEqual({ line: 3, column: 41 });
  });

  it('reports syntax errors with line and column', () => {
    const src = '{\n  "a": 1,\n  "b": 2,\n}';
    const j = parseJson(src);
    expect(j.root).toBeNull();
    expect(j.errors[0].message).toMatch(/invalid JSON/);
    const pos = new SourceText(src).positionAt(j.errors[0].range[0]);
    expect(pos.line).toBe(4); // the trailing comma is only wrong once the brace comes
  });

  it('rejects comments (the Genesys import does)', () => {
    const j = parseJson('{\n  // note\n  "a": 1\n}');
    expect(j.errors[0].message).toBe('Comments are not allowed in JSON (invalid JSON)');
    expect(new SourceText('{\n  // note\n  "a": 1\n}').positionAt(j.errors[0].range[0])).toEqual({ line: 2, column: 3 });
  });

  it('reports an empty document', () => {
    expect(parseJson('').errors[0].message).toMatch(/Empty JSON document|Value expected/);
  });

  it('reports duplicate keys at the second key', () => {
    const src = '{"a": 1,\n "b": {"x": 1, "x": 2}}';
    const j = parseJson(src);
    expect(j.errors).toHaveLength(1);
    expect(j.errors[0].message).toBe('Duplicate key "x"');
    expect(new SourceText(src).positionAt(j.errors[0].range[0])).toEqual({ line: 2, column: 16 });
  });
});

describe('valueIndexToOffset: positions inside JSON strings', () => {
  // The shape of a real requestTemplate: escaped quotes and newlines before the Velocity reference.
  const src = '{"requestTemplate": "{\\n  \\"id\\": \\"${input.id}\\",\\n  \\"n\\": \\"\\u00e9${input.name}\\"\\n}"}';
  const node = getPath(parseJson(src).root, ['requestTemplate']) as ScalarNode;
  const value = node.value as string;

  it('maps decoded indexes across \\n, \\" and \\u escapes to source offsets', () => {
    for (const needle of ['${input.id}', '${input.name}']) {
      const i = value.indexOf(needle);
      const offset = valueIndexToOffset(src, node, i);
      expect(src.slice(offset, offset + needle.length)).toBe(needle);
    }
  });

  it('maps a range', () => {
    const i = value.indexOf('${input.name}');
    const [s, e] = valueRangeToSource(src, node, i, i + '${input.name}'.length);
    expect(src.slice(s, e)).toBe('${input.name}');
  });

  it('maps index 0 to just after the opening quote and the end to the closing quote', () => {
    expect(valueIndexToOffset(src, node, 0)).toBe(node.range[0] + 1);
    expect(valueIndexToOffset(src, node, value.length)).toBe(node.range[1] - 1);
  });

  it('handles surrogate pairs written as two \\u escapes', () => {
    const s = '{"t": "\\ud83d\\ude00${x}"}';
    const n = getPath(parseJson(s).root, ['t']) as ScalarNode;
    const i = (n.value as string).indexOf('${x}');
    expect(s.slice(valueIndexToOffset(s, n, i)).startsWith('${x}')).toBe(true);
  });
});
