import { describe, expect, it } from 'vitest';
import { parseStubbedJson } from './stubbed-json.js';
import { WILDCARD as W } from './velocity.js';

const ok = (t: string) => parseStubbedJson(t).ok;
const err = (t: string) => {
  const r = parseStubbedJson(t);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('parseStubbedJson', () => {
  it('accepts plain JSON and wildcards as values, keys, members and elements', () => {
    for (const t of ['{"a": [1, -2.5e3, true, null, "s\\n\\u00e9"]}', `{"a": ${W}}`, `{${W}: 1}`, `{ ${W} }`, `[${W}]`, `[${W}, 1]`, `{"a": 1 ${W}}`, `${W}`, '', '  ']) {
      expect(ok(t), t).toBe(true);
    }
  });
  it('reports missing and trailing commas where they are', () => {
    expect(err('{"a": 1\n "b": 2}')).toMatchObject({ kind: 'missing-comma', index: 7 });
    expect(err('{"a": 1,}')).toMatchObject({ kind: 'trailing-comma', index: 7 });
    expect(err('[1, 2,]')).toMatchObject({ kind: 'trailing-comma', index: 5 });
    expect(err('["a" "b"]')).toMatchObject({ kind: 'missing-comma', index: 4 });
  });
  it('rejects raw control characters in strings, bad escapes, single quotes and leftovers', () => {
    expect(err('{"a": "x\ny"}')).toMatchObject({ kind: 'control-char', index: 8 });
    expect(err('{"a": "\\x"}').message).toMatch(/Invalid escape/);
    expect(err("{'a': 1}").message).toMatch(/double quotes/);
    expect(err('{"a": 1} x').message).toMatch(/after the JSON body/);
    expect(err('{"a": 01}').message).toMatch(/Expected `,` or `}`/);
    expect(err('{"a": }').message).toMatch(/Expected a JSON value/);
  });
  it('builds a tree with member keys and values', () => {
    const r = parseStubbedJson(`{"attributes": {"k": "v", "n": 5, ${W}: "x"}}`);
    expect(r.ok && r.root?.type === 'object' && r.root.members[0].value.type === 'object' && r.root.members[0].value.members.map((m) => [m.key.type, m.value.type])).toEqual([
      ['string', 'string'],
      ['string', 'number'],
      ['wild', 'string'],
    ]);
  });
});
