import type { GitHubClient } from './github-client.js';
import { hunkLines, type HunkLines } from './diff-hunks.js';

export interface ChangedFile {
  /** Path in the PR head, `/`-separated, relative to the repository root. */
  path: string;
  status: string;
  /** Undefined when GitHub sends no patch (binary or very large diffs): the file counts as changed everywhere. */
  hunks?: HunkLines;
}

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
}

/**
 * Every file of the PR: `GET /pulls/{n}/files`, 100 per page (the maximum), following `link: rel="next"`.
 * GitHub lists at most 3000 files per PR; the call count grows with the PR's size, not with findings.
 */
export async function listChangedFiles(client: GitHubClient, pr: PullRef): Promise<ChangedFile[]> {
  const files = await client.rest.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
    per_page: 100,
  });
  return files.map((f) => ({ path: f.filename, status: f.status, ...(typeof f.patch === 'string' ? { hunks: hunkLines(f.patch) } : {}) }));
}
