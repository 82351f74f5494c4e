import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse-yaml.js';
import { mapNodes, walk, type MapNode, type Pair } from './nodes.js';

describe('mapNodes', () => {
  const text = 'a:\n  b: {c: 1}\n  d:\n    - e: 2\n    - [f, {g: 3}]\nh: 4\n';
  const root = parseYaml(text).root;

  it('lists every map in walk order, with the pair each hangs from', () => {
    const maps: MapNode[] = [];
    const parents: (Pair | undefined)[] = [];
    walk(root, (node, pair) => {
      if (node.type === 'map') {
        maps.push(node);
        parents.push(pair);
      }
    });
    const index = mapNodes(root);
    expect(index.maps).toEqual(maps);
    expect(index.maps.map((m) => text.slice(m.range[0], m.range[1]))).toEqual([
      text.trimEnd(),
      'b: {c: 1}\n  d:\n    - e: 2\n    - [f, {g: 3}]',
      '{c: 1}',
      'e: 2',
      '{g: 3}',
    ]);
    expect(index.parents.map((p) => p && p.key.value)).toEqual([undefined, 'a', 'b', undefined, undefined]);
    for (let i = 0; i < maps.length; i++) expect(index.parents[i]).toBe(parents[i]);
  });

  it('is computed once per tree', () => {
    expect(mapNodes(root)).toBe(mapNodes(root));
    expect(mapNodes(null).maps).toEqual([]);
  });
});
