/**
 * A small stand-in for the GitHub API on 127.0.0.1, for tests that run the real action against it. It is never
 * more forgiving than GitHub where the action depends on it:
 * - every REST request is checked against GitHub's OpenAPI description and every GraphQL document (and its
 *   variables) against GitHub's schema; a request GitHub would not understand is answered 400 and recorded in
 *   `violations` (tests assert it stays empty);
 * - GraphQL answers hold exactly the selected fields (aliases honoured), as GitHub's do: a field the action
 *   forgot to select is absent, not answered anyway;
 * - token auth, `link`-header pagination, 422 for review comments outside a hunk (which rejects the whole review);
 * - one pending review per user: while one exists, creating ANY review answers 422 "User can only have one
 *   pending review per pull request" (reported publicly, e.g. max-sixty/tend#1171, QwenLM/qwen-code#10088);
 * - the Actions GITHUB_TOKEN (`tokenKind: 'actions'`, the default) cannot query `viewer`, gets
 *   `viewerCanResolve: false`, and `resolveReviewThread` is refused with "Resource not accessible by integration"
 *   even with `pull-requests: write` (derailed-dash/gemini-review-action#47, PostHog/posthog#52454); a PAT or an
 *   App token with contents write may resolve;
 * - comment and review bodies over 65,536 characters are refused with 422;
 * - a push (`push()`) makes threads outdated when their line is gone, and a deleted file's threads outdated;
 * - 403 for a read-only token; injected faults (5xx, secondary rate limits with `retry-after`, slow responses).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphqlProblems, restProblems, selectAsAsked } from './github-api-description.js';

export interface FakeFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Omitted for "too large" diffs, as GitHub does. */
  patch?: string;
}

export interface Fault {
  method: string;
  /** Matched against the request path (without query) or, for GraphQL, the query text. */
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer this many matching requests with the fault (default 1). */
  times?: number;
  /** Hold the response this long before answering (for client timeouts). */
  delayMs?: number;
  /** Do the work first, then answer with the fault (a gateway error after the write went through). */
  afterWork?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  authorization?: string;
  status: number;
}

interface Comment { id: string; databaseId: number; body: string; path: string; line: number; author: string; isMinimized: boolean; minimizedReason?: string; lineText?: string }
interface Thread { id: string; isResolved: boolean; resolvedBy?: string; isOutdated: boolean; comments: Comment[] }
interface Review { id: number; state: 'PENDING' | 'COMMENTED'; body: string; author: string; commit_id: string; comments: any[] }

export interface FakeGitHubOptions {
  token: string;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  files: FakeFile[];
  /** Writes are refused with 403, as for a fork PR's GITHUB_TOKEN. */
  readOnly?: boolean;
  /** Server-side page size cap, to exercise pagination with few files. */
  pageSize?: number;
  /** Paths GitHub refuses comments on even inside a hunk (e.g. a stale diff): 422 like any bad comment. */
  refuseCommentsOn?: string[];
  /**
   * What the token is: `actions` (the Actions GITHUB_TOKEN: posts as github-actions[bot], no `viewer`, may not
   * resolve threads), `pat` (a person's token: posts as `viewerLogin`), `app` (a GitHub App installation token
   * with contents write: posts as `<appSlug>[bot]`, may resolve).
   */
  tokenKind?: 'actions' | 'pat' | 'app';
  /** The PAT's user (default `octo-dev`). */
  viewerLogin?: string;
  appSlug?: string;
  /** Raw files by `ref:path` for the contents API. */
  contents?: Record<string, string>;
  faults?: Fault[];
}

const BODY_LIMIT = 65_536;
const TOO_LONG = { message: 'Validation Failed', errors: [{ resource: 'PullRequestReview', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' };
const FORBIDDEN = (path: string) => ({ type: 'FORBIDDEN', path: [path], message: 'Resource not accessible by integration' });

/** GraphQL's `minimizedReason` for a `minimizeComment` classifier: OFF_TOPIC reads `off-topic`. */
const reasonOf = (classifier: string) => classifier.toLowerCase().replace(/_/g, '-');

/** RIGHT-side line → text of a file's patch (added and context lines). */
function rightLines(patch: string | undefined): Map<number, string> {
  const out = new Map<number, string>();
  if (!patch) return out;
  let line = 0;
  let inHunk = false;
  for (const raw of patch.split('\n')) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (m) { line = Number(m[1]); inHunk = true; continue; }
    if (!inHunk) continue;
    if (raw.startsWith('+') || raw.startsWith(' ')) out.set(line++, raw.slice(1));
  }
  return out;
}

/** RIGHT-side lines of each hunk (added and context), written independently of the action's parser. */
function hunksOf(patch: string): number[][] {
  const hunks: number[][] = [];
  let line = 0;
  for (const raw of patch.split('\n')) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (m) { hunks.push([]); line = Number(m[1]); continue; }
    if (!hunks.length) continue;
    if (raw.startsWith('+') || raw.startsWith(' ')) hunks[hunks.length - 1].push(line++);
  }
  return hunks;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Requests GitHub's API descriptions do not allow: each is a bug in the action (or the fake). */
  readonly violations: string[] = [];
  readonly reviews: Review[] = [];
  readonly threads: Thread[] = [];
  private server: Server;
  private nextId = 1;
  private faults: Fault[];
  url = '';

  constructor(public options: FakeGitHubOptions) {
    this.faults = [...(options.faults ?? [])];
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  addFaults(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** Requests other than failed ones, optionally filtered by method and path pattern. */
  calls(method?: string, path?: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (!method || r.method === method) && (!path || path.test(r.path)));
  }

  /** The login the token posts as. */
  get identity(): string {
    const o = this.options;
    return o.tokenKind === 'pat' ? (o.viewerLogin ?? 'octo-dev') : o.tokenKind === 'app' ? `${o.appSlug ?? 'cxlint-app'}[bot]` : 'github-actions[bot]';
  }

  /** Whether the token may resolve review threads (never the Actions GITHUB_TOKEN). */
  get canResolve(): boolean {
    return this.options.tokenKind === 'pat' || this.options.tokenKind === 'app';
  }

  /**
   * A push to the PR: new head and file list. A thread goes outdated when its file left the PR or was deleted,
   * or when the line it is on is no longer in the diff with the same text (GitHub follows a line that only moved).
   */
  push(headSha: string, files: FakeFile[]): void {
    this.options.headSha = headSha;
    this.options.files = files;
    for (const t of this.threads) {
      const c = t.comments[0];
      const file = files.find((f) => f.filename === c.path);
      if (!file || file.status === 'removed') { t.isOutdated = true; continue; }
      const lines = rightLines(file.patch);
      if (c.lineText === undefined) continue;
      const moved = [...lines].find(([, text]) => text === c.lineText);
      if (!moved) t.isOutdated = true;
      else c.line = moved[0];
    }
  }

  /** A pending review of ours left by a run that was cancelled between creating and deleting it. */
  addLeftoverPending(): number {
    const review: Review = { id: this.nextId++, state: 'PENDING', body: '', author: this.identity, commit_id: this.options.headSha, comments: [] };
    this.reviews.push(review);
    return review.id;
  }

  /** Reviews visible on the PR (pending ones are invisible to others). */
  get postedReviews(): Review[] {
    return this.reviews.filter((r) => r.state !== 'PENDING');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    let body: any;
    try { body = raw ? JSON.parse(raw) : undefined; } catch { body = raw; }
    const rec: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization, status: 0 };
    this.requests.push(rec);
    let override: Fault | undefined;
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      if (override) ({ status, body: data, headers = {} } = { status: override.status, body: override.body ?? { message: `Injected ${override.status}` }, headers: override.headers });
      rec.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? '' : typeof data === 'string' ? data : JSON.stringify(data));
    };

    const target = url.pathname === '/graphql' ? String(body?.query ?? '') : url.pathname;
    const fault = this.faults.find((f) => f.method === rec.method && f.match.test(target) && (f.times ?? 1) > 0);
    if (fault?.afterWork) {
      fault.times = (fault.times ?? 1) - 1;
      override = fault;
    } else if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      return send(fault.status, fault.body ?? { message: `Injected ${fault.status}` }, fault.headers);
    }
    if (req.headers.authorization !== `token ${this.options.token}`) return send(401, { message: 'Bad credentials' });
    const problems = url.pathname === '/graphql'
      ? (rec.method === 'POST' ? graphqlProblems(String(body?.query ?? ''), body?.variables ?? {}) : ['GraphQL is POST only'])
      : restProblems(rec.method, url.pathname, url.searchParams, body);
    if (problems.length) {
      this.violations.push(...problems);
      return url.pathname === '/graphql'
        ? send(200, { errors: problems.map((message) => ({ message })) })
        : send(400, { message: `Problems parsing the request: ${problems.join('; ')}` });
    }

    const o = this.options;
    const prBase = `/repos/${o.owner}/${o.repo}/pulls/${o.number}`;
    if (url.pathname === '/graphql') {
      const query = String(body?.query ?? '');
      const answer = this.graphql(query, body?.variables ?? {}) as { data?: unknown; errors?: unknown[] };
      // GitHub returns exactly the selected fields: one the action forgot to ask for must not reach it.
      const { data, missing } = selectAsAsked(query, answer.data);
      if (missing.length) this.violations.push(...missing.map((m) => `The fake GitHub does not model the selected field ${m}`));
      return send(200, { ...answer, data });
    }
    if (rec.method !== 'GET' && o.readOnly) {
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    }
    if (rec.method === 'GET' && url.pathname === `${prBase}/files`) return this.listFiles(url, send);
    if (rec.method === 'POST' && url.pathname === `${prBase}/reviews`) return this.createReview(body, send);
    const del = new RegExp(`^${prBase}/reviews/(\\d+)$`).exec(url.pathname);
    if (rec.method === 'DELETE' && del) {
      const i = this.reviews.findIndex((r) => r.id === Number(del[1]) && r.state === 'PENDING' && r.author === this.identity);
      if (i < 0) return send(422, { message: 'Can not delete a non-pending pull request review' });
      const [r] = this.reviews.splice(i, 1);
      return send(200, { id: r.id, state: 'PENDING' });
    }
    const contents = new RegExp(`^/repos/${o.owner}/${o.repo}/contents/(.+)$`).exec(url.pathname);
    if (rec.method === 'GET' && contents) {
      const text = o.contents?.[`${url.searchParams.get('ref')}:${decodeURIComponent(contents[1])}`];
      return text === undefined ? send(404, { message: 'Not Found' }) : send(200, text, { 'content-type': 'application/vnd.github.raw' });
    }
    return send(404, { message: 'Not Found' });
  }

  private listFiles(url: URL, send: (s: number, d: unknown, h?: Record<string, string>) => void): void {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100, this.options.pageSize ?? 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const files = this.options.files;
    const last = Math.max(1, Math.ceil(files.length / perPage));
    const slice = files.slice((page - 1) * perPage, page * perPage).map((f) => ({ sha: 'x', additions: 1, deletions: 0, changes: 1, ...f }));
    const link = (p: number) => {
      const u = new URL(url.href);
      u.searchParams.set('page', String(p));
      return u.href;
    };
    const rels = [...(page < last ? [`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`] : []), ...(page > 1 ? [`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`] : [])];
    send(200, slice, rels.length ? { link: rels.join(', ') } : {});
  }

  private createReview(body: any, send: (s: number, d: unknown) => void): void {
    const o = this.options;
    if (this.reviews.some((r) => r.state === 'PENDING' && r.author === this.identity)) {
      return send(422, { message: 'Unprocessable Entity', errors: ['User can only have one pending review per pull request'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' });
    }
    if (body?.commit_id !== o.headSha) return send(422, { message: 'Unprocessable Entity', errors: ['Commit id is not part of the pull request'] });
    if (String(body?.body ?? '').length > BODY_LIMIT || (body?.comments ?? []).some((c: { body?: string }) => String(c.body ?? '').length > BODY_LIMIT)) return send(422, TOO_LONG);
    for (const c of body?.comments ?? []) {
      const file = o.files.find((f) => f.filename === c.path);
      const hunks = file?.patch ? hunksOf(file.patch) : [];
      const start = c.start_line ?? c.line;
      const ok =
        file && c.side === 'RIGHT' && (c.start_line === undefined || c.start_side === 'RIGHT') && !o.refuseCommentsOn?.includes(c.path) &&
        hunks.some((h) => h.includes(start) && h.includes(c.line)) && start <= c.line;
      if (!ok) return send(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' });
    }
    const pending = !body.event;
    const me = this.identity;
    const review: Review = { id: this.nextId++, state: pending ? 'PENDING' : 'COMMENTED', body: body.body ?? '', author: me, commit_id: body.commit_id, comments: body.comments ?? [] };
    this.reviews.push(review);
    if (!pending) {
      for (const c of review.comments) {
        const id = this.nextId++;
        const lineText = rightLines(o.files.find((f) => f.filename === c.path)?.patch).get(c.line);
        this.threads.push({ id: `PRRT_${id}`, isResolved: false, isOutdated: false, comments: [{ id: `PRRC_${id}`, databaseId: id, body: c.body, path: c.path, line: c.line, author: me, isMinimized: false, lineText }] });
      }
    }
    send(200, { id: review.id, state: review.state, body: review.body, commit_id: review.commit_id, user: { login: me, type: me.endsWith('[bot]') ? 'Bot' : 'User' } });
  }

  /** Just enough GraphQL for the action's queries and mutations, recognised by their fields. */
  private graphql(query: string, variables: Record<string, any>): unknown {
    const writeDenied = { data: null, errors: [FORBIDDEN('mutation')] };
    const me = this.identity;
    const author = (login: string) => ({ __typename: login.endsWith('[bot]') ? 'Bot' : 'User', login: login.replace(/\[bot\]$/, '') });
    if (/^\s*query\s*\{\s*viewer/.test(query)) {
      // The Actions GITHUB_TOKEN is refused `viewer`; a PAT and an App token answer it.
      return this.options.tokenKind === 'pat' || this.options.tokenKind === 'app'
        ? { data: { viewer: { login: me } } }
        : { data: null, errors: [FORBIDDEN('viewer')] };
    }
    if (query.includes('resolveReviewThread') || query.includes('minimizeComment')) {
      if (this.options.readOnly) return writeDenied;
      const resolving = query.includes('resolveReviewThread');
      if (resolving && !this.canResolve) return { data: Object.fromEntries(Object.keys(variables).map((k) => [k.replace('t', 'r'), null])), errors: Object.keys(variables).map((k) => FORBIDDEN(k.replace('t', 'r'))) };
      const data: Record<string, unknown> = {};
      for (const [name, id] of Object.entries(variables)) {
        const t = this.threads.find((x) => (resolving ? x.id === id : x.comments[0].id === id));
        if (!t) return { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${id}'` }] };
        if (resolving) { t.isResolved = true; t.resolvedBy = me; data[name.replace('t', 'r')] = { thread: { id: t.id, isResolved: true } }; }
        else { t.comments[0].isMinimized = true; t.comments[0].minimizedReason = reasonOf(String(/classifier:\s*(\w+)/.exec(query)?.[1] ?? '')); data[name.replace('c', 'm')] = { minimizedComment: { isMinimized: true } }; }
      }
      return { data };
    }
    const page = <T>(items: T[], after: string | null | undefined, size = 100) => {
      const start = after ? Number(after) : 0;
      const nodes = items.slice(start, start + size);
      const end = start + nodes.length;
      return { pageInfo: { hasNextPage: end < items.length, endCursor: String(end) }, nodes };
    };
    if (query.includes('reviewThreads')) {
      const threads = this.threads.map((t) => ({
        id: t.id, path: t.comments[0].path, isResolved: t.isResolved, isOutdated: t.isOutdated, viewerCanResolve: this.canResolve && !t.isResolved,
        resolvedBy: t.resolvedBy ? { login: t.resolvedBy.replace(/\[bot\]$/, '') } : null,
        comments: { nodes: t.comments.slice(0, 1).map((c) => ({ id: c.id, body: c.body, isMinimized: c.isMinimized, minimizedReason: c.minimizedReason ?? null, author: author(c.author) })) },
      }));
      return { data: { repository: { pullRequest: { headRefOid: this.options.headSha, reviewThreads: page(threads, variables.after, this.options.pageSize) } } } };
    }
    if (query.includes('reviews(')) {
      // A pending review is visible to its author only.
      const visible = this.reviews.filter((r) => r.state !== 'PENDING' || r.author === me);
      const reviews = visible.map((r) => ({ databaseId: r.id, state: r.state, body: r.body, author: author(r.author) }));
      return { data: { repository: { pullRequest: { reviews: page(reviews, variables.after, this.options.pageSize) } } } };
    }
    return { data: null, errors: [{ message: `Unsupported query: ${query.slice(0, 80)}` }] };
  }

  /** A person hides the first comment of a thread, as the UI's "Hide" does (classifier as in `minimizeComment`). */
  minimizeAsPerson(thread: number, classifier: 'OFF_TOPIC' | 'RESOLVED' | 'OUTDATED' | 'DUPLICATE' | 'SPAM' | 'ABUSE'): void {
    Object.assign(this.threads[thread].comments[0], { isMinimized: true, minimizedReason: reasonOf(classifier) });
  }

  /** Simulates a person leaving a comment that pastes a fingerprint marker (must not silence the finding). */
  addHumanThread(body: string, login = 'mallory', path = 'x', line = 1): void {
    const id = this.nextId++;
    this.threads.push({ id: `PRRT_${id}`, isResolved: false, isOutdated: false, comments: [{ id: `PRRC_${id}`, databaseId: id, body, path, line, author: login, isMinimized: false }] });
  }
}
