import { lintFiles, lintText, SourceText } from '@cxlint/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangedFile } from './changed-files.js';
import { hunkLines } from './diff-hunks.js';
import { toFindings, type Finding } from './findings.js';
import { createClient } from './github-client.js';
import { planReview, postReview, reviewBody, ReviewForbiddenError } from './review.js';
import { FakeGitHub } from './testing/fake-github.js';
import { TEMPLATE_KEY_ACTION, flow } from './testing/fixture-repo.js';

const text = flow('A', TEMPLATE_KEY_ACTION);
const findings = toFindings([lintText(text, 'flows/a.yaml', { includeSource: true })]).filter((f) => f.ruleId === 'participant-data/literal-key');
const lines = text.split('\n').length;
const addedAll = `@@ -0,0 +1,${lines} @@\n` + text.split('\n').map((l) => `+${l}`).join('\n');

function changed(patch?: string): Map<string, ChangedFile> {
  return new Map([['flows/a.yaml', { path: 'flows/a.yaml', status: 'added', ...(patch ? { hunks: hunkLines(patch) } : {}) }]]);
}

function fake(n: number, line = 30, severity: 1 | 2 = 2): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    path: 'flows/a.yaml', ruleId: 'r/x', severity, message: `m${i}`, line: line + i, column: 1, endLine: line + i, endColumn: 2, fingerprint: `${i}`.padStart(32, 'f'),
  }));
}

describe('planReview', () => {
  it('puts a finding with a fix inline with a suggestion over the fix lines', () => {
    expect(findings).toHaveLength(1);
    const plan = planReview(findings, changed(addedAll), new Set(), 25);
    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0]).toMatchObject({ path: 'flows/a.yaml', line: 30 });
    expect(plan.comments[0].startLine).toBeUndefined();
    expect(plan.comments[0].body).toContain('```suggestion\n                lit: userSessionId\n');
  });

  it('skips findings already posted, and sends lines outside the hunks to the body', () => {
    const skipped = planReview(findings, changed(addedAll), new Set([findings[0].fingerprint]), 25);
    expect(skipped).toMatchObject({ comments: [], body: [], alreadyPosted: 1 });
    const outside = planReview(findings, changed('@@ -1,2 +1,2 @@\n-a\n+inboundCall:\n name: x'), new Set(), 25);
    expect(outside.body.map((b) => b.reason)).toEqual(['outside-diff']);
  });

  it('files without patch go to the body; the cap sends the rest to the body, errors first', () => {
    expect(planReview(findings, changed(undefined), new Set(), 25).body.map((b) => b.reason)).toEqual(['no-patch']);
    const many = [...fake(3, 1, 1), ...fake(3, 10, 2).map((f, i) => ({ ...f, fingerprint: `e${i}`.padStart(32, '0') }))];
    const plan = planReview(many, changed(addedAll), new Set(), 2);
    expect(plan.comments.map((c) => c.finding.severity)).toEqual([2, 2]);
    expect(plan.body).toHaveLength(4);
    expect(plan.body.every((b) => b.reason === 'over-limit')).toBe(true);
    expect(reviewBody(plan, many)).toContain('4 findings beyond the inline comment limit');
  });

  it('four findings with 100 KB messages all reach the body, within its limit', () => {
    const huge = fake(4).map((f) => ({ ...f, message: `key \`${'x'.repeat(100_000)}\` is bad` }));
    const plan = planReview(huge, changed(undefined), new Set(), 25);
    const body = reviewBody(plan, huge);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.match(/<!-- cxlint:fp=/g)).toHaveLength(4);
    expect(body).not.toContain('more, listed in the job summary');
  });

  it('the body carries each listed finding\'s fingerprint so a re-run skips it', () => {
    const plan = planReview(fake(2), changed(undefined), new Set(), 25);
    const body = reviewBody(plan, fake(2));
    expect(body.match(/<!-- cxlint:fp=/g)).toHaveLength(2);
  });
});

describe('planReview: suggestions without an automatic fix', () => {
  it('a finding with suggestions but no automatic fix still gets a one-click suggestion (the first one)', () => {
    const setter = flow('Setter', TEMPLATE_KEY_ACTION.replace('"{{flow.input.userSessionId}}"', 'orderNumber'));
    const reader = flow('Reader', `    - getParticipantData:
        name: Read the order
        attributes:
          - attribute:
              name:
                lit: orderNumbr
              variable: Flow.order
`);
    const results = lintFiles([{ path: 'flows/setter.yaml', text: setter }, { path: 'flows/a.yaml', text: reader }], { includeSource: true });
    const readerResult = results.find((r) => r.filePath === 'flows/a.yaml')!;
    const diagnostic = readerResult.messages.find((m) => m.ruleId === 'participant-data/read-never-set')!;
    expect(diagnostic.fix).toBeUndefined();
    expect(diagnostic.suggestions?.length).toBeGreaterThan(0);
    const [f] = toFindings([readerResult]).filter((x) => x.ruleId === 'participant-data/read-never-set');
    const patch = `@@ -0,0 +1,${reader.split('\n').length} @@\n` + reader.split('\n').map((l) => `+${l}`).join('\n');
    const plan = planReview([f], changed(patch), new Set(), 25);
    expect(plan.comments).toHaveLength(1);
    expect(plan.comments[0].body).toMatch(/```suggestion\n\s+lit: orderNumber\n```/);
  });
});

describe('planReview: what earlier runs said', () => {
  it('a finding listed in a body goes inline once it can, while fewer than max-comments threads are open', () => {
    const [f] = fake(1);
    const listedOnly = { inline: new Set<string>(), listed: new Set([f.fingerprint]) };
    expect(planReview([f], changed(addedAll), listedOnly, 25).comments).toHaveLength(1);
    // max-comments of cxlint's threads already open: it stays listed, nothing new.
    const full = { inline: new Set(fake(2, 1).map((x) => x.fingerprint + 'x')), listed: new Set([f.fingerprint]) };
    expect(planReview([f], changed(addedAll), full, 2)).toMatchObject({ comments: [], body: [], alreadyPosted: 1 });
    // Refused inline by GitHub before: never offered inline again.
    expect(planReview([f], changed(addedAll), { ...listedOnly, refused: new Set([f.fingerprint]) }, 25)).toMatchObject({ comments: [], body: [], alreadyPosted: 1 });
  });

  it('two fixes on one line: one suggestion applying both, the other comment points at it', () => {
    const line = '      "requestUrlTemplate": "/orders/${input.a}/${input.b}",';
    const src = new SourceText(`{\n${line}\n}\n`);
    const at = (needle: string) => src.text.indexOf(needle);
    const mk = (needle: string, i: number): Finding => ({
      path: 'flows/a.yaml', ruleId: 'data-action/url-escape', severity: 1, message: `m${i}`, line: 2, column: 1, endLine: 2, endColumn: 2,
      fingerprint: `${i}`.padStart(32, 'a'), source: src, fix: { range: [at(needle), at(needle) + needle.length], text: `$esc.url(${needle})` },
    });
    const two = [mk('${input.a}', 1), mk('${input.b}', 2)];
    const plan = planReview(two, changed('@@ -0,0 +1,3 @@\n+{\n+' + line + '\n+}'), new Set(), 25);
    const suggestions = plan.comments.filter((c) => c.body.includes('```suggestion'));
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].body).toContain('"/orders/$esc.url(${input.a})/$esc.url(${input.b})"');
    expect(plan.comments.find((c) => !c.body.includes('```suggestion'))!.body).toMatch(/The suggestion on line 2 .* also applies this fix/);
  });

  it('fixes that clash on one line: the later one is shown as code, not as a second suggestion', () => {
    const src = new SourceText('a: x\n');
    const mk = (text: string, i: number): Finding => ({
      path: 'flows/a.yaml', ruleId: 'r/x', severity: 2, message: `m${i}`, line: 1, column: 4, endLine: 1, endColumn: 5,
      fingerprint: `${i}`.padStart(32, 'b'), source: src, fix: { range: [3, 4], text },
    });
    const plan = planReview([mk('y', 1), mk('z', 2)], changed('@@ -0,0 +1 @@\n+a: x'), new Set(), 25);
    expect(plan.comments.filter((c) => c.body.includes('```suggestion'))).toHaveLength(1);
    expect(plan.comments[1].body).toMatch(/instead of the suggestion already on these lines \(the two changes overlap\)[\s\S]*```yaml\na: z\n```/);
  });
  it('a fix over two suggested lines that cannot merge is shown as code with those suggestions\' fixes included, so applying it undoes neither', () => {
    const src = new SourceText('{\na x b\nc y d\n}\n');
    const at = (needle: string) => src.text.indexOf(needle);
    const mk = (needle: string, text: string, severity: 1 | 2, i: number): Finding => ({
      path: 'flows/a.yaml', ruleId: 'r/x', severity, message: `m${i}`, line: src.positionAt(at(needle)).line, column: 1, endLine: src.positionAt(at(needle) + needle.length).line, endColumn: 2,
      fingerprint: `${i}`.padStart(32, 'c'), source: src, fix: { range: [at(needle), at(needle) + needle.length], text },
    });
    // Errors first: the suggestions on lines 2 and 3 are drafted before the warning whose fix spans both.
    const findings = [mk('x', 'X', 2, 1), mk('y', 'Y', 2, 2), mk('b\nc', 'B\nC', 1, 3)];
    const plan = planReview(findings, changed('@@ -0,0 +1,4 @@\n+{\n+a x b\n+c y d\n+}'), new Set(), 25);
    expect(plan.comments.filter((c) => c.body.includes('```suggestion'))).toHaveLength(2);
    const spanning = plan.comments.find((c) => c.finding.fingerprint === findings[2].fingerprint)!;
    expect(spanning.body).not.toContain('```suggestion');
    expect(spanning.body).toMatch(/including the fixes of the suggestions already on these lines[\s\S]*\n```yaml\na X B\nC Y d\n```/);
  });
});

describe('postReview', () => {
  let gh: FakeGitHub | undefined;
  afterEach(async () => gh?.stop());

  async function setup(extra: Partial<ConstructorParameters<typeof FakeGitHub>[0]> = {}) {
    gh = await new FakeGitHub({ token: 't', owner: 'o', repo: 'r', number: 1, headSha: 'h', files: [{ filename: 'flows/a.yaml', status: 'added', patch: addedAll }], ...extra }).start();
    return createClient('t', { baseUrl: gh.url, graphqlUrl: gh.graphqlUrl, retryUnitMs: 1 });
  }
  const pr = { owner: 'o', repo: 'r', number: 1 };

  it('posts one review, event COMMENT, on the head commit, side RIGHT', async () => {
    const client = await setup();
    const plan = planReview(findings, changed(addedAll), new Set(), 25);
    const out = await postReview(client, pr, 'h', plan, findings);
    expect(out).toMatchObject({ posted: true, inline: 1, rejected: 0, probes: 0 });
    expect(gh!.requests).toHaveLength(1);
    expect(gh!.requests[0].body).toMatchObject({ event: 'COMMENT', commit_id: 'h', comments: [{ side: 'RIGHT', line: 30 }] });
  });

  it('isolates refused comments among many with few probes and keeps one visible review', async () => {
    // The server only knows lines 1–40 as a hunk; comments on 41+ are refused.
    const client = await setup({ files: [{ filename: 'flows/a.yaml', status: 'added', patch: '@@ -0,0 +1,40 @@\n' + Array(40).fill('+x').join('\n') }] });
    const all = fake(40, 3);
    const plan = planReview(all, changed('@@ -0,0 +1,60 @@\n' + Array(60).fill('+x').join('\n')), new Set(), 100);
    const out = await postReview(client, pr, 'h', plan, all);
    expect(out.rejected).toBe(2);
    expect(out.inline).toBe(38);
    expect(out.probes).toBeLessThanOrEqual(14);
    expect(gh!.postedReviews).toHaveLength(1);
    expect(gh!.reviews.filter((r) => r.state === 'PENDING')).toHaveLength(0);
    expect(gh!.postedReviews[0].body).toContain('2 findings GitHub refused as inline comments');
  });

  it('a pending review appearing mid-bisection stops the probes: its 422 is not taken for refused comments', async () => {
    const client = await setup({ files: [{ filename: 'flows/a.yaml', status: 'added', patch: '@@ -0,0 +1,60 @@\n' + Array(60).fill('+x').join('\n') }] });
    const all = fake(8, 3);
    const plan = planReview(all, changed('@@ -0,0 +1,60 @@\n' + Array(60).fill('+x').join('\n')), new Set(), 100);
    // The review is refused once (a line GitHub could not resolve), and meanwhile a pending review of ours exists
    // (another run's probe): every probe now answers "one pending review".
    gh!.addFaults({ method: 'POST', match: /\/reviews$/, status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] } });
    gh!.addLeftoverPending();
    await expect(postReview(client, pr, 'h', plan, all)).rejects.toThrow(/one pending review/);
    // The refused review and one probe; no comment was marked as refused and nothing was posted.
    expect(gh!.calls('POST', /\/reviews$/)).toHaveLength(2);
    expect(gh!.postedReviews).toHaveLength(0);
  });

  it('turns 403 into ReviewForbiddenError', async () => {
    const client = await setup({ readOnly: true });
    const plan = planReview(findings, changed(addedAll), new Set(), 25);
    await expect(postReview(client, pr, 'h', plan, findings)).rejects.toBeInstanceOf(ReviewForbiddenError);
  });

  it('posts nothing when there is nothing new', async () => {
    const client = await setup();
    const out = await postReview(client, pr, 'h', { comments: [], body: [], alreadyPosted: 3 }, []);
    expect(out.posted).toBe(false);
    expect(gh!.requests).toHaveLength(0);
  });
});
