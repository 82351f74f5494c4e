import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceText } from './source-text.js';

describe('SourceText', () => {
  it('maps offsets to 1-based lines and columns and back', () => {
    const s = new SourceText('ab\ncd\n\nef');
    expect(s.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(2)).toEqual({ line: 1, column: 3 }); // the newline itself
    expect(s.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(s.positionAt(6)).toEqual({ line: 3, column: 1 });
    expect(s.positionAt(8)).toEqual({ line: 4, column: 2 });
    expect(s.positionAt(10)).toEqual({ line: 4, column: 3 }); // end of text
    for (let o = 0; o <= s.text.length; o++) expect(s.offsetAt(s.positionAt(o))).toBe(o);
    expect(s.lineCount).toBe(4);
  });

  it('clamps out-of-range offsets', () => {
    const s = new SourceText('ab\ncd');
    expect(s.positionAt(-5)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(99)).toEqual({ line: 2, column: 3 });
  });

  it('keeps CRLF positions exact: \\r belongs to the end of its line', () => {
    const s = new SourceText('a: 1\r\nbb: 2\r\n');
    expect(s.positionAt(6)).toEqual({ line: 2, column: 1 });
    expect(s.positionAt(s.text.indexOf('2'))).toEqual({ line: 2, column: 5 });
    expect(s.lineText(1)).toBe('a: 1');
    expect(s.lineText(2)).toBe('bb: 2');
    expect(s.lineText(3)).toBe('');
    expect(s.lineEndOffset(1)).toBe(4);
    expect(s.lineStartOffset(2)).toBe(6);
    expect(s.eol).toBe('\r\n');
    expect(new SourceText('a\nb').eol).toBe('\n');
    expect(new SourceText('one line').eol).toBe('\n');
  });

  it('strips a UTF-8 BOM and counts columns without it', () => {
    const s = new SourceText('\uFEFFkey: value\nnext: 1');
    expect(s.hasBom).toBe(true);
    expect(s.text.startsWith('key')).toBe(true);
    expect(s.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(s.text.indexOf('value'))).toEqual({ line: 1, column: 6 });
    expect(new SourceText('key').hasBom).toBe(false);
  });

  it('counts columns in UTF-16 code units, like ESLint', () => {
    const s = new SourceText('é😀x');
    expect(s.positionAt(s.text.indexOf('x'))).toEqual({ line: 1, column: 4 });
  });

  it('round-trips every offset and agrees with a naive line count, for any mix of LF and CRLF (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '\n', '\r\n', ' ', '😀'), { maxLength: 60 }), (chunks) => {
        const text = chunks.join('');
        const s = new SourceText(text);
        for (let o = 0; o <= text.length; o++) {
          const pos = s.positionAt(o);
          const before = text.slice(0, o).split('\n');
          expect(pos).toEqual({ line: before.length, column: before[before.length - 1].length + 1 });
          expect(s.offsetAt(pos)).toBe(o);
        }
        for (let n = 1; n <= s.lineCount; n++) expect(s.lineText(n)).toBe(text.split('\n')[n - 1].replace(/\r$/, ''));
      }),
      { numRuns: 300 },
    );
  });
});
