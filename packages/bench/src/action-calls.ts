/**
 * GitHub API calls per action run, for 1, 100 and 1,000 findings: the built action bundle
 * (packages/action/dist/index.js) runs as a child process against the action's own GitHub stand-in on
 * 127.0.0.1 (packages/action/src/testing), on a fixture PR whose flow gains that many literal-key defects.
 * The test helpers are TypeScript, so esbuild bundles them for this script first (shared, not copied).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../../..');
const ACTION = join(ROOT, 'packages/action');
const HARNESS_OUT = join(ROOT, 'packages/bench/.bench-tmp/action-harness.mjs');
const TOKEN = 'ghs_BENCHtoken0123456789abcdef';

export interface ActionCalls {
  text: string;
  /** Whether the count stays the same for every finding count; undefined when not measured. */
  flat?: boolean;
  counts?: Record<number, { calls: number; reviewPosts: number; errors: string | undefined; requests: string[] }>;
}

interface Harness {
  FakeGitHub: new (o: Record<string, unknown>) => {
    start(): Promise<{ url: string; graphqlUrl: string; requests: { method: string; path: string }[]; stop(): Promise<void> }>;
  };
  FixtureRepo: new () => { dir: string; write(p: string, t: string): unknown; commit(m: string): string; prFiles(b: string, h: string): unknown[]; cleanup(): void };
  runBundle(o: Record<string, unknown>): Promise<{ code: number | null; stderr: string; outputs: Record<string, string> }>;
  flow(name: string, extra?: string): string;
  TEMPLATE_KEY_ACTION: string;
  BUNDLE: string;
}

async function loadHarness(): Promise<Harness | string> {
  const src = join(ACTION, 'src/testing');
  if (!existsSync(join(src, 'fake-github.ts')) || !existsSync(join(src, 'fixture-repo.ts'))) return 'the action has no GitHub stand-in (packages/action/src/testing) yet';
  if (!existsSync(join(ACTION, 'dist/index.js'))) return 'the action bundle (packages/action/dist/index.js) is missing';
  const esbuild = await import('esbuild');
  mkdirSync(dirname(HARNESS_OUT), { recursive: true });
  await esbuild.build({
    stdin: {
      contents: "export * from './fake-github.ts'; export * from './fixture-repo.ts';",
      resolveDir: src,
      sourcefile: 'harness.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: HARNESS_OUT,
    logLevel: 'silent',
    // fixture-repo finds the bundle and action.yml from its own location.
    define: { 'import.meta.url': JSON.stringify('file://' + join(src, 'fixture-repo.ts')) },
  });
  return (await import(HARNESS_OUT)) as Harness;
}

async function callsFor(h: Harness, findings: number) {
  const repo = new h.FixtureRepo();
  try {
    repo.write('flows/support.yaml', h.flow('Support'));
    const base = repo.commit('base');
    const actions = Array.from({ length: findings }, (_, i) => h.TEMPLATE_KEY_ACTION.replace('userSessionId', `key${i}`)).join('');
    repo.write('flows/support.yaml', h.flow('Support', actions));
    const head = repo.commit('head');
    const gh = await new h.FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'flows', number: 7, headSha: head, files: repo.prFiles(base, head) }).start();
    try {
      const r = await h.runBundle({
        workspace: repo.dir,
        eventName: 'pull_request',
        event: { pull_request: { number: 7, head: { sha: head }, base: { sha: base } } },
        token: TOKEN,
        apiUrl: gh.url,
        graphqlUrl: gh.graphqlUrl,
      });
      const requests = gh.requests.map((q) => `${q.method} ${q.path}`);
      return { calls: requests.length, reviewPosts: requests.filter((q) => /^POST .*\/reviews$/.test(q)).length, errors: r.outputs.errors, requests };
    } finally {
      await gh.stop();
    }
  } finally {
    repo.cleanup();
  }
}

export async function actionCallCounts(sizes = [1, 100, 1000]): Promise<ActionCalls> {
  let h: Harness | string;
  try {
    h = await loadHarness();
  } catch (e) {
    h = `could not load the action's test harness: ${(e as Error).message}`;
  }
  if (typeof h === 'string') return { text: `not measured: ${h}` };
  const counts: NonNullable<ActionCalls['counts']> = {};
  for (const n of sizes) counts[n] = await callsFor(h, n);
  const parts = sizes.map((n) => `${n} finding${n === 1 ? '' : 's'} → ${counts[n].calls} calls (${counts[n].reviewPosts} review POST, errors output ${counts[n].errors ?? '?'})`);
  const flat = sizes.every((n) => counts[n].calls === counts[sizes[0]].calls);
  return { text: `${parts.join('; ')}. Calls: ${counts[sizes[0]].requests.join(', ')}`, flat, counts };
}
