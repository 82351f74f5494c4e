import { describe, expect, it } from 'vitest';
import { fitsOneHunk, hunkLines, passesFilter } from './diff-hunks.js';

// Two hunks: new lines 3–7 (5 added) and 20–23 (21, 22 added; a deletion in between).
const PATCH = [
  '@@ -3,4 +3,5 @@ inboundCall:',
  '   name: A',
  '   division: Home',
  '+  description: new',
  '   startUpRef: x',
  '   defaultLanguage: en-us',
  '@@ -19,4 +20,4 @@ menus:',
  '   - menu:',
  '-      name: Old',
  '+      name: New',
  '+      refId: m',
  '-      gone: true',
  '   audio:',
  '\\ No newline at end of file',
].join('\n');

describe('hunkLines', () => {
  const h = hunkLines(PATCH);
  it('maps added and context lines to RIGHT-side line numbers', () => {
    expect([...h.added]).toEqual([5, 21, 22]);
    expect([...h.commentable]).toEqual([3, 4, 5, 6, 7, 20, 21, 22, 23]);
  });
  it('knows which hunk each line is in', () => {
    expect(fitsOneHunk(h, 3, 7)).toBe(true);
    expect(fitsOneHunk(h, 20, 23)).toBe(true);
    expect(fitsOneHunk(h, 7, 20)).toBe(false);
    expect(fitsOneHunk(h, 8, 8)).toBe(false);
  });
  it('handles a new file (@@ -0,0 +1,N @@) and CRLF patches', () => {
    const n = hunkLines('@@ -0,0 +1,2 @@\r\n+a\r\n+b');
    expect([...n.added]).toEqual([1, 2]);
  });
});

describe('passesFilter', () => {
  const h = hunkLines(PATCH);
  it('added: only findings touching an added line', () => {
    expect(passesFilter('added', h, true, 5, 5)).toBe(true);
    expect(passesFilter('added', h, true, 4, 4)).toBe(false);
    expect(passesFilter('added', h, true, 3, 6)).toBe(true);
  });
  it('diff_context: anywhere in a hunk', () => {
    expect(passesFilter('diff_context', h, true, 4, 4)).toBe(true);
    expect(passesFilter('diff_context', h, true, 10, 10)).toBe(false);
  });
  it('file: anywhere in a changed file; nofilter: anything', () => {
    expect(passesFilter('file', h, true, 100, 100)).toBe(true);
    expect(passesFilter('file', undefined, false, 1, 1)).toBe(false);
    expect(passesFilter('nofilter', undefined, false, 1, 1)).toBe(true);
  });
  it('a file without patch counts as changed everywhere', () => {
    expect(passesFilter('added', undefined, true, 42, 42)).toBe(true);
  });
});
