import * as core from '@actions/core';
import { lintPaths, formatGithub } from '@cxlint/core';

/** Skeleton: lints the `paths` input and prints annotations. The PR review comes with the action issue. */
export async function run(): Promise<void> {
  try {
    const paths = (core.getInput('paths') || '.').split(/\s+/).filter(Boolean);
    const { results } = await lintPaths(paths, { cwd: process.env.GITHUB_WORKSPACE ?? process.cwd() });
    process.stdout.write(formatGithub(results));
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    core.setOutput('errors', errors);
    if (errors > 0) core.setFailed(`cxlint found ${errors} error(s)`);
  } catch (e) {
    core.setFailed((e as Error).message);
  }
}
