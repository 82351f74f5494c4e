import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { lintPaths, nothingFoundMessage, type LintPathsOptions, type LintResult } from '@cxlint/core';
import { annotate } from './annotations.js';
import { listChangedFiles, type ChangedFile, type PullRef } from './changed-files.js';
import { configFromBaseCommit } from './config-source.js';
import { passesFilter } from './diff-hunks.js';
import { countFindings, toFindings, type Finding } from './findings.js';
import { clientOptionsFromEnv, createClient, describeError, statusOf, type GitHubClient } from './github-client.js';
import { readInputs, type ActionInputs, type FailOn } from './inputs.js';
import { cannotResolveNote, closeThreads, deletePendingReviews, readExistingReview, threadsToResolve } from './review-threads.js';
import { planReview, postReview, ReviewForbiddenError } from './review.js';
import { writeSarif } from './sarif-output.js';
import { writeFailureSummary, writeSummary } from './summary.js';
import { changedTargets, workspaceTargets } from './targets.js';

export interface RunContext {
  eventName: string;
  workspace: string;
  owner: string;
  repo: string;
  pr?: PullRef & { headSha: string; baseSha: string };
}

/** The runner's environment: event name and payload, repository, workspace. */
export function readRunContext(env = process.env): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  let payload: { pull_request?: { number?: number; head?: { sha?: string }; base?: { sha?: string } } } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch (e) {
      core.warning(`Cannot read the event payload at GITHUB_EVENT_PATH (${(e as Error).message}); linting \`paths\` only.`);
    }
  }
  const pr = payload.pull_request;
  const isPrEvent = eventName === 'pull_request' || eventName === 'pull_request_target';
  return {
    eventName,
    workspace,
    owner,
    repo,
    ...(isPrEvent && pr?.number && pr.head?.sha && pr.base?.sha
      ? { pr: { owner, repo, number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha } }
      : {}),
  };
}

/** Whether the step fails: decided by `fail-on` over the reported findings, never by how reporting went. */
export function verdict(failOn: FailOn, counts: { errors: number; warnings: number }): { fail: boolean; text: string } {
  const what = `${counts.errors} error${counts.errors === 1 ? '' : 's'}, ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}`;
  const fail = failOn === 'error' ? counts.errors > 0 : failOn === 'warning' ? counts.errors + counts.warnings > 0 : false;
  return { fail, text: fail ? `The step fails: ${what} (fail-on: ${failOn}).` : `The step passes: ${what} (fail-on: ${failOn}).` };
}

export interface RunOutcome {
  findings: Finding[];
  reviewPosted: boolean;
  fallback: boolean;
  fail: boolean;
}

/** Entry point: everything is reported, then the exit follows `fail-on`. Unexpected errors fail the step. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const outcome = await execute(inputs, readRunContext());
    if (outcome.fail) process.exitCode = 1;
  } catch (e) {
    const message = `cxlint: ${e instanceof Error ? e.message : String(e)}`;
    core.setFailed(message);
    await writeFailureSummary(message);
  }
}

export async function execute(inputs: ActionInputs, ctx: RunContext): Promise<RunOutcome> {
  const notes: string[] = [];
  const client: GitHubClient | undefined = inputs.token ? createClient(inputs.token, clientOptionsFromEnv()) : undefined;

  // Config: under pull_request_target only from the base commit; otherwise the `config` input or the nearest file.
  const lintOptions: LintPathsOptions = { cwd: ctx.workspace, contextPaths: ['.'], includeSource: true };
  if (ctx.eventName === 'pull_request_target' && ctx.pr) {
    const loaded = await configFromBaseCommit({ workspace: ctx.workspace, baseSha: ctx.pr.baseSha, configPath: inputs.config, client, repo: ctx });
    lintOptions.config = loaded;
    core.info(`pull_request_target: config read from the base commit (${loaded.origin}), not from the PR.`);
  } else if (inputs.config) {
    lintOptions.configFile = inputs.config;
  }

  // Which files to report on.
  let changed: ChangedFile[] | undefined;
  if (ctx.pr) {
    if (!client) notes.push('No `github-token`: cannot read the pull request, so every file under `paths` is linted.');
    else {
      try {
        changed = await listChangedFiles(client, ctx.pr);
      } catch (e) {
        const note = `Could not list the pull request's files (${describeError(e)}); every file under \`paths\` is linted instead.`;
        core.warning(note);
        notes.push(note);
      }
    }
  }
  if (changed && ctx.pr) warnIfNotAtHead(ctx.workspace, ctx.pr.headSha);
  const changedMap = new Map((changed ?? []).map((f) => [f.path, f]));
  let targets: string[];
  if (changed && inputs.filterMode !== 'nofilter') targets = changedTargets(ctx.workspace, changed, inputs.paths);
  else {
    const found = workspaceTargets(ctx.workspace, inputs.paths);
    for (const m of found.missing) core.warning(`Path \`${m}\` from the \`paths\` input does not exist.`);
    targets = found.files;
  }
  const lintRun = targets.length ? await lintPaths(targets, lintOptions) : undefined;
  const results: LintResult[] = lintRun?.results ?? [];
  // Counted after linting, as the summary counts: a target that is not ours (a workflow's `.yml`, `.cxlint.yml`)
  // was considered, not linted, and "Linting 7" above "6 files linted" reads as a lost file.
  core.info(`Linted ${results.length} file(s)${changed ? ` changed in PR #${ctx.pr!.number}` : ''}, with every flow, data action and Terraform file of the workspace as context.`);
  if (!changed && !results.length) {
    // As the CLI: `paths` that hold nothing of ours say so, rather than pass as "0 files linted".
    const note = `cxlint: ${nothingFoundMessage(inputs.paths, lintRun?.skipped.ignored ?? 0)}`;
    core.warning(note);
    notes.push(note);
  }
  const all = toFindings(results);
  const present = new Set(all.map((f) => f.fingerprint));
  const reported = changed
    ? all.filter((f) => {
        const file = changedMap.get(f.path);
        return passesFilter(inputs.filterMode, file?.hunks, !!file, f.line, f.endLine);
      })
    : all;
  const counts = countFindings(reported);
  const decision = verdict(inputs.failOn, counts);

  // Reporting. Each channel fails on its own; annotations and the summary are the floor every finding reaches.
  let review: ReviewOutcome = { posted: false, delivered: false, fallback: !!ctx.pr && !changed };
  if (ctx.pr && changed && client && inputs.reporter !== 'annotations') {
    review = await reviewPullRequest({ client, pull: ctx.pr, reported, present, changedMap, linted: new Set(targets), maxComments: inputs.maxComments, notes });
  }

  if (inputs.reporter !== 'review' || !review.delivered) annotate(reported);
  if (inputs.sarifFile) {
    try {
      core.setOutput('sarif-file', writeSarif(inputs.sarifFile, ctx.workspace, results));
    } catch (e) {
      const note = `Could not write the SARIF file ${inputs.sarifFile}: ${(e as Error).message}`;
      core.warning(note);
      notes.push(note);
    }
  }
  // Files linted or reported (unreadable ones too), not those found and skipped as not ours or ignored.
  await writeSummary({ findings: reported, filesLinted: results.length, notes, verdict: decision.text });

  core.setOutput('errors', counts.errors);
  core.setOutput('warnings', counts.warnings);
  if (decision.fail) core.setFailed(`cxlint: ${decision.text}`);
  else core.info(decision.text);
  return { findings: reported, reviewPosted: review.posted, fallback: review.fallback, fail: decision.fail };
}

interface ReviewOutcome {
  /** A review was created on the pull request. */
  posted: boolean;
  /** The review step went through (possibly with nothing new to post): annotations are optional then. */
  delivered: boolean;
  /** The review could not be delivered: every finding goes to annotations and the summary. */
  fallback: boolean;
}

interface ReviewStage {
  client: GitHubClient;
  pull: PullRef & { headSha: string };
  reported: readonly Finding[];
  /** Fingerprints of every finding of the linted files (before `filter-mode`): threads of these stay open. */
  present: ReadonlySet<string>;
  changedMap: ReadonlyMap<string, ChangedFile>;
  linted: ReadonlySet<string>;
  maxComments: number;
  /** Summary notes; this stage adds what it did. */
  notes: string[];
}

/**
 * The pull request review: read what earlier runs said, clear a leftover pending review, post one review with
 * the new findings, then close the threads of findings that are gone. Never throws: a failure is a note, and
 * the findings then reach the annotations and the summary.
 */
async function reviewPullRequest({ client, pull, reported, present, changedMap, linted, maxComments, notes }: ReviewStage): Promise<ReviewOutcome> {
  let delivered = false;
  let posted = false;
  try {
    const existing = await readExistingReview(client, pull);
    if (existing.headSha && existing.headSha !== pull.headSha) {
      // The file list (hunks) is live, but lines and commit_id would be the event's: comments would land on
      // the wrong lines. A newer run (its push triggers one) posts the review for the new head.
      throw new StaleHeadError(pull.headSha, existing.headSha);
    }
    if (existing.pending.length) {
      const deleted = await deletePendingReviews(client, pull, existing.pending);
      core.info(`Deleted ${deleted} leftover pending review(s) of cxlint (a cancelled run's): GitHub allows one per user and refuses new reviews while it exists.`);
    }
    const plan = planReview(reported, changedMap, existing, maxComments);
    const landed = async (fps: string[]) => {
      const now = await readExistingReview(client, pull);
      return fps.some((fp) => now.posted.has(fp));
    };
    const result = await postReview(client, pull, pull.headSha, plan, reported, landed);
    delivered = true;
    posted = result.posted;
    if (result.posted) notes.push(`Posted one review: ${result.inline} inline comment(s), ${plan.body.length + result.rejected} finding(s) listed in its body${result.rejected ? ` (${result.rejected} refused inline by GitHub)` : ''}.`);
    if (plan.alreadyPosted) notes.push(`${plan.alreadyPosted} finding(s) were already on the pull request from an earlier run and were not posted again.`);
    if (!result.posted && !plan.alreadyPosted) notes.push('No new findings to post on the pull request.');
    // A file this run judged: one it linted, one the PR no longer changes, or one the PR deletes.
    const judged = (path: string) => linted.has(path) || !changedMap.has(path) || changedMap.get(path)!.status === 'removed';
    const postedNow = new Set(posted ? [...plan.comments.map((c) => c.finding.fingerprint), ...plan.body.map((b) => b.finding.fingerprint)] : []);
    const gone = threadsToResolve(existing.threads, present, judged, postedNow);
    if (gone.length) {
      const closed = await closeThreads(client, gone);
      notes.push(`${closed.resolved + closed.minimized} review thread(s) of fixed or moved findings closed (${closed.resolved} resolved, ${closed.minimized} minimized as outdated${closed.failed ? `, ${closed.failed} failed` : ''}).`);
      if (closed.minimized) notes.push(cannotResolveNote(closed.minimized));
    }
    return { posted, delivered, fallback: false };
  } catch (e) {
    // After the review went out, a failure (closing threads) changes nothing for the findings.
    if (delivered) return { posted, delivered, fallback: false };
    const status = e instanceof ReviewForbiddenError ? e.status : statusOf(e);
    const note =
      e instanceof StaleHeadError
        ? `The pull request moved on to ${e.now.slice(0, 12)} after this run started (at ${e.event.slice(0, 12)}); the run for the new head posts the review. This run's ${reported.length} finding(s) are reported as annotations and in this summary.`
        : status === 403 || status === 404
          ? `cxlint cannot write to this pull request (HTTP ${status}): the token is read-only, as it is for pull requests from forks. All ${reported.length} finding(s) are reported as annotations and in this summary instead.`
          : `cxlint could not post its review (${describeError(e)}). All ${reported.length} finding(s) are reported as annotations and in this summary instead.`;
    core.warning(note);
    notes.push(note);
    return { posted: false, delivered: false, fallback: true };
  }
}

/** The PR's head is no longer the event's: this run's lines would not match the live diff. */
class StaleHeadError extends Error {
  constructor(readonly event: string, readonly now: string) {
    super(`The pull request's head moved from ${event} to ${now}.`);
  }
}

/**
 * Review comments are placed on the head commit's lines. actions/checkout checks out the merge commit on
 * `pull_request` by default; its files usually equal the head's, but not when the base changed the same file.
 */
function warnIfNotAtHead(workspace: string, headSha: string): void {
  let at: string;
  try {
    at = execFileSync('git', ['-C', workspace, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return;
  }
  if (at && at !== headSha) {
    core.info(`The workspace is at ${at.slice(0, 12)}, not the PR head ${headSha.slice(0, 12)} (actions/checkout uses the merge commit by default). Lines are matched against the head; check out \`ref: \${{ github.event.pull_request.head.sha }}\` for exact positions.`);
  }
}
