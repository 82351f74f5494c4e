import * as core from '@actions/core';
import { readFingerprints } from './comment-body.js';
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
  fingerprints: string[];
}

export interface ExistingReview {
  threads: OwnThread[];
  /** Fingerprints already on the PR, inline or in a review body: never posted twice. */
  posted: Set<string>;
}

interface Author { __typename?: string; login?: string }

const THREADS = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
    reviewThreads(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id path isResolved resolvedBy { __typename login } comments(first: 1) { nodes { id body author { __typename login } } } }
    } } } }`;

const REVIEWS = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $repo) { pullRequest(number: $number) {
    reviews(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { body author { __typename login } }
    } } } }`;

const bare = (login: string | undefined) => (login ?? '').replace(/\[bot\]$/, '').toLowerCase();

/**
 * Who cxlint posts as. A GITHUB_TOKEN or app token posts as a Bot (and cannot query `viewer` in every
 * setup); a PAT posts as its user. Only comments by that identity count as ours, so nobody can silence a
 * finding by pasting its fingerprint into a comment of their own.
 */
async function selfLogin(client: GitHubClient): Promise<string | undefined> {
  try {
    const r = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    return r.viewer.login;
  } catch {
    return undefined;
  }
}

/** Reads what cxlint already said on this PR (one GraphQL query per 100 threads and per 100 reviews). */
export async function readExistingReview(client: GitHubClient, pr: PullRef): Promise<ExistingReview> {
  const self = bare(await selfLogin(client));
  const ours = (a: Author | null | undefined) => !!a && (a.__typename === 'Bot' || (self !== '' && bare(a.login) === self));
  const vars = { owner: pr.owner, repo: pr.repo, number: pr.number };
  const threads: OwnThread[] = [];
  const posted = new Set<string>();
  let after: string | null = null;
  do {
    type Page = { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; path: string; isResolved: boolean; resolvedBy: Author | null; comments: { nodes: { id: string; body: string; author: Author | null }[] } }[] } } } };
    const page: Page = await client.graphql<Page>(THREADS, { ...vars, after });
    const conn = page.repository.pullRequest.reviewThreads;
    for (const t of conn.nodes) {
      const first = t.comments.nodes[0];
      if (!first || !ours(first.author)) continue;
      const fps = readFingerprints(first.body);
      if (!fps.length) continue;
      const resolvedByHuman = t.isResolved && !!t.resolvedBy && !ours(t.resolvedBy);
      threads.push({ id: t.id, path: t.path, commentId: first.id, isResolved: t.isResolved, resolvedByHuman, fingerprints: fps });
      // A thread cxlint resolved itself whose finding is back gets a new comment; open or human-resolved ones don't.
      if (!t.isResolved || resolvedByHuman) for (const fp of fps) posted.add(fp);
    }
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  after = null;
  do {
    type Page = { repository: { pullRequest: { reviews: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { body: string; author: Author | null }[] } } } };
    const page: Page = await client.graphql<Page>(REVIEWS, { ...vars, after });
    const conn = page.repository.pullRequest.reviews;
    for (const r of conn.nodes) if (ours(r.author)) for (const fp of readFingerprints(r.body)) posted.add(fp);
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  return { threads, posted };
}

/**
 * Threads to close: open, ours, none of their findings still present, and on a file this run could judge — one
 * it linted, or one the PR no longer changes. A file left out by `paths` keeps its threads.
 */
export function threadsToResolve(threads: readonly OwnThread[], present: ReadonlySet<string>, judged: (path: string) => boolean = () => true): OwnThread[] {
  return threads.filter((t) => !t.isResolved && judged(t.path) && t.fingerprints.every((fp) => !present.has(fp)));
}

/**
 * Resolves the threads whose finding is gone, many per request (aliased mutations), so the number of calls
 * does not grow with the number of fixed findings. Where resolving is refused, the comment is minimized as
 * OUTDATED instead. Returns how many were closed either way.
 */
export async function closeThreads(client: GitHubClient, threads: readonly OwnThread[]): Promise<{ resolved: number; minimized: number; failed: number }> {
  let resolved = 0, minimized = 0, failed = 0;
  for (let i = 0; i < threads.length; i += 50) {
    const batch = threads.slice(i, i + 50);
    try {
      await client.graphql(
        `mutation(${batch.map((_, j) => `$t${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `r${j}: resolveReviewThread(input: {threadId: $t${j}}) { thread { id isResolved } }`).join(' ')} }`,
        Object.fromEntries(batch.map((t, j) => [`t${j}`, t.id])),
      );
      resolved += batch.length;
      continue;
    } catch (e) {
      core.info(`Could not resolve ${batch.length} fixed thread(s) (${describeError(e)}); minimizing them as outdated instead.`);
    }
    try {
      await client.graphql(
        `mutation(${batch.map((_, j) => `$c${j}: ID!`).join(', ')}) { ${batch.map((_, j) => `m${j}: minimizeComment(input: {subjectId: $c${j}, classifier: OUTDATED}) { minimizedComment { isMinimized } }`).join(' ')} }`,
        Object.fromEntries(batch.map((t, j) => [`c${j}`, t.commentId])),
      );
      minimized += batch.length;
    } catch (e) {
      failed += batch.length;
      core.warning(`Could not resolve or minimize ${batch.length} review thread(s) whose finding is fixed: ${describeError(e)}.`);
    }
  }
  return { resolved, minimized, failed };
}
