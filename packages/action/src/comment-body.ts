import { ruleDocsUrl } from '@cxlint/core';
import { fenceFor } from './suggestion.js';

/**
 * Everything in a comment that comes from the PR (file paths, flow text echoed in messages) is attacker-
 * controlled. It is rendered either inside code spans/fences, where GitHub renders no mentions, links or HTML,
 * or as escaped text with mentions, issue references and autolinks broken by a zero-width space.
 */
const ZWSP = '\u200b';

/** Plain text that renders as itself: no HTML, no Markdown syntax, no @mentions, #refs or autolinks. */
export function escapeMarkdownText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => `\\${c}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#/g, `#${ZWSP}`)
    .replace(/(https?|ftp|mailto)\\:/gi, `$1${ZWSP}\\:`)
    .replace(/www\\\./gi, `www${ZWSP}\\.`);
}

/** A code span that holds any text: fence longer than its backtick runs, padded when it starts or ends with one. */
export function codeSpan(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  if (text === '') return '` `';
  const fence = fenceFor(text, 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Rule messages mark code with backticks (`{{text}}` is file content). Pairs become safe code spans, the rest
 * escaped text; an unpaired backtick is escaped, so a backtick in file content cannot open a span of its own
 * that swallows the template's text.
 */
export function renderMessage(message: string): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf('`', i);
    if (open === -1) break;
    const close = message.indexOf('`', open + 1);
    if (close === -1) break;
    out += escapeMarkdownText(message.slice(i, open)) + codeSpan(message.slice(open + 1, close));
    i = close + 1;
  }
  return out + escapeMarkdownText(message.slice(i));
}

const FP_MARKER = /<!-- cxlint:fp=([0-9a-f]{16,64})(;refused)? -->/g;

/**
 * The hidden identity of a finding in a comment or review body. `refused`: GitHub refused it inline (listed in
 * the body instead), so later runs do not offer it inline again.
 */
export function fingerprintMarker(fp: string, refused = false): string {
  return `<!-- cxlint:fp=${fp}${refused ? ';refused' : ''} -->`;
}

/** Fingerprints a body marks as refused inline by GitHub. */
export function readRefused(body: string | null | undefined): string[] {
  return [...(body ?? '').matchAll(FP_MARKER)].filter((m) => m[2]).map((m) => m[1]);
}

/** Fingerprints hidden in a comment or review body we posted. */
export function readFingerprints(body: string | null | undefined): string[] {
  return [...(body ?? '').matchAll(FP_MARKER)].map((m) => m[1]);
}

export interface CommentFinding {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  fingerprint: string;
  /** Other places that explain the finding: shown under the message, never part of the fingerprint. */
  related?: readonly { path: string; line: number; message: string }[];
}

/** GitHub refuses a comment body over 65,536 characters (the whole review with it). */
export const INLINE_BODY_LIMIT = 65_536;
/** A message this long is cut in comments and review bodies; the annotations and the summary carry it whole. */
const MESSAGE_LIMIT = 4_000;

/** A message cut to `max` characters at most, marked as cut. */
export function clipMessage(message: string, max = MESSAGE_LIMIT): string {
  if (message.length <= max) return message;
  let cut = message.slice(0, max);
  // Close a code span the cut left open, so the quoted text stays code.
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut += '…`';
  else cut += '…';
  return `${cut} (cut; the annotation and the job summary have the whole message)`;
}

function relatedLines(f: CommentFinding): string[] {
  return (f.related ?? []).slice(0, 5).map((r) => `Related: ${codeSpan(r.path)} line ${r.line}: ${renderMessage(clipMessage(r.message, 500))}`);
}

const SEVERITY_LABEL = { 2: '**Error**', 1: '**Warning**' } as const;

/** The rule id linked to its docs page (a parse error has no rule and no page). */
export function ruleLink(ruleId: string | null): string {
  return ruleId ? `[${codeSpan(ruleId)}](${ruleDocsUrl(ruleId)})` : codeSpan('parse error');
}

/** One inline comment: severity, message, rule with docs link, the suggestion (if any), the hidden fingerprint. */
export function inlineCommentBody(f: CommentFinding, suggestion?: string, note?: string): string {
  const build = (message: string, block: string | undefined, extra: string | undefined) => {
    const parts = [`${SEVERITY_LABEL[f.severity]} · ${ruleLink(f.ruleId)}`, '', renderMessage(message)];
    const related = relatedLines(f);
    if (related.length) parts.push('', ...related);
    if (extra) parts.push('', extra);
    if (block) parts.push('', block);
    parts.push('', fingerprintMarker(f.fingerprint));
    return parts.join('\n');
  };
  const body = build(clipMessage(f.message), suggestion, note);
  if (body.length <= INLINE_BODY_LIMIT) return body;
  // Only a huge suggestion can still be too long: leave it out rather than lose the comment.
  return build(clipMessage(f.message), undefined, [note, 'The suggested change is too long for a comment; `cxlint --fix` or the SARIF file has it.'].filter(Boolean).join('\n\n'));
}

/** A proposed replacement shown as code, for fixes that cannot be a one-click suggestion. */
export function codeBlock(text: string, lang = 'yaml'): string {
  const fence = fenceFor(text);
  return `${fence}${lang}\n${text}\n${fence}`;
}
