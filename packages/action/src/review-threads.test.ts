import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './github-client.js';
import { closeThreads, readExistingReview, threadsToResolve, type OwnThread } from './review-threads.js';
import { FakeGitHub } from './testing/fake-github.js';

const fp = (c: string) => c.repeat(32);
const marker = (c: string) => `<!-- cxlint:fp=${fp(c)} -->`;

let gh: FakeGitHub | undefined;
afterEach(async () => gh?.stop());

async function setup(extra: Partial<ConstructorParameters<typeof FakeGitHub>[0]> = {}) {
  gh = await new FakeGitHub({ token: 't', owner: 'o', repo: 'r', number: 1, headSha: 'h', files: [{ filename: 'a.yaml', status: 'added', patch: '@@ -0,0 +1,3 @@\n+a\n+b\n+c' }], ...extra }).start();
  return createClient('t', { baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retryUnitMs: 1 });
}
const pr = { owner: 'o', repo: 'r', number: 1 };

describe('readExistingReview', () => {
  it('collects fingerprints from our inline threads (all pages) and review bodies, not from humans', async () => {
    const client = await setup({ pageSize: 2 });
    await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...pr, pull_number: 1, commit_id: 'h', event: 'COMMENT', body: `listed ${marker('d')}`,
      comments: ['a', 'b', 'c'].map((c, i) => ({ path: 'a.yaml', line: i + 1, side: 'RIGHT', body: `x ${marker(c)}` })),
    });
    gh!.addHumanThread(`copy ${marker('e')}`);
    const existing = await readExistingReview(client, pr);
    expect([...existing.posted].sort()).toEqual([fp('a'), fp('b'), fp('c'), fp('d')]);
    expect(existing.threads).toHaveLength(3);
    // 3 threads + 1 human at 2 per page = 2 pages, plus one page of reviews, plus the viewer probe.
    expect(gh!.calls('POST', /graphql/)).toHaveLength(4);
  });
});

describe('threadsToResolve / closeThreads', () => {
  const t = (id: string, fps: string[], isResolved = false, path = 'a.yaml'): OwnThread => ({ id, path, commentId: `c${id}`, isResolved, resolvedByHuman: false, fingerprints: fps });
  it('picks open threads whose findings are all gone, on files this run judged', () => {
    const present = new Set([fp('a')]);
    expect(threadsToResolve([t('1', [fp('a')]), t('2', [fp('b')]), t('3', [fp('c')], true)], present).map((x) => x.id)).toEqual(['2']);
    const judged = (p: string) => p === 'a.yaml';
    expect(threadsToResolve([t('4', [fp('b')], false, 'a.yaml'), t('5', [fp('b')], false, 'skipped.yaml')], present, judged).map((x) => x.id)).toEqual(['4']);
  });

  it('resolves many threads in one request', async () => {
    const client = await setup();
    await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...pr, pull_number: 1, commit_id: 'h', event: 'COMMENT', body: '',
      comments: ['a', 'b', 'c'].map((c, i) => ({ path: 'a.yaml', line: i + 1, side: 'RIGHT', body: marker(c) })),
    });
    const existing = await readExistingReview(client, pr);
    const before = gh!.requests.length;
    const res = await closeThreads(client, threadsToResolve(existing.threads, new Set()));
    expect(res).toEqual({ resolved: 3, minimized: 0, failed: 0 });
    expect(gh!.requests.length - before).toBe(1);
    expect(gh!.threads.every((x) => x.isResolved)).toBe(true);
  });

  it('when resolving and minimizing are both refused, it says so and counts them as failed', async () => {
    const client = await setup({ readOnly: true });
    const write = (await import('vitest')).vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const res = await closeThreads(client, [t('PRRT_x', [fp('a')])]);
    const out = write.mock.calls.map((c) => String(c[0])).join('');
    write.mockRestore();
    expect(res).toEqual({ resolved: 0, minimized: 0, failed: 1 });
    expect(out).toMatch(/::warning::Could not resolve or minimize 1 review thread/);
  });
});
