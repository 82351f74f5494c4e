import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeGitHub, type Fault } from './testing/fake-github.js';
import { createClient, describeError, statusOf } from './github-client.js';

const TOKEN = 'tok_unit';
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.stop();
  gh = undefined;
});

// A generous timeout, so a busy machine does not turn a slow answer into a retry; the timeout test sets its own.
async function server(faults: Fault[], extra: Partial<ConstructorParameters<typeof FakeGitHub>[0]> = {}, timeoutMs = 5000) {
  gh = await new FakeGitHub({ token: TOKEN, owner: 'o', repo: 'r', number: 1, headSha: 'abc', files: [], faults, ...extra }).start();
  return createClient(TOKEN, { baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retryUnitMs: 2, timeoutMs, retries: 3 });
}

describe('createClient', () => {
  it('retries 500 and 502 with backoff, then succeeds', async () => {
    const client = await server([{ method: 'GET', match: /files$/, status: 500, times: 1 }, { method: 'GET', match: /files$/, status: 502, times: 1 }]);
    const res = await client.rest.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: 'o', repo: 'r', pull_number: 1 });
    expect(res.status).toBe(200);
    expect(gh!.requests.map((r) => r.status)).toEqual([500, 502, 200]);
  });

  it('gives up after the configured retries and reports the status', async () => {
    const client = await server([{ method: 'GET', match: /files$/, status: 503, times: 10 }]);
    const err = await client.rest.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: 'o', repo: 'r', pull_number: 1 }).catch((e) => e);
    expect(statusOf(err)).toBe(503);
    expect(gh!.requests).toHaveLength(4);
    expect(describeError(err)).toMatch(/^HTTP 503/);
  });

  it('honours a secondary rate limit (403 + retry-after) and retries', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const client = await server([
      { method: 'POST', match: /reviews$/, status: 403, headers: { 'retry-after': '3' }, body: { message: 'You have exceeded a secondary rate limit.' } },
    ]);
    const started = Date.now();
    const res = await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner: 'o', repo: 'r', pull_number: 1, commit_id: 'abc', event: 'COMMENT', body: 'x' });
    const logged = write.mock.calls.map((c) => String(c[0])).join('');
    write.mockRestore();
    expect(res.status).toBe(200);
    expect(gh!.requests.map((r) => r.status)).toEqual([403, 200]);
    // retry-after 3 s at 2 ms per second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5);
    expect(logged).toContain('secondary rate limit');
  });

  it('does not retry a plain 403 (read-only token)', async () => {
    const client = await server([], { readOnly: true });
    const err = await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner: 'o', repo: 'r', pull_number: 1, commit_id: 'abc', event: 'COMMENT', body: 'x' }).catch((e) => e);
    expect(statusOf(err)).toBe(403);
    expect(gh!.requests).toHaveLength(1);
  });

  it('times out a hanging request and retries it', async () => {
    const client = await server([{ method: 'GET', match: /files$/, status: 200, delayMs: 3000, body: [] }], {}, 500);
    const res = await client.rest.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { owner: 'o', repo: 'r', pull_number: 1 });
    expect(res.status).toBe(200);
    expect(gh!.requests).toHaveLength(2);
  });

  it('sends GraphQL to GITHUB_GRAPHQL_URL', async () => {
    const client = await server([], { tokenKind: 'pat', viewerLogin: 'me' });
    const r = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    expect(r.viewer.login).toBe('me');
    expect(gh!.requests[0].path).toBe('/graphql');
  });
});
