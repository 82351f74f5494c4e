/**
 * The committed bundle, run the way a runner runs it: action.yml, its bundle and `examples/` copied to a folder
 * outside the repository with no `node_modules` in any parent, so nothing the bundle forgot can be found on
 * disk. Its findings must be exactly the CLI's (spawned as a process) on the same files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relatedLines, type RelatedLocation } from '@cxlint/core';
import { parse as parseYaml } from 'yaml';
import { FakeGitHub } from './testing/fake-github.js';
import { ACTION_ROOT, BUNDLE, FixtureRepo, REPO_ROOT, TEMPLATE_KEY_ACTION, flow, nodeModulesAbove, runBundle, type RunResult } from './testing/fixture-repo.js';

const TOKEN = 'ghs_outsideTOKEN0123456789';
const CLI = join(REPO_ROOT, 'packages', 'core', 'bin', 'cxlint.js');

/** Decodes a workflow command's `::error file=…,line=…::message` (the toolkit escapes %, CR, LF, `:` and `,`). */
function parseAnnotations(stdout: string): string[] {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const out: string[] = [];
  for (const m of stdout.matchAll(/^::(error|warning) ([^:]*)::(.*)$/gm)) {
    const props = Object.fromEntries(m[2].split(',').map((kv) => { const i = kv.indexOf('='); return [kv.slice(0, i), unescape(kv.slice(i + 1))]; }));
    out.push(key(props.file, Number(props.line), Number(props.endLine), m[1] === 'error' ? 2 : 1, props.title === 'cxlint: parse error' ? null : props.title, unescape(m[3])));
  }
  return out.sort();
}

function key(path: string, line: number, endLine: number, severity: number, ruleId: string | null, message: string): string {
  return JSON.stringify([path, line, Math.max(line, endLine), severity, ruleId, message]);
}

type CliReport = { filePath: string; messages: { ruleId: string | null; severity: number; message: string; line: number; endLine?: number; related?: RelatedLocation[] }[] }[];

/**
 * The CLI's findings as keys: `withRelated` adds the related places to the message, as annotations show them
 * (SARIF has its own field for them).
 */
function cliKeys(report: CliReport, cwd: string, withRelated: boolean): string[] {
  return report
    .flatMap((r) => r.messages.map((m) => key(
      (isAbsolute(r.filePath) ? relative(cwd, r.filePath) : r.filePath).split(sep).join('/'), m.line, m.endLine ?? m.line, m.severity, m.ruleId,
      withRelated ? [m.message, ...relatedLines(m.related)].join('\n') : m.message,
    )))
    .sort();
}

interface Outside { root: string; workspace: string; entry: string; actionYml: string }

let outside: Outside;
let run: RunResult;

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build -w @cxlint/action\` first.`);
  const root = mkdtempSync(join(tmpdir(), 'cxlint-outside-'));
  const above = nodeModulesAbove(root);
  if (above.length) throw new Error(`The temp folder ${root} has node_modules above it (${above.join(', ')}): set TMPDIR to a folder without one.`);
  // The action as `uses:` fetches it: action.yml and the committed files it points at.
  const actionDir = join(root, 'action');
  mkdirSync(actionDir, { recursive: true });
  cpSync(join(REPO_ROOT, 'action.yml'), join(actionDir, 'action.yml'));
  const actionYml = join(actionDir, 'action.yml');
  const spec = parseYaml(readFileSync(actionYml, 'utf8')) as { runs: { using: string; main: string } };
  const distRel = relative(REPO_ROOT, join(ACTION_ROOT, 'dist'));
  expect(spec.runs.main.startsWith(distRel.split(sep).join('/'))).toBe(true);
  cpSync(join(ACTION_ROOT, 'dist'), join(actionDir, distRel), { recursive: true });
  // The user's repository: only examples/, checked in.
  const workspace = join(root, 'workspace');
  cpSync(join(REPO_ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', workspace]);
  outside = { root, workspace, entry: join(actionDir, spec.runs.main), actionYml };
  run = await runBundle({
    workspace, eventName: 'push', event: { ref: 'refs/heads/main', after: '0'.repeat(40), repository: { full_name: 'acme/flows' } },
    token: TOKEN, bundle: outside.entry, actionYml, inputs: { paths: 'examples', 'sarif-file': 'cxlint.sarif' },
    // No GitHub at all on push: any API call would fail against a closed port.
    env: { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql' },
  });
}, 120_000);

afterAll(() => {
  if (outside) rmSync(outside.root, { recursive: true, force: true });
});

describe('the committed bundle, copied outside the repository', () => {
  it('reports on examples/ exactly what the CLI reports', () => {
    const cli = spawnSync(process.execPath, [CLI, 'examples', '--format', 'json'], { cwd: outside.workspace, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(1);
    const report = JSON.parse(cli.stdout) as CliReport;
    const expected = cliKeys(report, outside.workspace, false);
    // The examples hold defects in flows, data actions and Terraform on purpose.
    expect(expected.length).toBeGreaterThanOrEqual(3);
    for (const kind of ['examples/flows/', 'examples/data-actions/', 'examples/terraform/']) expect(expected.some((k) => k.includes(kind)), kind).toBe(true);

    expect(run.code, run.stderr).toBe(1);
    // The examples include a finding with a related place (read-never-set names the broken writer).
    expect(report.some((r) => r.messages.some((m) => m.related?.length))).toBe(true);
    expect(parseAnnotations(run.stdout)).toEqual(cliKeys(report, outside.workspace, true));
    const errors = expected.filter((k) => JSON.parse(k)[3] === 2).length;
    expect(run.outputs).toMatchObject({ errors: String(errors), warnings: String(expected.length - errors) });

    // SARIF: the same findings.
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    const fromSarif = (sarif.runs[0].results as { ruleId?: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine?: number } } }[] }[])
      .map((r) => { const p = r.locations[0].physicalLocation; return key(decodeURI(p.artifactLocation.uri), p.region.startLine, p.region.endLine ?? p.region.startLine, r.level === 'error' ? 2 : 1, r.ruleId ?? null, r.message.text); })
      .sort();
    expect(fromSarif).toEqual(expected);
  });

  it('says "Internal error" nowhere: not in the log, the summary or the SARIF', () => {
    for (const text of [run.stdout, run.stderr, run.summary, readFileSync(run.outputs['sarif-file'], 'utf8')]) {
      expect(text).not.toMatch(/Internal error|Cannot find module/i);
    }
  });

  it('the bundle requires nothing but Node built-ins, and nothing by a computed name', () => {
    const code = readFileSync(outside.entry, 'utf8');
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // hcl2json's Go shim asks for 'performance' only when globalThis.performance is missing (never on Node 20+).
    builtins.add('performance');
    // (ajv keeps `require("ajv/dist/runtime/…")` inside strings and templates for its standalone code generation.)
    const literal = [...code.matchAll(/(?<![\w$.'"`])require\(\s*(["'])([^"']+)\1\s*\)/g)].map((m) => m[2]);
    expect(literal.filter((name) => !builtins.has(name))).toEqual([]);
    // A `require(` whose argument is not a string literal: esbuild cannot have followed it.
    // esbuild renames a module's own `require` binding (require2, …): match those too.
    const computed = [...code.matchAll(/(?<![\w$.])(?:__)?require\d*\(\s*(?!["'`)])([^)]{0,40})\)/g)].map((m) => m[0]);
    expect(computed).toEqual([]);
  });
});

describe('the committed bundle, copied outside the repository, on a pull_request event', () => {
  it('posts one review holding exactly the CLI\'s findings on the files the PR adds, and annotates the same', async () => {
    // The PR adds examples/ to a repository that had none: every finding is on an added line.
    const repo = new FixtureRepo();
    const gh = await new FakeGitHub({ token: TOKEN, owner: 'acme', repo: 'flows', number: 3, headSha: '', files: [] }).start();
    try {
      repo.write('README.md', '# flows\n');
      const base = repo.commit('base');
      cpSync(join(REPO_ROOT, 'examples'), join(repo.dir, 'examples'), { recursive: true });
      const head = repo.commit('add the examples');
      gh.push(head, repo.prFiles(base, head));
      const r = await runBundle({
        workspace: repo.dir, eventName: 'pull_request', event: { pull_request: { number: 3, head: { sha: head }, base: { sha: base } } },
        token: TOKEN, bundle: outside.entry, actionYml: outside.actionYml, apiUrl: gh.url, graphqlUrl: gh.graphqlUrl, inputs: { paths: 'examples' },
      });
      const cli = spawnSync(process.execPath, [CLI, 'examples', '--format', 'json'], { cwd: repo.dir, encoding: 'utf8' });
      const report = JSON.parse(cli.stdout) as CliReport;
      const expected = cliKeys(report, repo.dir, false);
      expect(expected.length).toBeGreaterThanOrEqual(3);

      expect(r.code, r.stderr).toBe(1);
      expect(`${r.stdout}\n${r.stderr}\n${r.summary}`).not.toMatch(/Internal error|Cannot find module/i);
      expect(parseAnnotations(r.stdout)).toEqual(cliKeys(report, repo.dir, true));
      expect(gh.violations).toEqual([]);
      // One review; each CLI finding in it once (inline or in the body), by path and rule.
      expect(gh.postedReviews).toHaveLength(1);
      const [review] = gh.postedReviews;
      const said = [
        ...review.comments.map((c: { path: string; body: string }) => `${c.path} ${/\[`([^`]+)`\]/.exec(c.body)?.[1]}`),
        ...[...review.body.matchAll(/^- \*\*(?:Error|Warning)\*\* `([^`]+)` line [^·]*· \[`([^`]+)`\]/gm)].map((m) => `${m[1]} ${m[2]}`),
      ].sort();
      expect(said).toEqual(expected.map((k) => { const [path, , , , ruleId] = JSON.parse(k); return `${path} ${ruleId}`; }).sort());
    } finally {
      await gh.stop();
      repo.cleanup();
    }
  }, 120_000);
});

/** The spawned CLI's exit code, stderr and findings on `paths` in `cwd`, as annotation keys. */
function cliRun(cwd: string, paths: string[]): { code: number | null; stderr: string; keys: string[] } {
  const cli = spawnSync(process.execPath, [CLI, '--format', 'json', ...paths], { cwd, encoding: 'utf8' });
  const report = cli.stdout ? JSON.parse(cli.stdout) as CliReport : [];
  return { code: cli.status, stderr: cli.stderr, keys: cliKeys(report, cwd, true) };
}

describe('the `paths` input, through the committed bundle outside the repository', () => {
  let workspace: string;
  const push = { ref: 'refs/heads/main', after: '0'.repeat(40), repository: { full_name: 'acme/flows' } };
  const runPaths = (paths: string) => runBundle({
    workspace, eventName: 'push', event: push, token: TOKEN, bundle: outside.entry, actionYml: outside.actionYml, inputs: { paths },
    env: { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql' },
  });

  beforeAll(() => {
    workspace = join(outside.root, 'paths-workspace');
    // A real file name with spaces (Genesys flow names often have them), and two more flows with the same defect.
    for (const name of ['Proactive callback offer', 'Proactive', 'other']) {
      mkdirSync(join(workspace, 'flows'), { recursive: true });
      writeFileSync(join(workspace, 'flows', `${name}.yaml`), flow(name, TEMPLATE_KEY_ACTION));
    }
    execFileSync('git', ['init', '-q', '-b', 'main', workspace]);
  });

  it('takes one entry per line, spaces inside a name, blank lines and surrounding spaces ignored: the CLI\'s findings', async () => {
    const run = await runPaths('\n  flows/Proactive callback offer.yaml  \n\nflows/other.yaml\n');
    const cli = cliRun(workspace, ['flows/Proactive callback offer.yaml', 'flows/other.yaml']);
    expect(cli.code, cli.stderr).toBe(1);
    const files = new Set(cli.keys.map((k) => JSON.parse(k)[0]));
    expect([...files].sort()).toEqual(['flows/Proactive callback offer.yaml', 'flows/other.yaml']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(parseAnnotations(run.stdout)).toEqual(cli.keys);
    // `flows/Proactive.yaml` is not named: a split on spaces would have linted it (and named a missing `callback`).
    expect(run.stdout).not.toContain('Proactive.yaml');
    expect(run.stdout).toContain('Linted 2 file(s)');
  });

  it('`paths` that hold nothing of ours say so with the CLI\'s words (a warning, and in the summary), not "1 file linted"', async () => {
    mkdirSync(join(workspace, '.github/workflows'), { recursive: true });
    writeFileSync(join(workspace, '.github/workflows/ci.yml'), 'on: push\n');
    mkdirSync(join(workspace, 'empty'));
    writeFileSync(join(workspace, 'empty/.keep'), '');
    for (const folder of ['.github', 'empty']) {
      const cli = spawnSync(process.execPath, [CLI, folder], { cwd: workspace, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      const run = await runPaths(folder);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(`::warning::${cli.stderr.trimEnd()}`);
      expect(run.summary).toContain('0 files linted.');
      // The log agrees with the summary: the workflow's `.yml` was considered, not linted.
      expect(run.stdout).toContain('Linted 0 file(s)');
      expect(run.summary).toContain(cli.stderr.trimEnd());
    }
  });

  const mistakes: [string, string, string[]][] = [
    ['a folder that does not exist (`flow` for `flows`)', 'flow', ['flow']],
    ['a glob that matches nothing, next to a good entry', 'flows/other.yaml\nflows/*.json', ['flows/other.yaml', 'flows/*.json']],
    ['a name with spaces that does not exist', 'flows/Proactive callback.yaml', ['flows/Proactive callback.yaml']],
  ];
  for (const [what, paths, argv] of mistakes) {
    it(`${what} fails the step with the CLI's message, linting nothing`, async () => {
      const cli = cliRun(workspace, argv);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/^cxlint: (no such file or folder|no file matches the pattern): .*\n$/);
      const run = await runPaths(paths);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      // `core.setFailed` writes `::error::message`: the same words as the CLI's stderr line.
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([`::error::${cli.stderr.trimEnd()}`]);
      expect(run.stdout).not.toMatch(/Linted \d+ file/);
      expect(run.summary).not.toMatch(/0 files? linted|The step passes/);
      // The summary page says why, rather than stay blank.
      expect(run.summary).toContain('cxlint: the step failed');
      expect(run.summary).toContain(cli.stderr.trimEnd());
    });
  }
});
