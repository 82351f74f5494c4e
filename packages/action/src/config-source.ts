import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAMES, builtInRules, parseConfigText, type LoadedConfig } from '@cxlint/core';
import type { GitHubClient } from './github-client.js';

/**
 * Under `pull_request_target` the workflow runs with a write token on the base repository while the workspace
 * may hold the PR's files, so the config must come from the base commit: a PR must not be able to switch
 * rules off for itself. Read with `git show <base>:<path>` (no code from the PR runs), or the contents API when
 * the base commit is not in a shallow checkout.
 */
export async function configFromBaseCommit(opts: {
  workspace: string;
  baseSha: string;
  /** The `config` input; empty means the default names at the repository root. */
  configPath: string;
  client?: GitHubClient;
  repo: { owner: string; repo: string };
}): Promise<LoadedConfig & { origin: string }> {
  const candidates = opts.configPath ? [opts.configPath.replace(/^\.\//, '')] : CONFIG_FILE_NAMES;
  for (const path of candidates) {
    const text = (await readAtCommit(opts, path)) ?? undefined;
    if (text === undefined) continue;
    const origin = `${path}@${opts.baseSha.slice(0, 12)}`;
    return { config: parseConfigText(text, origin, builtInRules), baseDir: opts.workspace, filePath: resolve(opts.workspace, path), origin };
  }
  if (opts.configPath) throw new Error(`Config file ${opts.configPath} does not exist in the base commit ${opts.baseSha.slice(0, 12)}.`);
  return { config: {}, baseDir: opts.workspace, origin: 'built-in defaults (no config in the base commit)' };
}

async function readAtCommit(
  opts: { workspace: string; baseSha: string; client?: GitHubClient; repo: { owner: string; repo: string } },
  path: string,
): Promise<string | undefined> {
  if (!/^[0-9a-f]{7,64}$/i.test(opts.baseSha)) throw new Error(`Base commit "${opts.baseSha}" is not a commit sha.`);
  const git = (...args: string[]) => execFileSync('git', ['-C', opts.workspace, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let haveCommit = false;
  try {
    git('cat-file', '-e', `${opts.baseSha}^{commit}`);
    haveCommit = true;
  } catch {
    /* not in this (shallow) clone, or no git: ask the API */
  }
  if (haveCommit) {
    try {
      git('cat-file', '-e', `${opts.baseSha}:${path}`);
    } catch {
      return undefined; // the base commit has no file at this path
    }
    return git('show', `${opts.baseSha}:${path}`);
  }
  if (!opts.client) return undefined;
  try {
    // Only the documented parameters: Octokit sends every unknown one as a query parameter (the run
    // context once leaked the runner's workspace path into the URL).
    const res = await opts.client.rest.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: opts.repo.owner,
      repo: opts.repo.repo,
      path,
      ref: opts.baseSha,
      mediaType: { format: 'raw' },
    });
    // The raw media type comes back as text or as bytes, depending on the charset GitHub declares.
    const data: unknown = res.data;
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data as ArrayBuffer);
    throw new Error(`Unexpected contents API answer for ${path}`);
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}
