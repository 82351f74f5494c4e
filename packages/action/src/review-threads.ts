import * as core from '@actions/core';
import { readFingerprints, readRefused } from './comment-body.js';
import { describeError, type GitHubClient } from './github-client.js';
import type { PullRef } from './changed-files.js';

/** A review thread cxlint started, with the fingerprints hidden in its first comment. */
export interface OwnThread {
  id: string;
  /** File the thread is on. */
  path: string;
  commentId: string;
  isResolved: boolean;
  /** Resolved by someone other than cxlint: a human acknowledged it; do not post it again. */
  resolvedByHuman: boolean;
  /** GitHub marks a thread outdated when a push changed the lines it is on. */
  isOutdated: boolean;
  /** The first comment was minimized (by cxlint when it could not resolve the thread, or by a person). */
  isMinimized: boolean;
  /** Whether this token may resolve the thread: never for the Actions GITHUB_TOKEN. */
  viewerCanResolve: boolean;
  fingerprints: string[];
}

export interface ExistingReview {
  threads: OwnThread[];
  /** Fingerprints with a live inline thread of ours (open, not minimized, not outdated; or resolved by a person). */
  inline: Set<string>;
  /** Fingerprints listed in the body of one of our reviews: not listed again, but may go inline later. */
  listed: Set<string>;
  /** Listed because GitHub refused them inline. */
  refused: Set<string>;
  /** Either of the above: what an earlier run already said. */
  posted: Set<string>;
  /** Our own PENDING reviews (database ids), left by a run cancelled mid-way: they block every new review. */
  pending: number[];
  /** The pull request's head commit now (GraphQL `headRefOid`). */
  headSha?: string;
  /** The login cxlint posts as (without `[bot]`). */
  self: string;
}

interface Author { __typename?: string; login?: string }

const THREADS = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
    headRefOid
    reviewThreads(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id path isResolved isOutdated viewerCanResolve resolvedBy { login } comments(first: 1) { nodes { id body isMinimized minimizedReason author { __typename login } } } }
    } } } }`;

const REVIEWS = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
    reviews(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { databaseId state body author { __typename login } }
    } } } }`;

/** The identity of the Actions GITHUB_TOKEN, which cannot query `viewer`. */
export const ACTIONS_BOT_LOGIN = 'github-actions';

const bare = (login: string | undefined) => (login ?? '').replace(/\[bot\]$/, '').toLowerCase();

/**
 * Who cxlint posts as. A PAT (and an App token where GitHub allows it) answers `viewer`; the Actions
 * GITHUB_TOKEN is refused it ("Resource not accessible by integration") and posts as `github-actions[bot]`.
 * Only comments by that one identity count as ours: not any Bot (another app's fingerprint silences nothing),
 * not a person pasting a fingerprint.
 */
async function selfLogin(client: GitHubClient): Promise<string> {
  try {
    const r = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    return bare(r.viewer.login) || ACTIONS_BOT_LOGIN;
  } catch (e) {
    // Only GitHub's refusal means "the Actions token". Any other failure (a 502 past the retries) leaves the
    // identity unknown: guessing would take a PAT's own threads for someone else's and post every finding again.
    if (refusedToIntegration(e)) return ACTIONS_BOT_LOGIN;
    throw e;
  }
}

/** GitHub's "Resource not accessible by integration", as a GraphQL error (FORBIDDEN) or an HTTP 403. */
function refusedToIntegration(e: unknown): boolean {
  const errors = (e as { errors?: { type?: string; message?: string }[] }).errors ?? [];
  return errors.some((x) => x.type === 'FORBIDDEN' || /not accessible by integration/i.test(x.message ?? '')) || (e as { status?: number }).status === 403;
}

/** Reads what cxlint already said on this PR (one GraphQL query per 100 threads and per 100 reviews). */
export async function readExistingReview(client: GitHubClient, pr: PullRef): Promise<ExistingReview> {
  const self = await selfLogin(client);
  const ours = (a: Author | null | undefined) => !!a && bare(a.login) === self;
  const vars = { owner: pr.owner, repo: pr.repo, number: pr.number };
  const out: ExistingReview = { threads: [], inline: new Set(), listed: new Set(), refused: new Set(), posted: new Set(), pending: [], self };
  let after: string | null = null;
  do {
    type Node = { id: string; path: string; isResolved: boolean; isOutdated: boolean; viewerCanResolve: boolean; resolvedBy: Author | null; comments: { nodes: { id: string; body: string; isMinimized: boolean; minimizedReason: string | null; author: Author | null }[] } };
    type Page = { repository: { pullRequest: { headRefOid: string; reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] } } } };
    const page: Page = await client.graphql<Page>(THREADS, { ...vars, after });
    out.headSha = page.repository.pullRequest.headRefOid;
    const conn = page.repository.pullRequest.reviewThreads;
    for (const t of conn.nodes) {
      const first = t.comments.nodes[0];
      if (!first || !ours(first.author)) continue;
      const fps = readFingerprints(first.body);
      if (!fps.length) continue;
      const resolvedByHuman = t.isResolved && !!t.resolvedBy && !ours(t.resolvedBy);
      out.threads.push({
        id: t.id, path: t.path, commentId: first.id, isResolved: t.isResolved, resolvedByHuman, isOutdated: t.isOutdated,
        isMinimized: first.isMinimized, viewerCanResolve: t.viewerCanResolve, fingerprints: fps,
      });
      // A thread a person resolved, or whose comment a person hid (for any reason but the "outdated" cxlint
      // uses), stays said. One cxlint closed (resolved or minimized), or that a push made outdated, no longer
      // shows the finding where it is: if the finding is back, it is commented again.
      const hiddenByPerson = first.isMinimized && !!first.minimizedReason && first.minimizedReason.toLowerCase() !== 'outdated';
      const live = resolvedByHuman || hiddenByPerson || (!t.isResolved && !first.isMinimized && !t.isOutdated);
      if (live) for (const fp of fps) out.inline.add(fp);
    }
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  after = null;
  do {
    type Page = { repository: { pullRequest: { reviews: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { databaseId: number | null; state: string; body: string; author: Author | null }[] } } } };
    const page: Page = await client.graphql<Page>(REVIEWS, { ...vars, after });
    const conn = page.repository.pullRequest.reviews;
    for (const r of conn.nodes) {
      if (!ours(r.author)) continue;
      // A pending review is visible to its author only; ours can only be a leftover of a cancelled run.
      if (r.state === 'PENDING') { if (r.databaseId) out.pending.push(r.databaseId); continue; }
      for (const fp of readFingerprints(r.body)) out.listed.add(fp);
      for (const fp of readRefused(r.body)) out.refused.add(fp);
    }
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  for (const fp of [...out.inline, ...out.listed]) out.posted.add(fp);
  return out;
}

/**
 * GitHub lets a user hold one pending review per pull request, and refuses every new review (pending or not)
 * while one exists: "User can only have one pending review per pull request". A run cancelled between
 * creating and deleting a probe leaves one behind; delete it, or no later run could post.
 */
export async function deletePendingReviews(client: GitHubClient, pr: PullRef, ids: readonly number[]): Promise<number> {
  let deleted = 0;
  for (const id of ids) {
    try {
      await client.rest.request('DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', { owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: id });
      deleted++;
    } catch (e) {
      core.warning(`Could not delete cxlint's leftover pending review ${id}: ${describeError(e)}.`);
    }
  }
  return deleted;
}

/**
 * Threads to close: ours, open, not minimized already (cxlint minimizes once and never touches it again), on a
 * file this run could judge, and whose findings are all gone — or, for an outdated thread, gone or posted anew
 * by this run. A file left out by `paths` keeps its threads.
 */
export function threadsToResolve(
  threads: readonly OwnThread[],
  present: ReadonlySet<string>,
  judged: (path: string) => boolean = () => true,
  postedNow: ReadonlySet<string> = new Set(),
): OwnThread[] {
  return threads.filter(
    (t) => !t.isResolved && !t.isMinimized && judged(t.path) && t.fingerprints.every((fp) => !present.has(fp) || (t.isOutdated && postedNow.has(fp))),
  );
}

export interface CloseOutcome {
  resolved: number;
  minimized: number;
  failed: number;
}

/**
 * Closes threads, many per request (aliased mutations). Where the token may resolve (`viewerCanResolve`), the
 * thread is resolved; otherwise — always for the Actions GITHUB_TOKEN — its comment is minimized as OUTDATED,
 * once. A refused resolve falls back to minimizing.
 */
export async function closeThreads(client: GitHubClient, threads: readonly OwnThread[]): Promise<CloseOutcome> {
  const out: CloseOutcome = { resolved: 0, minimized: 0, failed: 0 };
  const toMinimize: OwnThread[] = threads.filter((t) => !t.viewerCanResolve);
  const resolvable = threads.filter((t) => t.viewerCanResolve);
  for (const batch of batches(resolvable)) {
    try {
      await client.graphql(
        `mutation(${batch.map((_, j) => `$t${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `r${j}: resolveReviewThread(input: {threadId: $t${j}}) { thread { id isResolved } }`).join(' ')} }`,
        Object.fromEntries(batch.map((t, j) => [`t${j}`, t.id])),
      );
      out.resolved += batch.length;
    } catch (e) {
      core.info(`Could not resolve ${batch.length} fixed thread(s) (${describeError(e)}); minimizing them as outdated instead.`);
      toMinimize.push(...batch);
    }
  }
  for (const batch of batches(toMinimize)) {
    try {
      await client.graphql(
        `mutation(${batch.map((_, j) => `$c${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `m${j}: minimizeComment(input: {subjectId: $c${j}, classifier: OUTDATED}) { minimizedComment { isMinimized } }`).join(' ')} }`,
        Object.fromEntries(batch.map((t, j) => [`c${j}`, t.commentId])),
      );
      out.minimized += batch.length;
    } catch (e) {
      out.failed += batch.length;
      core.warning(`Could not resolve or minimize ${batch.length} review thread(s) whose finding is fixed: ${describeError(e)}.`);
    }
  }
  return out;
}

function batches<T>(items: readonly T[], size = 50): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What the summary says, once, in the run that minimized instead of resolving. */
export function cannotResolveNote(minimized: number): string {
  return (
    `${minimized} review thread(s) of fixed or moved findings were minimized as outdated, not resolved: this token may not resolve review threads ` +
    '(the Actions GITHUB_TOKEN never can, even with `pull-requests: write`), so "Require conversation resolution" still counts them. ' +
    'To let cxlint resolve them, pass a fine-grained personal access token or a GitHub App token with Pull requests: write and Contents: write as `github-token` (see the README, Permissions).'
  );
}
