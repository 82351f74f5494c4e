import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse-yaml.js';
import { parseFile } from './parse-file.js';
import { getPath, isSeq, toJS, type ScalarNode } from './nodes.js';

const at = (src: string, range: [number, number]) => {
  const before = src.slice(0, range[0]).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};

describe('parseYaml', () => {
  it('gives every node its exact range', () => {
    const src = 'inboundCall:\n  name: Main\n  menus:\n    - menu:\n        refId: main # comment\n';
    const y = parseYaml(src);
    expect(y.errors).toEqual([]);
    const refId = getPath(y.root, ['inboundCall', 'menus', 0, 'menu', 'refId']) as ScalarNode;
    expect(src.slice(...refId.range)).toBe('main');
    expect(at(src, refId.range)).toEqual({ line: 5, column: 16 });
    const menus = getPath(y.root, ['inboundCall', 'menus']);
    expect(isSeq(menus)).toBe(true);
    // Block collections end at their last child, not after trailing comments.
    expect(src.slice(menus!.range[1])).toBe(' # comment\n');
  });

  it('reports syntax errors with their position and no tree', () => {
    const src = 'inboundCall:\n  name: Main\n  menus: [unclosed\n';
    const y = parseYaml(src);
    expect(y.root).toBeNull();
    expect(y.errors.length).toBeGreaterThan(0);
    expect(y.errors[0].message).not.toContain('\n');
    expect(at(src, y.errors[0].range).line).toBeGreaterThanOrEqual(3);
  });

  it('reports a badly indented sequence item at its line', () => {
    const src = 'inboundCall:\n  name: Main\n  menus:\n    - a\n   - b\n';
    const y = parseYaml(src);
    expect(y.errors.length).toBeGreaterThan(0);
    expect(at(src, y.errors[0].range)).toEqual({ line: 5, column: 1 });
  });

  it('reports a colon-space inside a plain value at its line and column', () => {
    const src = 'inboundCall:\n  name: Main\n  description: a: b\n';
    const y = parseYaml(src);
    expect(y.errors[0].message).toBe('Nested mappings are not allowed in compact mappings');
    expect(at(src, y.errors[0].range)).toEqual({ line: 3, column: 16 });
  });

  it('reports duplicate keys (the platform keeps only one) at the second key', () => {
    const src = 'inboundCall:\n  name: A\n  name: B\n';
    const y = parseYaml(src);
    expect(y.errors).toHaveLength(1);
    expect(y.errors[0].message).toMatch(/unique|duplicate/i);
    expect(at(src, y.errors[0].range)).toEqual({ line: 3, column: 3 });
  });

  it('keeps scalar types and styles', () => {
    const y = parseYaml('a: 5\nb: "5"\nc: true\nd: \'x\'\ne: |\n  block\nf:\n');
    expect(toJS(y.root)).toEqual({ a: 5, b: '5', c: true, d: 'x', e: 'block\n', f: null });
    expect((getPath(y.root, ['b']) as ScalarNode).style).toBe('double');
    expect((getPath(y.root, ['d']) as ScalarNode).style).toBe('single');
    expect((getPath(y.root, ['e']) as ScalarNode).style).toBe('block');
  });

  it('shares aliased nodes instead of expanding them, and refuses alias bombs', () => {
    const y = parseYaml('a: &x {k: v}\nb: *x\n');
    expect(getPath(y.root, ['b'])).toBe(getPath(y.root, ['a']));
    const lines = ['a: &a [x]'];
    for (let i = 0; i < 1100; i++) lines.push(`k${i}: *a`);
    const bomb = parseYaml(lines.join('\n'));
    expect(bomb.errors[0]?.message).toMatch(/aliases/);
  });

  it('collects cxlint directive comments', () => {
    const y = parseYaml('a: 1 # cxlint-disable-line x/y\n# cxlint-disable-next-line a/b -- why\nb: 2\n');
    expect(y.comments.map((c) => c.text)).toEqual(['# cxlint-disable-line x/y', '# cxlint-disable-next-line a/b -- why']);
  });
});

describe('parseFile', () => {
  it('strips a BOM and keeps positions relative to the text without it', () => {
    const f = parseFile('flow.yaml', '\uFEFFinboundCall:\n  name: X\n');
    expect(f.kind).toBe('flow');
    expect(f.errors).toEqual([]);
    const name = getPath(f.root, ['inboundCall', 'name']) as ScalarNode;
    expect(f.source.positionAt(name.range[0])).toEqual({ line: 2, column: 9 });
  });

  it('parses CRLF files with exact positions', () => {
    const f = parseFile('flow.yaml', 'inboundCall:\r\n  name: X\r\n  division: Home\r\n');
    const d = getPath(f.root, ['inboundCall', 'division']) as ScalarNode;
    expect(d.value).toBe('Home');
    expect(f.source.positionAt(d.range[0])).toEqual({ line: 3, column: 13 });
    expect(f.source.positionAt(d.range[1])).toEqual({ line: 3, column: 17 });
  });

  it('never throws, whatever the input', () => {
    for (const t of ['', '\0\0', '{{', ':::', 'inboundCall: [', '- - - -', '"unterminated', 'inboundCall:\n\t- tab']) {
      expect(() => parseFile('x.yaml', t, 'flow')).not.toThrow();
    }
  });
});

describe('YAML merge keys and multi-document files', () => {
  it('resolves `<<` as YAML 1.1 defines it: own keys win, earlier merged maps win over later, `<<` is gone', () => {
    const text = ['a: &a {x: 1, y: 1}', 'b: &b {y: 2, z: 2}', 'c:', '  <<: [*a, *b]', '  x: own', ''].join('\n');
    for (const fast of [true, false]) {
      expect(toJS(parseYaml(text, fast).root), `fast: ${fast}`).toEqual({ a: { x: 1, y: 1 }, b: { y: 2, z: 2 }, c: { x: 'own', y: 1, z: 2 } });
    }
  });

  it('a merged value keeps the position of the text that holds it', () => {
    const text = 'base: &d\n  name: Shared\nitem:\n  <<: *d\n';
    const root = parseYaml(text).root;
    const name = getPath(root, ['item', 'name']) as ScalarNode;
    expect(name.value).toBe('Shared');
    expect(text.slice(name.range[0], name.range[1])).toBe('Shared');
  });

  it('a quoted "<<" is an ordinary key', () => {
    expect(toJS(parseYaml('a: &a {x: 1}\nb:\n  "<<": *a\n').root)).toEqual({ a: { x: 1 }, b: { '<<': { x: 1 } } });
  });

  it('several documents: our message, counting them, at the second one', () => {
    const text = 'inboundCall:\n  name: a\n---\ninboundCall:\n  name: b\n---\nx: 1\n';
    const { errors } = parseYaml(text);
    expect(errors).toEqual([{ message: expect.stringMatching(/^a flow file holds one YAML document; this one has 3 \(the second starts at line 3\)/), range: [text.indexOf('---'), text.indexOf('---') + 1] }]);
  });
});
