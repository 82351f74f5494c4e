/**
 * End-to-end: the BUILT bundle (dist/index.js) runs as a child process with the environment a runner gives
 * it, against a GitHub stand-in on 127.0.0.1. Assertions are on the requests GitHub received.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText } from '@cxlint/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, type Fault } from './testing/fake-github.js';
import { BUNDLE, FixtureRepo, REPO_ROOT, TEMPLATE_KEY_ACTION, flow, runBundle, type RunResult } from './testing/fixture-repo.js';

const TOKEN = 'ghs_TESTtoken0123456789abcdefSECRET';
const timeout = 60_000;

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build -w @cxlint/action\` first.`);
});

interface Pr {
  repo: FixtureRepo;
  base: string;
  head: string;
  gh: FakeGitHub;
  run: (extra?: { inputs?: Record<string, string>; eventName?: string; env?: Record<string, string> }) => Promise<RunResult>;
  /** Commits a change to the PR branch and tells the fake GitHub (new head, file list, outdated threads). */
  push: (message: string, change: (repo: FixtureRepo) => void) => void;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A repo whose PR adds the seed's defect to a flow; the workspace is checked out at the PR head. */
async function openPr(opts: { readOnly?: boolean; faults?: Fault[]; pageSize?: number; refuseCommentsOn?: string[]; headExtra?: (r: FixtureRepo) => void; dropPatchFor?: string[]; tokenKind?: 'actions' | 'pat' | 'app' } = {}): Promise<Pr> {
  const repo = new FixtureRepo();
  repo.write('flows/support.yaml', flow('Support'));
  repo.write('flows/legacy.yaml', flow('Legacy', TEMPLATE_KEY_ACTION.replace('userSessionId', 'legacyId'))); // untouched by the PR
  repo.write('README.md', '# flows\n');
  const base = repo.commit('base');
  repo.write('flows/support.yaml', flow('Support', TEMPLATE_KEY_ACTION));
  repo.write('flows/billing.yaml', flow('Billing'));
  repo.write('README.md', '# flows\n\nNow with billing.\n');
  opts.headExtra?.(repo);
  const head = repo.commit('head: remember the web session');
  const gh = await new FakeGitHub({
    token: TOKEN, owner: 'acme', repo: 'flows', number: 7, headSha: head, files: repo.prFiles(base, head, opts.dropPatchFor),
    readOnly: opts.readOnly, faults: opts.faults, pageSize: opts.pageSize, refuseCommentsOn: opts.refuseCommentsOn, tokenKind: opts.tokenKind,
  }).start();
  // Every request the action made must be one GitHub's API descriptions document.
  cleanups.push(() => expect(gh.violations).toEqual([]), () => gh.stop(), () => repo.cleanup());
  const pr: Pr = {
    repo, base, head, gh,
    run: (extra = {}) =>
      runBundle({
        workspace: repo.dir,
        eventName: extra.eventName ?? 'pull_request',
        event: { pull_request: { number: 7, head: { sha: pr.head }, base: { sha: base } } },
        token: TOKEN, apiUrl: gh.url, graphqlUrl: gh.graphqlUrl, inputs: extra.inputs, env: extra.env,
      }),
    push: (message, change) => {
      change(repo);
      pr.head = repo.commit(message);
      gh.push(pr.head, repo.prFiles(base, pr.head));
    },
  };
  return pr;
}

/**
 * The Markdown outside fenced blocks and code spans (CommonMark: a span closes at the next backtick run of the
 * same length), with backslash escapes applied: what GitHub would scan for mentions, links and HTML.
 */
function renderedText(md: string): string {
  let s = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '');
  let out = '';
  for (let i = 0; i < s.length; ) {
    const run = /^`+/.exec(s.slice(i));
    if (run) {
      const close = s.indexOf(run[0], i + run[0].length);
      let j = close;
      // The closing run must be exactly as long.
      while (j !== -1 && (s[j + run[0].length] === '`' || s[j - 1] === '`')) j = s.indexOf(run[0], j + run[0].length + 1);
      if (j !== -1) { i = j + run[0].length; continue; }
      out += run[0];
      i += run[0].length;
      continue;
    }
    out += s[i++];
  }
  s = out.replace(/<!-- cxlint:fp=[0-9a-f]+ -->/g, '');
  return s.replace(/\\([!-\/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '\u2039').replace(/&gt;/g, '\u203a');
}

const reviewPosts = (gh: FakeGitHub) => gh.calls('POST', /\/pulls\/7\/reviews$/).filter((r) => r.body?.event === 'COMMENT' && r.status === 200);

/** The token may appear only inside the `::add-mask::` command, which the runner consumes and never shows. */
function expectTokenNeverPrinted(r: RunResult): void {
  const lines = (r.stdout + '\n' + r.stderr).split('\n').filter((l) => l.includes(TOKEN));
  expect(lines).toEqual([`::add-mask::${TOKEN}`]);
  expect(r.summary).not.toContain(TOKEN);
  expect(JSON.stringify(r.outputs)).not.toContain(TOKEN);
}

describe('pull_request: one review with suggestions', () => {
  it('posts exactly one review with an inline suggestion on the changed line, and fails the step', async () => {
    const pr = await openPr({ pageSize: 1 });
    const r = await pr.run();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    // All pages of the file list were read (3 files, 1 per page, following link: rel="next").
    const pages = pr.gh.calls('GET', /\/pulls\/7\/files$/);
    expect(pages.map((p) => p.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(pages.every((p) => p.query.get('per_page') === '100')).toBe(true);

    const posts = reviewPosts(pr.gh);
    expect(posts).toHaveLength(1);
    const review = posts[0].body;
    expect(review.event).toBe('COMMENT');
    expect(review.commit_id).toBe(pr.head);
    expect(review.comments).toHaveLength(1);
    const c = review.comments[0];
    expect(c).toMatchObject({ path: 'flows/support.yaml', side: 'RIGHT', line: 30 });
    // Line 30 is an added line of the PR.
    expect(pr.repo.git('show', `${pr.head}:flows/support.yaml`).split('\n')[29]).toContain('lit: "{{flow.input.userSessionId}}"');
    expect(c.body).toContain('```suggestion\n                lit: userSessionId\n');
    // The flow declares no `Flow.userSessionId`: the suggestion renames the key and does not invent a value that
    // would read an undeclared variable (issue 12).
    expect(c.body).not.toContain('exp: Flow.userSessionId');
    expect(c.body).toMatch(/\[`participant-data\/literal-key`\]\(https:\/\/github\.com\/cxlint\/cxlint\/blob\/main\/docs\/rules\/participant-data\/literal-key\.md\)/);
    expect(c.body).toMatch(/<!-- cxlint:fp=[0-9a-f]{32} -->/);
    // The untouched legacy flow has the same defect but is not part of the PR: not reported.
    expect(JSON.stringify(review)).not.toContain('legacy.yaml');

    expect(r.stdout).toMatch(/::error title=participant-data\/literal-key,file=flows\/support\.yaml,line=30,endLine=30/);
    expect(r.summary).toContain('<code>flows/support.yaml</code>');
    expect(r.outputs).toMatchObject({ errors: '1', warnings: '0' });
    expectTokenNeverPrinted(r);
    expect(pr.gh.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    // 3 file pages, viewer, threads, reviews, one review POST.
    expect(pr.gh.requests).toHaveLength(7);
  }, timeout);

  it('the number of API calls does not grow with the number of findings', async () => {
    const many = Array.from({ length: 30 }, (_, i) => TEMPLATE_KEY_ACTION.replace('userSessionId', `key${i}`)).join('');
    const pr = await openPr({ headExtra: (repo) => repo.write('flows/support.yaml', flow('Support', many)) });
    const r = await pr.run();
    expect(r.outputs.errors).toBe('30');
    // 1 file page, viewer, threads, reviews, one review POST: as for a single finding.
    expect(pr.gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /repos/acme/flows/pulls/7/files', 'POST /graphql', 'POST /graphql', 'POST /graphql', 'POST /repos/acme/flows/pulls/7/reviews',
    ]);
    const review = reviewPosts(pr.gh)[0].body;
    expect(review.comments).toHaveLength(25);
    expect(review.body).toContain('5 findings beyond the inline comment limit');
    expect(review.body.match(/<!-- cxlint:fp=/g)).toHaveLength(5);
    // All 30 still annotated.
    expect(r.stdout.match(/^::error title=participant-data\/literal-key/gm)).toHaveLength(30);
  }, timeout);

  it('a second run on the same head posts nothing new; fixing the finding resolves its thread (a token that may resolve)', async () => {
    const pr = await openPr({ tokenKind: 'pat' });
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    const again = await pr.run();
    expect(again.code).toBe(1);
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(pr.gh.threads.filter((t) => !t.isResolved)).toHaveLength(1);

    // Push a fix: the key is literal now.
    pr.push('fix: literal key', (repo) => repo.write('flows/support.yaml', flow('Support', TEMPLATE_KEY_ACTION.replace('"{{flow.input.userSessionId}}"', 'userSessionId'))));
    const fixed = await pr.run();
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(pr.gh.threads.map((t) => t.isResolved)).toEqual([true]);
    const mutations = pr.gh.calls('POST', /^\/graphql$/).filter((q) => /resolveReviewThread/.test(q.body.query));
    expect(mutations).toHaveLength(1);
  }, timeout);

  it('a fingerprint pasted by someone else does not silence the finding', async () => {
    const pr = await openPr();
    await pr.run();
    const posted = reviewPosts(pr.gh)[0].body.comments[0].body as string;
    const marker = /<!-- cxlint:fp=[0-9a-f]+ -->/.exec(posted)![0];
    // Fresh PR state: only a human comment carrying the marker.
    pr.gh.threads.splice(0);
    pr.gh.reviews.splice(0);
    pr.gh.addHumanThread(`lgtm ${marker}`);
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(2);
  }, timeout);
});

const FIXED_KEY = TEMPLATE_KEY_ACTION.replace('"{{flow.input.userSessionId}}"', 'userSessionId');
const threadMutations = (gh: FakeGitHub) => gh.calls('POST', /^\/graphql$/).filter((q) => /resolveReviewThread|minimizeComment/.test(q.body.query));
const inlineComments = (gh: FakeGitHub) => reviewPosts(gh).flatMap((p) => p.body.comments as { path: string; line: number; start_line?: number; body: string }[]);

describe('thread lifecycle against a GitHub as strict as the real one', () => {
  it('with the Actions token: a fixed finding is minimized once, said once, never touched again, and commented again when it returns', async () => {
    const pr = await openPr();
    await pr.run();
    expect(pr.gh.threads).toHaveLength(1);

    pr.push('fix: literal key', (repo) => repo.write('flows/support.yaml', flow('Support', FIXED_KEY)));
    const fixed = await pr.run();
    expect(fixed.code, fixed.stdout).toBe(0);
    // GitHub refuses resolveReviewThread to this token (viewerCanResolve: false), so it is not even tried.
    expect(threadMutations(pr.gh).map((q) => /minimizeComment/.test(q.body.query))).toEqual([true]);
    expect(pr.gh.threads[0]).toMatchObject({ isResolved: false });
    expect(pr.gh.threads[0].comments[0]).toMatchObject({ isMinimized: true, minimizedReason: 'outdated' });
    expect(fixed.summary).toContain('minimized as outdated, not resolved');
    expect(fixed.summary).toMatch(/personal access token or a GitHub App token with Pull requests: write and Contents: write/);

    // Later runs neither touch the minimized thread again nor repeat the note.
    const again = await pr.run();
    expect(threadMutations(pr.gh)).toHaveLength(1);
    expect(again.summary).not.toContain('minimized');

    // The defect comes back: its minimized thread no longer counts as posted, so it is commented again.
    pr.push('oops: template key again', (repo) => repo.write('flows/support.yaml', flow('Support', TEMPLATE_KEY_ACTION)));
    const back = await pr.run();
    expect(back.code).toBe(1);
    expect(reviewPosts(pr.gh)).toHaveLength(2);
    expect(reviewPosts(pr.gh)[1].body.comments).toHaveLength(1);
    expect(threadMutations(pr.gh)).toHaveLength(1);
  }, timeout);

  it('a comment a person hid (as off-topic or resolved) is not posted again; one hidden as outdated is', async () => {
    const pr = await openPr();
    await pr.run();
    pr.gh.minimizeAsPerson(0, 'OFF_TOPIC');
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(threadMutations(pr.gh)).toHaveLength(0);
    // "Outdated" is what cxlint itself uses when it cannot resolve: the finding, still there, is commented again.
    pr.gh.threads[0].comments[0].minimizedReason = 'outdated';
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(2);
  }, timeout);

  it('recovers from a leftover pending review of its own (a cancelled run) before posting', async () => {
    const pr = await openPr();
    const leftover = pr.gh.addLeftoverPending();
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(pr.gh.calls('DELETE', new RegExp(`/pulls/7/reviews/${leftover}$`)).map((q) => q.status)).toEqual([200]);
    expect(pr.gh.reviews.filter((x) => x.state === 'PENDING')).toHaveLength(0);
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/could not post/);
  }, timeout);

  it('two identical defects in one file are both commented', async () => {
    const pr = await openPr({ headExtra: (repo) => repo.write('flows/support.yaml', flow('Support', TEMPLATE_KEY_ACTION + TEMPLATE_KEY_ACTION)) });
    const r = await pr.run();
    expect(r.outputs.errors).toBe('2');
    const comments = inlineComments(pr.gh);
    expect(comments.map((c) => c.line)).toEqual([30, 36]);
    const fps = comments.map((c) => /cxlint:fp=([0-9a-f]+)/.exec(c.body)![1]);
    expect(new Set(fps).size).toBe(2);
    // And a re-run still knows both.
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
  }, timeout);

  it('an unrelated edit above a finding posts nothing new and closes nothing', async () => {
    const pr = await openPr({ tokenKind: 'pat' });
    await pr.run();
    pr.push('docs: a comment at the top', (repo) => repo.write('flows/support.yaml', '# Support line, owned by the care team\n# (second comment line)\n' + flow('Support', TEMPLATE_KEY_ACTION)));
    // GitHub follows the commented line to its new place; the thread is not outdated.
    expect(pr.gh.threads[0]).toMatchObject({ isOutdated: false });
    expect(pr.gh.threads[0].comments[0].line).toBe(32);
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(threadMutations(pr.gh)).toHaveLength(0);
  }, timeout);

  it('an edit in another file a message refers to posts nothing new: the place is a related location, not part of the message', async () => {
    const reader = flow('Reader', `    - getParticipantData:
        name: Read the web session
        attributes:
          - attribute:
              name:
                lit: userSessionId
              variable: Flow.session
`);
    const pr = await openPr({ tokenKind: 'pat', headExtra: (repo) => repo.write('flows/reader.yaml', reader) });
    const first = await pr.run();
    // The annotation shows the place too (its message says "see the related location").
    expect(first.stdout).toMatch(/^::warning title=participant-data\/read-never-set,file=flows\/reader\.yaml,[^\n]*see the related location[^\n]*%0ARelated: flows\/support\.yaml:30:\d+: /m);
    const readNeverSet = inlineComments(pr.gh).find((c) => c.path === 'flows/reader.yaml')!;
    expect(readNeverSet.body).toContain('participant-data/read-never-set');
    expect(readNeverSet.body).toContain('Related: `flows/support.yaml` line 30:');
    pr.push('docs: comments above the writer', (repo) => repo.write('flows/support.yaml', '# one\n# two\n' + flow('Support', TEMPLATE_KEY_ACTION)));
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(threadMutations(pr.gh)).toHaveLength(0);
  }, timeout);

  it('two fixes on one line give one applicable suggestion', async () => {
    const action = readFileSync(join(REPO_ROOT, 'examples', 'data-actions', 'Get-Order-Status.custom.json'), 'utf8')
      .replace('/api/orders/${input.orderNumber}"', '/api/orders/${input.orderNumber}/${input.region}"')
      // Declared, so the only findings on the URL line are the two unescaped inputs.
      .replace('"properties": {', '"properties": {\n          "region": { "type": "string" },');
    const pr = await openPr({ headExtra: (repo) => repo.write('data-actions/Get-Order-Status.custom.json', action) });
    const r = await pr.run();
    expect(r.stdout.match(/title=data-action\/url-escape/g)).toHaveLength(2);
    const onLine7 = inlineComments(pr.gh).filter((c) => c.path === 'data-actions/Get-Order-Status.custom.json' && c.line === 7);
    expect(onLine7).toHaveLength(2);
    const withSuggestion = onLine7.filter((c) => c.body.includes('```suggestion'));
    expect(withSuggestion).toHaveLength(1);
    // The one suggestion applies both fixes: committing it leaves no url-escape finding on the line.
    const block = /```suggestion\n([\s\S]*?)\n```/.exec(withSuggestion[0].body)![1];
    expect(block).toContain("$esc.uriEncode(${input.orderNumber})");
    expect(block).toContain("$esc.uriEncode(${input.region})");
    // Committing it (line 7 replaced by the block) leaves no url-escape finding.
    const lines = action.split('\n');
    lines.splice(6, 1, ...block.split('\n'));
    const after = lintText(lines.join('\n'), 'data-actions/Get-Order-Status.custom.json');
    expect(after.messages.filter((m) => m.ruleId === 'data-action/url-escape')).toEqual([]);
    expect(lintText(action, 'data-actions/Get-Order-Status.custom.json').messages.filter((m) => m.ruleId === 'data-action/url-escape')).toHaveLength(2);
    expect(onLine7.find((c) => !c.body.includes('```suggestion'))!.body).toMatch(/The suggestion on line 7 .* also applies this fix/);
  }, timeout);

  it('a failing `viewer` query with a PAT is not taken for the Actions token: no duplicate review', async () => {
    const pr = await openPr({ tokenKind: 'pat' });
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    // GitHub keeps failing the identity query (beyond the retries): cxlint cannot tell its own threads.
    pr.gh.addFaults({ method: 'POST', match: /^query \{ viewer/, status: 502, times: 10 });
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(reviewPosts(pr.gh)).toHaveLength(1);
    expect(threadMutations(pr.gh)).toHaveLength(0);
    expect(r.summary).toContain('could not post its review');
  }, timeout);

  it("another app's fingerprint silences nothing", async () => {
    const pr = await openPr();
    await pr.run();
    const marker = /<!-- cxlint:fp=[0-9a-f]+ -->/.exec(reviewPosts(pr.gh)[0].body.comments[0].body)![0];
    pr.gh.threads.splice(0);
    pr.gh.reviews.splice(0);
    pr.gh.addHumanThread(`copied ${marker}`, 'some-other-app[bot]', 'flows/support.yaml', 30);
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(2);
    expect(reviewPosts(pr.gh)[1].body.comments).toHaveLength(1);
    // And its thread is not ours to close.
    expect(threadMutations(pr.gh)).toHaveLength(0);
  }, timeout);

  it("a deleted file's threads are closed", async () => {
    const pr = await openPr({
      tokenKind: 'pat',
      headExtra: (repo) => repo.write('flows/legacy.yaml', flow('Legacy', TEMPLATE_KEY_ACTION.replace('userSessionId', 'legacyId')) + '# touched\n'),
    });
    // The PR touches legacy.yaml's defect lines' hunk: make it a changed line.
    pr.push('legacy: rename the key', (repo) => repo.write('flows/legacy.yaml', flow('Legacy', TEMPLATE_KEY_ACTION.replace('userSessionId', 'legacyKey'))));
    await pr.run();
    const legacyThreads = pr.gh.threads.filter((t) => t.comments[0].path === 'flows/legacy.yaml');
    expect(legacyThreads).toHaveLength(1);
    pr.push('remove the legacy flow', (repo) => repo.remove('flows/legacy.yaml'));
    expect(pr.gh.options.files.find((f) => f.filename === 'flows/legacy.yaml')).toMatchObject({ status: 'removed' });
    await pr.run();
    expect(legacyThreads[0].isResolved).toBe(true);
    // The other file's thread is still open.
    expect(pr.gh.threads.filter((t) => t.comments[0].path === 'flows/support.yaml').map((t) => t.isResolved)).toEqual([false]);
  }, timeout);

  it('a 100 KB message is posted within GitHub\'s limits, inline, without 422s', async () => {
    const huge = TEMPLATE_KEY_ACTION.replace('userSessionId', `userSessionId${'x'.repeat(100_000)}`);
    const pr = await openPr({ headExtra: (repo) => repo.write('flows/support.yaml', flow('Support', huge + TEMPLATE_KEY_ACTION.replace('userSessionId', 'second'))) });
    const r = await pr.run();
    expect(r.outputs.errors).toBe('2');
    const posts = pr.gh.calls('POST', /\/pulls\/7\/reviews$/);
    expect(posts.map((q) => q.status)).toEqual([200]);
    const review = posts[0].body;
    expect(review.comments).toHaveLength(2);
    for (const c of review.comments) expect(c.body.length).toBeLessThanOrEqual(65_536);
    expect(review.body.length).toBeLessThanOrEqual(65_536);
    const long = review.comments.find((c: { line: number }) => c.line === 30);
    expect(long.body).toMatch(/`\{\{flow\.input\.userSessionIdx{1000,}…` \\\(cut; the annotation and the job summary have the whole message\\\)/);
    expect(long.body).toContain('The suggested change is too long for a comment');
    expect(long.body).toMatch(/<!-- cxlint:fp=[0-9a-f]{32} -->$/);
  }, timeout);

  it('a stale event sha: the review is left to the newer run; annotations and the exit status still come', async () => {
    const pr = await openPr();
    const eventHead = pr.head;
    pr.push('a newer commit', (repo) => repo.write('README.md', '# flows\n\nNewer.\n'));
    // The run still sees the event of the older head.
    const r = await runBundle({
      workspace: pr.repo.dir, eventName: 'pull_request', event: { pull_request: { number: 7, head: { sha: eventHead }, base: { sha: pr.base } } },
      token: TOKEN, apiUrl: pr.gh.url, graphqlUrl: pr.gh.graphqlUrl,
    });
    expect(r.code).toBe(1);
    expect(pr.gh.calls('POST', /\/pulls\/7\/reviews$/)).toHaveLength(0);
    expect(r.stdout).toMatch(/::error title=participant-data\/literal-key,file=flows\/support\.yaml,line=30/);
    expect(r.summary).toContain('moved on to');
  }, timeout);
});

describe('read-only tokens and API faults', () => {
  it('with a read-only token every finding is an annotation and in the summary, said once, and the step fails', async () => {
    const pr = await openPr({ readOnly: true });
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(reviewPosts(pr.gh)).toHaveLength(0);
    expect(r.stdout).toMatch(/::error title=participant-data\/literal-key,file=flows\/support\.yaml,line=30/);
    expect(r.summary).toContain('participant-data/literal-key');
    expect(r.summary).toContain('read-only');
    expect(r.stdout.match(/read-only/g)).toHaveLength(1);
    expectTokenNeverPrinted(r);
  }, timeout);

  it('retries 502s, honours a secondary rate limit, survives a timeout, and still posts one review', async () => {
    const pr = await openPr({
      faults: [
        { method: 'GET', match: /\/pulls\/7\/files$/, status: 502, times: 2, body: { message: 'Server Error' } },
        { method: 'POST', match: /reviewThreads/, status: 200, delayMs: 6000, times: 1, body: {} },
        {
          method: 'POST', match: /\/pulls\/7\/reviews$/, status: 403, times: 1,
          headers: { 'retry-after': '1' },
          body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
        },
      ],
    });
    const r = await pr.run();
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(pr.gh.calls('GET', /\/pulls\/7\/files$/).map((q) => q.status)).toEqual([502, 502, 200]);
    const posts = pr.gh.calls('POST', /\/pulls\/7\/reviews$/);
    expect(posts.map((q) => q.status)).toEqual([403, 200]);
    // The thread query that hung past the timeout was asked again.
    expect(pr.gh.calls('POST', /^\/graphql$/).filter((q) => /reviewThreads/.test(q.body.query))).toHaveLength(2);
    expect(pr.gh.postedReviews).toHaveLength(1);
    expect(r.stdout).toContain('secondary rate limit');
    expectTokenNeverPrinted(r);
  }, timeout);

  it('a 422 is bisected: refused comments move to the body of the one review', async () => {
    const pr = await openPr({
      refuseCommentsOn: ['flows/billing.yaml'],
      headExtra: (repo) => repo.write('flows/billing.yaml', flow('Billing', TEMPLATE_KEY_ACTION.replace('userSessionId', 'billingId'))),
    });
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(pr.gh.postedReviews).toHaveLength(1);
    const final = reviewPosts(pr.gh)[0].body;
    expect(final.comments.map((c: { path: string }) => c.path)).toEqual(['flows/support.yaml']);
    expect(final.body).toContain('GitHub refused as inline comments');
    expect(final.body).toContain('`flows/billing.yaml` line 30');
    expect(pr.gh.reviews.filter((x) => x.state === 'PENDING')).toHaveLength(0);
    // A second run knows both findings are on the PR (inline and in the body).
    await pr.run();
    expect(reviewPosts(pr.gh)).toHaveLength(1);
  }, timeout);

  it('when the review keeps failing mid-run, findings still reach annotations and the summary; fail-on decides', async () => {
    const fault: Fault = { method: 'POST', match: /\/pulls\/7\/reviews$/, status: 500, times: 100 };
    const pr = await openPr({ faults: [fault] });
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error title=participant-data\/literal-key/);
    expect(r.summary).toContain('could not post its review');
    // Three attempts, each after checking that the previous one did not land.
    expect(pr.gh.calls('POST', /\/pulls\/7\/reviews$/)).toHaveLength(3);
    const never = await pr.run({ inputs: { 'fail-on': 'never' } });
    expect(never.code).toBe(0);
    expect(never.stdout).toMatch(/::error title=participant-data\/literal-key/);
  }, timeout);

  it('a 502 after GitHub created the review does not create a second one', async () => {
    const pr = await openPr({ faults: [{ method: 'POST', match: /\/pulls\/7\/reviews$/, status: 502, afterWork: true }] });
    const r = await pr.run();
    expect(r.code).toBe(1);
    expect(pr.gh.calls('POST', /\/pulls\/7\/reviews$/).map((q) => q.status)).toEqual([502]);
    expect(pr.gh.postedReviews).toHaveLength(1);
    expect(r.stdout).not.toMatch(/could not post/);
  }, timeout);

  it('files GitHub sends without a patch are listed in the body (file level)', async () => {
    const pr = await openPr({ dropPatchFor: ['flows/support.yaml'] });
    await pr.run();
    const review = reviewPosts(pr.gh)[0].body;
    expect(review.comments).toHaveLength(0);
    expect(review.body).toContain('in files GitHub shows no diff for');
    expect(review.body).toContain('`flows/support.yaml` line 30');
  }, timeout);
});

describe('security', () => {
  it('escapes Markdown and HTML from file content: no mentions, links, images or hidden text', async () => {
    const hostile = TEMPLATE_KEY_ACTION.replace('"{{flow.input.userSessionId}}"', '"{{x}} @octocat <img src=x onerror=alert(1)> [click](https://evil.example) <!-- hidden --> #1 `tick`"');
    const pr = await openPr({ headExtra: (repo) => repo.write('flows/support.yaml', flow('Support', hostile)) });
    await pr.run();
    const review = reviewPosts(pr.gh)[0].body;
    const c = review.comments[0].body as string;
    // The suggestion block is code (inert) and must carry the text as is.
    expect(c).toContain('@octocat <img src=x onerror=alert(1)>');
    // What GitHub renders as text (outside code fences and spans) carries none of it.
    const text = renderedText(c);
    expect(text).toContain('contains the template');
    expect(text).not.toMatch(/@octocat/);
    expect(text).not.toMatch(/<img|<!--\s*hidden/);
    expect(text).not.toMatch(/\]\(https:\/\/evil/);
    expect(text).not.toMatch(/(^|\s)#1\b/);
  }, timeout);

  it('under pull_request_target the config comes from the base commit, not the PR', async () => {
    const pr = await openPr({ headExtra: (repo) => repo.write('.cxlint.yml', "rules:\n  participant-data/literal-key: 'off'\n") });
    const r = await pr.run({ eventName: 'pull_request_target' });
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain('config read from the base commit');
    expect(reviewPosts(pr.gh)[0].body.comments).toHaveLength(1);
    // The same PR under pull_request uses the workspace config (the PR's own), so the rule is off.
    const pr2 = await openPr({ headExtra: (repo) => repo.write('.cxlint.yml', "rules:\n  participant-data/literal-key: 'off'\n") });
    const r2 = await pr2.run();
    expect(r2.stdout).not.toMatch(/::error title=participant-data\/literal-key/);
  }, timeout);
});

describe('push and packaging', () => {
  it('on push: lints `paths`, annotations and summary, no API calls', async () => {
    const pr = await openPr();
    const r = await pr.run({ eventName: 'push', inputs: { paths: 'flows' } });
    expect(r.code).toBe(1);
    expect(pr.gh.requests).toHaveLength(0);
    expect(r.stdout).toMatch(/file=flows\/legacy\.yaml/);
    expect(r.stdout).toMatch(/file=flows\/support\.yaml/);
    expect(r.outputs.errors).toBe('2');
  }, timeout);

  it('the bundle runs with no node_modules beside it and writes SARIF', async () => {
    const pr = await openPr();
    const dir = mkdtempSync(join(tmpdir(), 'cxlint-bundle-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(BUNDLE, '..'), dir, { recursive: true });
    const r = await runBundle({
      workspace: pr.repo.dir, eventName: 'workflow_dispatch', event: {}, token: TOKEN, bundle: join(dir, 'index.js'),
      inputs: { 'sarif-file': 'out/cxlint.sarif' },
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.outputs['sarif-file']).toBe(join(pr.repo.dir, 'out', 'cxlint.sarif'));
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(2);
  }, timeout);
});
