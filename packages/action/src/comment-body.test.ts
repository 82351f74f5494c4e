import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdownText, inlineCommentBody, readFingerprints, renderMessage } from './comment-body.js';

describe('escaping file content in comments', () => {
  it('plain text loses HTML, Markdown syntax, mentions, issue refs and autolinks', () => {
    const s = escapeMarkdownText('@octocat <img src=x> [x](https://evil.example) <!-- hide --> #12 www.evil.example *b*');
    expect(s).not.toMatch(/@octocat|<img|<!--|\]\(|#12|www\.evil/);
    expect(s).toContain('&lt;img src=x&gt;');
    expect(s).toContain('\\*b\\*');
  });

  it('code spans hold any backticks', () => {
    expect(codeSpan('a')).toBe('`a`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('')).toBe('` `');
    expect(codeSpan('a\nb')).toBe('`a b`');
  });

  it('keeps the rule template readable: backtick pairs become code, the rest is escaped', () => {
    expect(renderMessage('Use the literal key `userSessionId` now.')).toBe('Use the literal key `userSessionId` now\\.');
    // A backtick inside quoted file content shifts the pairing, yet every piece stays inert.
    const r = renderMessage('name `a `@b` c` end');
    expect(r).not.toMatch(/(^|[^`\u200b])@b/);
  });

  it('writes and reads the hidden fingerprint', () => {
    const body = inlineCommentBody({ ruleId: 'participant-data/literal-key', severity: 2, message: 'm', fingerprint: 'ab'.repeat(16) }, '```suggestion\nx\n```');
    expect(body).toContain('**Error** · [`participant-data/literal-key`](https://github.com/cxlint/cxlint/blob/main/docs/rules/participant-data/literal-key.md)');
    expect(readFingerprints(body)).toEqual(['ab'.repeat(16)]);
    expect(readFingerprints('no marker')).toEqual([]);
  });
});

describe('inline comment size and related places', () => {
  const f = { ruleId: 'r/x', severity: 2 as const, fingerprint: 'a'.repeat(32) };
  it('names related places under the message, outside the fingerprint', () => {
    const body = inlineCommentBody({ ...f, message: 'm', related: [{ path: 'flows/b.yaml', line: 31, message: 'Set here.' }] });
    expect(body).toContain('Related: `flows/b.yaml` line 31: Set here\\.');
    expect(readFingerprints(body)).toEqual([f.fingerprint]);
  });

  it('stays within 65,536 characters however long the message and the suggestion are', () => {
    const long = `key \`${'x'.repeat(100_000)}\` is bad`;
    const body = inlineCommentBody({ ...f, message: long }, '```suggestion\n' + 'y'.repeat(100_000) + '\n```');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('too long for a comment');
    expect(readFingerprints(body)).toEqual([f.fingerprint]);
  });
});
