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

const FP_MARKER = /<!-- cxlint:fp=([0-9a-f]{16,64}) -->/g;

export function fingerprintMarker(fp: string): string {
  return `<!-- cxlint:fp=${fp} -->`;
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
}

const SEVERITY_LABEL = { 2: '**Error**', 1: '**Warning**' } as const;

/** The rule id linked to its docs page (a parse error has no rule and no page). */
export function ruleLink(ruleId: string | null): string {
  return ruleId ? `[${codeSpan(ruleId)}](${ruleDocsUrl(ruleId)})` : codeSpan('parse error');
}

/** One inline comment: severity, message, rule with docs link, the suggestion (if any), the hidden fingerprint. */
export function inlineCommentBody(f: CommentFinding, suggestion?: string, note?: string): string {
  const parts = [`${SEVERITY_LABEL[f.severity]} · ${ruleLink(f.ruleId)}`, '', renderMessage(f.message)];
  if (note) parts.push('', note);
  if (suggestion) parts.push('', suggestion);
  parts.push('', fingerprintMarker(f.fingerprint));
  return parts.join('\n');
}

/** A proposed replacement shown as code, for fixes that cannot be a one-click suggestion. */
export function codeBlock(text: string, lang = 'yaml'): string {
  const fence = fenceFor(text);
  return `${fence}${lang}\n${text}\n${fence}`;
}
