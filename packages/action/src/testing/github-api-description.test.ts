import { describe, expect, it } from 'vitest';
import { graphqlProblems, restProblems, selectAsAsked } from './github-api-description.js';

const REVIEWS = '/repos/o/r/pulls/1/reviews';
const none = new URLSearchParams();

describe('restProblems: requests checked against the OpenAPI description', () => {
  it('accepts a documented review', () => {
    const body = { commit_id: 'abc', event: 'COMMENT', body: 'b', comments: [{ path: 'a.yaml', line: 3, side: 'RIGHT', start_line: 2, start_side: 'RIGHT', body: 'x' }] };
    expect(restProblems('POST', REVIEWS, none, body)).toEqual([]);
  });

  it('refuses an undocumented field, nested ones too (GitHub would ignore a misspelt one silently)', () => {
    expect(restProblems('POST', REVIEWS, none, { event: 'COMMENT', bodyy: 'b' })).toEqual(['POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews: undocumented body field `bodyy`']);
    expect(restProblems('POST', REVIEWS, none, { event: 'COMMENT', comments: [{ path: 'a', body: 'x', line: 1, start_lines: 1 }] }))
      .toEqual(['POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews: undocumented body field `comments.0.start_lines`']);
  });

  it('refuses a wrongly typed field, an undocumented query parameter and a non-integer path number', () => {
    expect(restProblems('POST', REVIEWS, none, { comments: [{ path: 'a', body: 'x', line: '1' }] })).toEqual(['POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews: body/comments/0/line must be integer']);
    expect(restProblems('GET', '/repos/o/r/contents/a/b.yml', new URLSearchParams({ ref: 'x', workspace: '/home/runner' }), undefined))
      .toEqual(['GET /repos/{owner}/{repo}/contents/{path}: undocumented query parameter `workspace`']);
    expect(restProblems('DELETE', '/repos/o/r/pulls/1/reviews/undefined', none, undefined))
      .toEqual(['DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}: path parameter `review_id` must be an integer, not `undefined`']);
  });
});

describe('graphqlProblems and selectAsAsked', () => {
  it('refuses an unknown field and an unknown enum value', () => {
    expect(graphqlProblems('query { viewer { loginn } }')).toEqual([expect.stringContaining('Cannot query field "loginn"')]);
    expect(graphqlProblems('mutation($c: ID!) { minimizeComment(input: {subjectId: $c, classifier: STALE}) { clientMutationId } }', { c: 'x' }))
      .toEqual([expect.stringContaining('STALE')]);
  });

  it('answers only the selected fields, under their aliases, and names fields the fake does not model', () => {
    const query = 'query { viewer { login } m0: repository(owner: "o", name: "r") { id name } }';
    const fake = { viewer: { login: 'me', id: 'V1' }, m0: { id: 'R1' } };
    expect(selectAsAsked(query, fake)).toEqual({ data: { viewer: { login: 'me' }, m0: { id: 'R1' } }, missing: ['m0.name'] });
  });
});
