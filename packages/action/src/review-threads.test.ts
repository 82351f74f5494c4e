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
      owner: 'o', repo: 'r', pull_number: 1, commit_id: 'h', event: 'COMMENT', body: `listed ${marker('d')}`,
      comments: ['a', 'b', 'c'].map((c, i) => ({ path: 'a.yaml', line: i + 1, side: 'RIGHT', body: `x ${marker(c)}` })),
    });
    gh!.addHumanThread(`copy ${marker('e')}`);
    gh!.addHumanThread(`another app ${marker('f')}`, 'other-app[bot]');
    const existing = await readExistingReview(client, pr);
    expect([...existing.posted].sort()).toEqual([fp('a'), fp('b'), fp('c'), fp('d')]);
    expect([...existing.inline].sort()).toEqual([fp('a'), fp('b'), fp('c')]);
    expect([...existing.listed]).toEqual([fp('d')]);
    expect(existing.threads).toHaveLength(3);
    expect(existing.headSha).toBe('h');
    expect(gh!.violations).toEqual([]);
    // 3 threads + 1 human + 1 other app at 2 per page = 3 pages, plus one page of reviews, plus the viewer probe.
    expect(gh!.calls('POST', /graphql/)).toHaveLength(5);
  });
});

describe('threadsToResolve / closeThreads', () => {
  const t = (id: string, fps: string[], isResolved = false, path = 'a.yaml'): OwnThread => ({ id, path, commentId: `c${id}`, isResolved, resolvedByHuman: false, isOutdated: false, isMinimized: false, viewerCanResolve: true, fingerprints: fps });
  it('picks open threads whose findings are all gone, on files this run judged', () => {
    const present = new Set([fp('a')]);
    expect(threadsToResolve([t('1', [fp('a')]), t('2', [fp('b')]), t('3', [fp('c')], true)], present).map((x) => x.id)).toEqual(['2']);
    const judged = (p: string) => p === 'a.yaml';
    expect(threadsToResolve([t('4', [fp('b')], false, 'a.yaml'), t('5', [fp('b')], false, 'skipped.yaml')], present, judged).map((x) => x.id)).toEqual(['4']);
  });

  it('resolves many threads in one request with a token that may resolve', async () => {
    const client = await setup({ tokenKind: 'pat' });
    await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner: 'o', repo: 'r', pull_number: 1, commit_id: 'h', event: 'COMMENT', body: '',
      comments: ['a', 'b', 'c'].map((c, i) => ({ path: 'a.yaml', line: i + 1, side: 'RIGHT', body: marker(c) })),
    });
    const existing = await readExistingReview(client, pr);
    const before = gh!.requests.length;
    const res = await closeThreads(client, threadsToResolve(existing.threads, new Set()));
    expect(res).toEqual({ resolved: 3, minimized: 0, failed: 0 });
    expect(gh!.requests.length - before).toBe(1);
    expect(gh!.threads.every((x) => x.isResolved)).toBe(true);
    expect(gh!.violations).toEqual([]);
  });

  it('with the Actions token (viewerCanResolve false) it minimizes as OUTDATED without trying to resolve', async () => {
    const client = await setup();
    await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner: 'o', repo: 'r', pull_number: 1, commit_id: 'h', event: 'COMMENT', body: '',
      comments: ['a', 'b'].map((c, i) => ({ path: 'a.yaml', line: i + 1, side: 'RIGHT', body: marker(c) })),
    });
    const existing = await readExistingReview(client, pr);
    expect(existing.threads.map((x) => x.viewerCanResolve)).toEqual([false, false]);
    const before = gh!.requests.length;
    expect(await closeThreads(client, threadsToResolve(existing.threads, new Set()))).toEqual({ resolved: 0, minimized: 2, failed: 0 });
    const sent = gh!.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.query).toMatch(/minimizeComment\(input: \{subjectId: \$c0, classifier: OUTDATED\}\)/);
    expect(gh!.threads.map((x) => [x.isResolved, x.comments[0].isMinimized, x.comments[0].minimizedReason])).toEqual([[false, true, 'outdated'], [false, true, 'outdated']]);
    // Minimized threads are never closed again, and no longer count as posted.
    const after = await readExistingReview(client, pr);
    expect(threadsToResolve(after.threads, new Set())).toEqual([]);
    expect(after.posted.size).toBe(0);
    expect(gh!.violations).toEqual([]);
  });

  it('a refused resolve falls back to minimizing', async () => {
    const client = await setup();
    await client.rest.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner: 'o', repo: 'r', pull_number: 1, commit_id: 'h', event: 'COMMENT', body: '', comments: [{ path: 'a.yaml', line: 1, side: 'RIGHT', body: marker('a') }],
    });
    const [thread] = (await readExistingReview(client, pr)).threads;
    // Claims it may resolve, but GitHub refuses the Actions token anyway.
    expect(await closeThreads(client, [{ ...thread, viewerCanResolve: true }])).toEqual({ resolved: 0, minimized: 1, failed: 0 });
    expect(gh!.calls('POST', /graphql/).at(-2)!.status).toBe(200);
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
