/**
 * A small stand-in for the GitHub API on 127.0.0.1, for tests that run the real action against it. It behaves
 * like GitHub where the action depends on it: token auth, `link`-header pagination, 422 for review comments
 * outside a hunk (which rejects the whole review), one pending review per user, 403 for a read-only token,
 * GraphQL review threads, and injected faults (5xx, secondary rate limits with `retry-after`, slow responses).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

interface Comment { id: string; databaseId: number; body: string; path: string; line: number; author: string }
interface Thread { id: string; isResolved: boolean; resolvedBy?: string; isMinimized: boolean; comments: Comment[] }
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
  /** Whether `viewer` resolves (a GITHUB_TOKEN cannot query it in every setup). */
  viewerLogin?: string;
  /** Raw files by `ref:path` for the contents API. */
  contents?: Record<string, string>;
  faults?: Fault[];
}

const BOT = 'github-actions[bot]';

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

    const o = this.options;
    const prBase = `/repos/${o.owner}/${o.repo}/pulls/${o.number}`;
    if (url.pathname === '/graphql') return send(200, this.graphql(String(body?.query ?? ''), body?.variables ?? {}));
    if (rec.method !== 'GET' && o.readOnly) {
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    }
    if (rec.method === 'GET' && url.pathname === `${prBase}/files`) return this.listFiles(url, send);
    if (rec.method === 'POST' && url.pathname === `${prBase}/reviews`) return this.createReview(body, send);
    const del = new RegExp(`^${prBase}/reviews/(\\d+)$`).exec(url.pathname);
    if (rec.method === 'DELETE' && del) {
      const i = this.reviews.findIndex((r) => r.id === Number(del[1]) && r.state === 'PENDING');
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
    if (body?.commit_id !== o.headSha) return send(422, { message: 'Unprocessable Entity', errors: ['Commit id is not part of the pull request'] });
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
    if (pending && this.reviews.some((r) => r.state === 'PENDING')) {
      return send(422, { message: 'Unprocessable Entity', errors: ['User can only have one pending review per pull request'] });
    }
    const review: Review = { id: this.nextId++, state: pending ? 'PENDING' : 'COMMENTED', body: body.body ?? '', author: BOT, commit_id: body.commit_id, comments: body.comments ?? [] };
    this.reviews.push(review);
    if (!pending) {
      for (const c of review.comments) {
        const id = this.nextId++;
        this.threads.push({ id: `PRRT_${id}`, isResolved: false, isMinimized: false, comments: [{ id: `PRRC_${id}`, databaseId: id, body: c.body, path: c.path, line: c.line, author: BOT }] });
      }
    }
    send(200, { id: review.id, state: review.state, body: review.body, commit_id: review.commit_id, user: { login: BOT, type: 'Bot' } });
  }

  /** Just enough GraphQL for the action's queries and mutations, recognised by their fields. */
  private graphql(query: string, variables: Record<string, any>): unknown {
    const writeDenied = { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] };
    const author = (login: string) => ({ __typename: login.endsWith('[bot]') ? 'Bot' : 'User', login: login.replace(/\[bot\]$/, '') });
    if (/^\s*query\s*\{\s*viewer/.test(query)) {
      return this.options.viewerLogin ? { data: { viewer: { login: this.options.viewerLogin } } } : { data: null, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] };
    }
    if (query.includes('resolveReviewThread') || query.includes('minimizeComment')) {
      if (this.options.readOnly) return writeDenied;
      const data: Record<string, unknown> = {};
      for (const [name, id] of Object.entries(variables)) {
        const t = this.threads.find((x) => x.id === id || x.comments[0].id === id);
        if (!t) return { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${id}'` }] };
        if (query.includes('resolveReviewThread')) { t.isResolved = true; t.resolvedBy = BOT; data[name.replace('t', 'r')] = { thread: { id: t.id, isResolved: true } }; }
        else { t.isMinimized = true; data[name.replace('c', 'm')] = { minimizedComment: { isMinimized: true } }; }
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
        id: t.id, path: t.comments[0].path, isResolved: t.isResolved, resolvedBy: t.resolvedBy ? author(t.resolvedBy) : null,
        comments: { nodes: t.comments.slice(0, 1).map((c) => ({ id: c.id, body: c.body, author: author(c.author) })) },
      }));
      return { data: { repository: { pullRequest: { reviewThreads: page(threads, variables.after, this.options.pageSize) } } } };
    }
    if (query.includes('reviews(')) {
      const reviews = this.postedReviews.map((r) => ({ body: r.body, author: author(r.author) }));
      return { data: { repository: { pullRequest: { reviews: page(reviews, variables.after, this.options.pageSize) } } } };
    }
    return { data: null, errors: [{ message: `Unsupported query: ${query.slice(0, 80)}` }] };
  }

  /** Simulates a person leaving a comment that pastes a fingerprint marker (must not silence the finding). */
  addHumanThread(body: string, login = 'mallory'): void {
    const id = this.nextId++;
    this.threads.push({ id: `PRRT_${id}`, isResolved: false, isMinimized: false, comments: [{ id: `PRRC_${id}`, databaseId: id, body, path: 'x', line: 1, author: login }] });
  }
}
