import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';

export type GitHubClient = ReturnType<typeof createClient>;

export interface ClientOptions {
  /** REST base URL; GitHub Enterprise Server sets GITHUB_API_URL. */
  baseUrl?: string;
  /** GraphQL endpoint; GITHUB_GRAPHQL_URL (GHES serves it at /api/graphql, not under the REST base). */
  graphqlUrl?: string;
  /** Per-request timeout; a timed-out request is retried like a 5xx. */
  timeoutMs?: number;
  /**
   * Milliseconds per second of `retry-after` and per backoff step. GitHub's own value is 1000; tests shrink it
   * so fault injection does not make the suite slow.
   */
  retryUnitMs?: number;
  retries?: number;
}

/** Reads the knobs from the environment the runner gives us. */
export function clientOptionsFromEnv(env = process.env): ClientOptions {
  const num = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return {
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    graphqlUrl: env.GITHUB_GRAPHQL_URL || undefined,
    timeoutMs: num(env.CXLINT_HTTP_TIMEOUT_MS) ?? 30_000,
    retryUnitMs: num(env.CXLINT_RETRY_UNIT_MS) ?? 1000,
    retries: num(env.CXLINT_HTTP_RETRIES) ?? 3,
  };
}

/**
 * Octokit with the retry plugin (5xx and timeouts, quadratic backoff) and the throttling plugin (primary and
 * secondary rate limits, honouring `retry-after`), as GitHub's best-practice guide for integrations asks.
 */
export function createClient(token: string, options: ClientOptions = {}) {
  const unit = options.retryUnitMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseFetch = defaults.request?.fetch as typeof fetch;
  // Writes are spaced as GitHub asks (one at a time, about a second apart) — scaled with the retry unit.
  const write = new Bottleneck.Group({ maxConcurrent: 1, minTime: unit });
  const notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * unit });
  const octokit = getOctokit(
    token,
    {
      baseUrl: options.baseUrl,
      request: {
        // Each attempt gets its own deadline; a timeout surfaces as a retryable 500 from @octokit/request.
        fetch: (url: string, init: RequestInit = {}) => baseFetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) }),
      },
      retry: { retryAfterBaseValue: unit, retries: options.retries ?? 3 },
      throttle: {
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 60,
        write,
        notifications,
        onRateLimit: (retryAfter: number, opts: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.info(`GitHub rate limit reached for ${opts.method} ${opts.url}; retrying after ${retryAfter}s.`);
          return retryCount < 2;
        },
        onSecondaryRateLimit: (retryAfter: number, opts: { method: string; url: string }, _o: unknown, retryCount: number) => {
          core.info(`GitHub secondary rate limit for ${opts.method} ${opts.url}; retrying after ${retryAfter}s.`);
          return retryCount < 2;
        },
      } as never,
    },
    retry,
    throttling,
  );
  const graphqlUrl = options.graphqlUrl;
  /** GraphQL at GITHUB_GRAPHQL_URL when set (GHES), else `<baseUrl>/graphql`. */
  const graphql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> =>
    // The object form: `url` is a request option there, not a (forbidden) variable name.
    octokit.graphql<T>({ ...variables, query, ...(graphqlUrl ? { url: graphqlUrl } : {}) });
  return { rest: octokit, graphql, retryUnitMs: unit };
}

/** HTTP status of an Octokit error, if it has one. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** A short, token-free description of an API error for logs and the summary. */
export function describeError(e: unknown): string {
  const status = statusOf(e);
  const msg = (e as Error)?.message ?? String(e);
  return status ? `HTTP ${status}: ${msg.split('\n')[0]}` : msg.split('\n')[0];
}
