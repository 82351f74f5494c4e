import * as core from '@actions/core';
import type { ChangedFile, PullRef } from './changed-files.js';
import { codeBlock, codeSpan, fingerprintMarker, inlineCommentBody, renderMessage, ruleLink } from './comment-body.js';
import { fitsOneHunk } from './diff-hunks.js';
import { byImportance, countFindings, type Finding } from './findings.js';
import { describeError, statusOf, type GitHubClient } from './github-client.js';
import { toSuggestionBlock } from './suggestion.js';

export interface InlineComment {
  finding: Finding;
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

export type BodyReason = 'over-limit' | 'outside-diff' | 'no-patch' | 'rejected';

export interface BodyEntry {
  finding: Finding;
  reason: BodyReason;
}

export interface ReviewPlan {
  comments: InlineComment[];
  body: BodyEntry[];
  /** Findings already on the PR from an earlier run (not posted again). */
  alreadyPosted: number;
}

/**
 * Decides where each new finding goes: inline on its lines when they sit in one hunk (with a ```suggestion
 * when the fix's lines do too), else in the review body. The first `maxComments` by importance go inline.
 */
export function planReview(findings: readonly Finding[], changed: ReadonlyMap<string, ChangedFile>, posted: ReadonlySet<string>, maxComments: number): ReviewPlan {
  const plan: ReviewPlan = { comments: [], body: [], alreadyPosted: 0 };
  const seen = new Set<string>();
  for (const f of [...findings].sort(byImportance)) {
    if (posted.has(f.fingerprint) || seen.has(f.fingerprint)) {
      plan.alreadyPosted++;
      continue;
    }
    seen.add(f.fingerprint);
    const file = changed.get(f.path);
    if (!file) { plan.body.push({ finding: f, reason: 'outside-diff' }); continue; }
    if (!file.hunks) { plan.body.push({ finding: f, reason: 'no-patch' }); continue; }
    const comment = inlineFor(f, file);
    if (!comment) { plan.body.push({ finding: f, reason: 'outside-diff' }); continue; }
    if (plan.comments.length >= maxComments) { plan.body.push({ finding: f, reason: 'over-limit' }); continue; }
    plan.comments.push(comment);
  }
  return plan;
}

function inlineFor(f: Finding, file: ChangedFile): InlineComment | undefined {
  const hunks = file.hunks!;
  const place = (start: number, end: number, body: string): InlineComment => ({
    finding: f, path: f.path, line: end, ...(start < end ? { startLine: start } : {}), body,
  });
  let proposed: string | undefined;
  if (f.fix && f.source) {
    const s = toSuggestionBlock(f.source, f.fix);
    if (fitsOneHunk(hunks, s.startLine, s.endLine)) return place(s.startLine, s.endLine, inlineCommentBody(f, s.block));
    // GitHub only accepts suggestions over lines of one hunk; show the change as code instead.
    proposed = `Suggested change for lines ${s.startLine}–${s.endLine}:\n\n${codeBlock(s.replacement)}`;
  }
  if (fitsOneHunk(hunks, f.line, f.endLine)) return place(f.line, f.endLine, inlineCommentBody(f, proposed));
  if (hunks.commentable.has(f.line)) return place(f.line, f.line, inlineCommentBody(f, proposed));
  if (hunks.commentable.has(f.endLine)) return place(f.endLine, f.endLine, inlineCommentBody(f, proposed));
  return undefined;
}

const REASON_TEXT: Record<BodyReason, string> = {
  'over-limit': 'beyond the inline comment limit (`max-comments`)',
  'outside-diff': 'on lines outside the diff',
  'no-patch': 'in files GitHub shows no diff for (too large or binary)',
  rejected: 'GitHub refused as inline comments',
};

// GitHub rejects bodies over 65,536 characters; leave room for the header.
const BODY_LIMIT = 60_000;

export function findingLine(f: Finding): string {
  const where = `${codeSpan(f.path)} line ${f.line}${f.endLine > f.line ? `–${f.endLine}` : ''}`;
  return `- ${f.severity === 2 ? '**Error**' : '**Warning**'} ${where} · ${ruleLink(f.ruleId)}: ${renderMessage(f.message)} ${fingerprintMarker(f.fingerprint)}`;
}

/** The review's body: counts, then every finding that is not inline, grouped by why, each with its fingerprint. */
export function reviewBody(plan: ReviewPlan, all: readonly Finding[]): string {
  const { errors, warnings } = countFindings(all);
  const lines = [
    `### cxlint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in the changed files`,
  ];
  if (plan.comments.length) lines.push('', `${plan.comments.length} new finding${plan.comments.length === 1 ? ' is' : 's are'} commented inline below.`);
  let size = lines.join('\n').length;
  let dropped = 0;
  for (const reason of Object.keys(REASON_TEXT) as BodyReason[]) {
    const entries = plan.body.filter((e) => e.reason === reason);
    if (!entries.length) continue;
    const head = `\n**${entries.length} finding${entries.length === 1 ? '' : 's'} ${REASON_TEXT[reason]}:**\n`;
    lines.push(head);
    size += head.length;
    for (const e of entries) {
      const line = findingLine(e.finding);
      if (size + line.length > BODY_LIMIT) { dropped++; continue; }
      lines.push(line);
      size += line.length + 1;
    }
  }
  if (dropped) lines.push('', `…and ${dropped} more, listed in the job summary and as annotations.`);
  return lines.join('\n');
}

export interface PostOutcome {
  /** The review was posted (false when there was nothing new to say). */
  posted: boolean;
  inline: number;
  /** Comments GitHub refused inline (422) that were moved to the body. */
  rejected: number;
  /** POST requests made for the final review (always 0 or 1) and probes used to find refused comments. */
  probes: number;
}

/** Write access refused (fork PRs, read-only tokens): report through annotations and the summary instead. */
export class ReviewForbiddenError extends Error {
  override name = 'ReviewForbiddenError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type ApiComment = { path: string; line: number; side: 'RIGHT'; start_line?: number; start_side?: 'RIGHT'; body: string };
const toApi = (c: InlineComment): ApiComment => ({
  path: c.path, line: c.line, side: 'RIGHT', ...(c.startLine ? { start_line: c.startLine, start_side: 'RIGHT' as const } : {}), body: c.body,
});

const POST_ATTEMPTS = 3;

function planFingerprints(p: ReviewPlan): string[] {
  return [...p.comments.map((c) => c.finding.fingerprint), ...p.body.map((b) => b.finding.fingerprint)];
}

// Enough probes to isolate a few refused comments among hundreds (each refused one costs about 2·log2(n)).
const MAX_PROBES = 24;

/**
 * Posts ONE review (`event: COMMENT`, on the head commit). If GitHub refuses it with 422 (a comment on a line it
 * does not consider part of the diff rejects the whole review), the refused comments are found by bisection
 * with pending reviews — invisible to others and deleted right away — and moved to the body; then the one
 * review is posted. Nothing is lost and the PR still gets a single review.
 */
export async function postReview(
  client: GitHubClient,
  pr: PullRef,
  headSha: string,
  plan: ReviewPlan,
  all: readonly Finding[],
  /** Whether findings with these fingerprints are on the PR now (re-reads the review state). */
  landed?: (fingerprints: string[]) => Promise<boolean>,
): Promise<PostOutcome> {
  if (!plan.comments.length && !plan.body.length) return { posted: false, inline: 0, rejected: 0, probes: 0 };
  const route = 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews' as const;
  const base = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: headSha };
  // Creating a review is not idempotent: a 5xx or a timeout may come after GitHub created it. So no blind
  // retries here — before trying again, ask whether the review landed (its fingerprints are on the PR).
  const send = async (p: ReviewPlan) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.rest.request(route, { ...base, event: 'COMMENT', body: reviewBody(p, all), comments: p.comments.map(toApi), request: { retries: 0 } });
      } catch (e) {
        const status = statusOf(e);
        if ((status !== undefined && status < 500) || attempt >= POST_ATTEMPTS) throw e;
        core.info(`Posting the review failed (${describeError(e)}); checking whether it was created before trying again.`);
        await new Promise((r) => setTimeout(r, attempt * attempt * client.retryUnitMs));
        if (landed && (await landed(planFingerprints(p)).catch(() => false))) return undefined;
      }
    }
  };
  try {
    await send(plan);
    return { posted: true, inline: plan.comments.length, rejected: 0, probes: 0 };
  } catch (e) {
    const status = statusOf(e);
    if (status === 403 || status === 404) throw new ReviewForbiddenError(status, (e as Error).message);
    if (status !== 422) throw e;
    core.info(`GitHub refused the review (422: ${(e as Error).message.split('\n')[0]}); finding the refused comments.`);
  }
  let probes = 0;
  const probe = async (comments: InlineComment[]): Promise<boolean> => {
    probes++;
    try {
      // No `event`: a PENDING review, visible only to its author; deleted at once.
      const r = await client.rest.request(route, { ...base, body: '', comments: comments.map(toApi) });
      await client.rest.request('DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', { owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: Number(r.data.id) });
      return true;
    } catch (e) {
      if (statusOf(e) === 422) return false;
      throw e;
    }
  };
  const refused: InlineComment[] = [];
  const bisect = async (list: InlineComment[]): Promise<void> => {
    if (!list.length) return;
    if (probes >= MAX_PROBES) { refused.push(...list); return; }
    if (await probe(list)) return;
    if (list.length === 1) { refused.push(list[0]); return; }
    const mid = list.length >> 1;
    await bisect(list.slice(0, mid));
    await bisect(list.slice(mid));
  };
  const mid = plan.comments.length >> 1;
  // The whole list already failed: start from its halves.
  if (plan.comments.length === 1) refused.push(plan.comments[0]);
  else { await bisect(plan.comments.slice(0, mid)); await bisect(plan.comments.slice(mid)); }
  const refusedSet = new Set(refused);
  const final: ReviewPlan = {
    ...plan,
    comments: plan.comments.filter((c) => !refusedSet.has(c)),
    body: [...refused.map((c) => ({ finding: c.finding, reason: 'rejected' as const })), ...plan.body],
  };
  try {
    await send(final);
    return { posted: true, inline: final.comments.length, rejected: refused.length, probes };
  } catch (e) {
    const status = statusOf(e);
    if (status === 403 || status === 404) throw new ReviewForbiddenError(status, (e as Error).message);
    if (status !== 422 || !final.comments.length) throw e;
  }
  // Still refused (the diff changed under us, or the probes ran out): everything goes in the body.
  const bodyOnly: ReviewPlan = { ...plan, comments: [], body: [...plan.comments.map((c) => ({ finding: c.finding, reason: 'rejected' as const })), ...plan.body] };
  await send(bodyOnly);
  return { posted: true, inline: 0, rejected: plan.comments.length, probes };
}
