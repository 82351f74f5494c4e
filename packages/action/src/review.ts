import * as core from '@actions/core';
import type { ChangedFile, PullRef } from './changed-files.js';
import { clipMessage, codeBlock, codeSpan, fingerprintMarker, inlineCommentBody, renderMessage, ruleLink } from './comment-body.js';
import { fitsOneHunk } from './diff-hunks.js';
import { byImportance, countFindings, type Finding } from './findings.js';
import { describeError, statusOf, type GitHubClient } from './github-client.js';
import { editsDisjoint, toSuggestionBlock } from './suggestion.js';
import type { TextEdit } from '@cxlint/core';

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

/** What earlier runs already said: fingerprints with a live inline thread, and those listed in a review body. */
export interface AlreadySaid {
  inline: ReadonlySet<string>;
  listed: ReadonlySet<string>;
  /** Listed because GitHub refused them inline: not offered inline again. */
  refused?: ReadonlySet<string>;
}

/** Where a finding's comment sits and the one-click suggestion it carries, before the bodies are written. */
interface Draft {
  finding: Finding;
  path: string;
  start: number;
  end: number;
  /** Edits of the ```suggestion (several when fixes on the same lines were merged). */
  edits?: TextEdit[];
  /** Findings whose fix this comment's suggestion also applies. */
  alsoFixes: Finding[];
  /** The comment whose suggestion applies this finding's fix. */
  fixedBy?: Draft;
  /** A fix that could not be a suggestion (lines across hunks, or clashing with another suggestion): shown as code. */
  proposed?: string;
}

/**
 * Decides where each new finding goes: inline on its lines when they sit in one hunk (with a ```suggestion
 * when the fix's lines do too), else in the review body. The first `maxComments` by importance go inline.
 * GitHub applies one suggestion per line, so fixes that touch the same lines are merged into one suggestion
 * (when their edits do not clash), or the later one is shown as code without a suggestion.
 */
export function planReview(findings: readonly Finding[], changed: ReadonlyMap<string, ChangedFile>, said: AlreadySaid | ReadonlySet<string>, maxComments: number): ReviewPlan {
  const already: AlreadySaid = said instanceof Set ? { inline: said, listed: said } : (said as AlreadySaid);
  // `max-comments` caps each review's inline comments; a finding an earlier review listed in its body goes
  // inline only while fewer than `max-comments` of cxlint's threads are open (raise it to bring them inline).
  let slotsForListed = Math.max(0, maxComments - already.inline.size);
  const plan: ReviewPlan = { comments: [], body: [], alreadyPosted: 0 };
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  for (const f of [...findings].sort(byImportance)) {
    if (already.inline.has(f.fingerprint) || seen.has(f.fingerprint)) {
      plan.alreadyPosted++;
      continue;
    }
    seen.add(f.fingerprint);
    // Listed in an earlier review's body: not listed again, but it goes inline once it can.
    const listed = already.listed.has(f.fingerprint);
    if (listed && (already.refused?.has(f.fingerprint) || slotsForListed <= 0)) {
      plan.alreadyPosted++;
      continue;
    }
    const toBody = (reason: BodyReason) => (listed ? plan.alreadyPosted++ : plan.body.push({ finding: f, reason }));
    const file = changed.get(f.path);
    if (!file) { toBody('outside-diff'); continue; }
    if (!file.hunks) { toBody('no-patch'); continue; }
    if (drafts.length >= maxComments) {
      if (placeFor(f, file)) toBody('over-limit');
      else toBody('outside-diff');
      continue;
    }
    const draft = draftFor(f, file, drafts);
    if (!draft) { toBody('outside-diff'); continue; }
    if (listed) slotsForListed--;
    drafts.push(draft);
  }
  plan.comments = drafts.map(render);
  return plan;
}

/** Lines a comment on `f` may sit on, if any. */
function placeFor(f: Finding, file: ChangedFile): [number, number] | undefined {
  const hunks = file.hunks!;
  if (fitsOneHunk(hunks, f.line, f.endLine)) return [f.line, f.endLine];
  if (hunks.commentable.has(f.line)) return [f.line, f.line];
  if (hunks.commentable.has(f.endLine)) return [f.endLine, f.endLine];
  return undefined;
}

const overlaps = (a: Draft, start: number, end: number) => a.start <= end && start <= a.end;

function draftFor(f: Finding, file: ChangedFile, drafts: readonly Draft[]): Draft | undefined {
  const hunks = file.hunks!;
  if (f.fix && f.source) {
    const s = toSuggestionBlock(f.source, f.fix);
    if (fitsOneHunk(hunks, s.startLine, s.endLine)) {
      const owner = drafts.find((d) => d.path === f.path && d.edits && overlaps(d, s.startLine, s.endLine));
      if (!owner) return { finding: f, path: f.path, start: s.startLine, end: s.endLine, edits: [f.fix], alsoFixes: [] };
      // Another comment's suggestion covers these lines: merge this fix into it when both can apply together.
      const disjoint = editsDisjoint(owner.edits!, [f.fix]);
      const m = toSuggestionBlock(f.source, [...owner.edits!, f.fix]);
      const around = drafts.filter((d) => d.path === f.path && d.edits && overlaps(d, m.startLine, m.endLine));
      if (disjoint && around.length === 1 && fitsOneHunk(hunks, m.startLine, m.endLine)) {
        owner.edits = [...owner.edits!, f.fix];
        owner.start = m.startLine;
        owner.end = m.endLine;
        owner.alsoFixes.push(f);
        const place = placeFor(f, file) ?? [s.startLine, s.endLine];
        return { finding: f, path: f.path, start: place[0], end: place[1], alsoFixes: [], fixedBy: owner };
      }
      // Shown as code. Its text replaces whole lines, so it must not undo the suggestions already there: when the
      // fixes can apply together, show the lines with all of them; when they overlap, it is one or the other.
      const theirs = around.flatMap((d) => d.edits!);
      const all = disjoint && editsDisjoint(theirs, [f.fix]) ? toSuggestionBlock(f.source, [...theirs, f.fix]) : undefined;
      const proposed = all
        ? `Suggested change for lines ${all.startLine}–${all.endLine}, including the fixes of the suggestions already on these lines (GitHub applies one suggestion per line):\n\n${codeBlock(all.replacement)}`
        : `Another fix for lines ${s.startLine}–${s.endLine}, instead of the suggestion already on these lines (the two changes overlap):\n\n${codeBlock(s.replacement)}`;
      const place = placeFor(f, file);
      return place && { finding: f, path: f.path, start: place[0], end: place[1], alsoFixes: [], proposed };
    }
    // GitHub only accepts suggestions over lines of one hunk; show the change as code instead.
    const place = placeFor(f, file);
    return place && { finding: f, path: f.path, start: place[0], end: place[1], alsoFixes: [], proposed: `Suggested change for lines ${s.startLine}–${s.endLine}:\n\n${codeBlock(s.replacement)}` };
  }
  const place = placeFor(f, file);
  return place && { finding: f, path: f.path, start: place[0], end: place[1], alsoFixes: [] };
}

function render(d: Draft): InlineComment {
  let block: string | undefined;
  let note: string | undefined = d.proposed;
  if (d.edits && d.finding.source) {
    block = toSuggestionBlock(d.finding.source, d.edits).block;
    if (d.alsoFixes.length) {
      note = `This suggestion also fixes ${d.alsoFixes.map((x) => `${ruleLink(x.ruleId)} (line ${x.line})`).join(', ')}: GitHub applies one suggestion per line.`;
    }
  } else if (d.fixedBy) {
    note = `The suggestion on ${d.fixedBy.start < d.fixedBy.end ? `lines ${d.fixedBy.start}–${d.fixedBy.end}` : `line ${d.fixedBy.end}`} (${ruleLink(d.fixedBy.finding.ruleId)}) also applies this fix.`;
  }
  return { finding: d.finding, path: d.path, line: d.end, ...(d.start < d.end ? { startLine: d.start } : {}), body: inlineCommentBody(d.finding, block, note) };
}

const REASON_TEXT: Record<BodyReason, string> = {
  'over-limit': 'beyond the inline comment limit (`max-comments`)',
  'outside-diff': 'on lines outside the diff',
  'no-patch': 'in files GitHub shows no diff for (too large or binary)',
  rejected: 'GitHub refused as inline comments',
};

// GitHub rejects bodies over 65,536 characters; leave room for the header.
const BODY_LIMIT = 60_000;

export function findingLine(f: Finding, refused = false): string {
  const where = `${codeSpan(f.path)} line ${f.line}${f.endLine > f.line ? `–${f.endLine}` : ''}`;
  return `- ${f.severity === 2 ? '**Error**' : '**Warning**'} ${where} · ${ruleLink(f.ruleId)}: ${renderMessage(clipMessage(f.message, 1_000))} ${fingerprintMarker(f.fingerprint, refused)}`;
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
      const line = findingLine(e.finding, reason === 'rejected');
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
const ONE_PENDING = /one pending review/i;

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
    // A pending review of ours blocks every new review; bisecting the comments would not help.
    if (ONE_PENDING.test(String((e as Error).message))) throw e;
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
      // "One pending review" says nothing about these comments: stop rather than call them all refused.
      if (statusOf(e) === 422 && !ONE_PENDING.test(String((e as Error).message))) return false;
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
