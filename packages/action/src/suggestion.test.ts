import { applyEdit } from '@cxlint/core';
import { describe, expect, it } from 'vitest';
import { fenceFor, toSuggestionBlock } from './suggestion.js';

describe('toSuggestionBlock', () => {
  const text = 'a: 1\n  name:\n    lit: "{{x.y}}"\nb: 2\n';
  const start = text.indexOf('"{{');
  const fix = { range: [start, start + '"{{x.y}}"'.length] as [number, number], text: 'y\n  value:\n    exp: Flow.y' };

  it('turns a column-precise fix into whole-line replacement of the lines it touches', () => {
    const s = toSuggestionBlock(text, fix);
    expect(s.startLine).toBe(3);
    expect(s.endLine).toBe(3);
    expect(s.replacement).toBe('    lit: y\n  value:\n    exp: Flow.y');
    expect(s.block).toBe('```suggestion\n    lit: y\n  value:\n    exp: Flow.y\n```');
  });

  it('committing the suggestion gives the same file as applying the fix', () => {
    const s = toSuggestionBlock(text, fix);
    const lines = text.split('\n');
    const committed = [...lines.slice(0, s.startLine - 1), ...s.replacement.split('\n'), ...lines.slice(s.endLine)].join('\n');
    expect(committed).toBe(applyEdit(text, fix));
  });

  it('spans several lines when the fix does, and keeps CRLF files line-based', () => {
    const crlf = 'x: 1\r\ny: [\r\n  2 ]\r\nz: 3\r\n';
    const from = crlf.indexOf('[');
    const s = toSuggestionBlock(crlf, { range: [from, crlf.indexOf(']') + 1], text: '[2]' });
    expect([s.startLine, s.endLine]).toEqual([2, 3]);
    expect(s.replacement).toBe('y: [2]');
  });

  it('uses a fence longer than any backtick run in the text', () => {
    const t = 'k: v\n';
    const s = toSuggestionBlock(t, { range: [3, 4], text: '"````"' });
    expect(s.block.startsWith('`````suggestion\n')).toBe(true);
    expect(s.block.endsWith('\n`````')).toBe(true);
    expect(fenceFor('no ticks')).toBe('```');
    expect(fenceFor('a ``` b')).toBe('````');
  });

  it('an edit that deletes whole lines gives an empty suggestion that deletes them', () => {
    const t = 'a: 1\nb: 2\nc: 3\n';
    const s = toSuggestionBlock(t, { range: [5, 10], text: '' });
    // Lines 2–3 ("b: 2", "c: 3") become "c: 3": the suggestion keeps line 3's text.
    expect([s.startLine, s.endLine, s.replacement]).toEqual([2, 3, 'c: 3']);
  });
});
