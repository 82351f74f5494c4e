/** A throwaway git repository and a runner-like launcher for the built action bundle. */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { FakeFile } from './fake-github.js';

export const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(ACTION_ROOT, '..', '..');
export const BUNDLE = join(ACTION_ROOT, 'dist', 'index.js');

export class FixtureRepo {
  readonly dir: string;
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'cxlint-action-'));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'test');
    this.git('config', 'commit.gpgsign', 'false');
  }
  git(...args: string[]): string {
    return execFileSync('git', ['-C', this.dir, ...args], { encoding: 'utf8' });
  }
  write(path: string, text: string): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
    return this;
  }
  remove(path: string): this {
    this.git('rm', '-q', path);
    return this;
  }
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }
  checkout(sha: string): void {
    this.git('checkout', '-q', sha);
  }
  /** The PR's files as GitHub lists them: status and the patch starting at the first `@@`. */
  prFiles(base: string, head: string, dropPatchFor: string[] = []): FakeFile[] {
    const statuses = this.git('diff', '--name-status', '--no-renames', base, head).trim().split('\n').filter(Boolean);
    return statuses.map((line) => {
      const [code, filename] = line.split('\t');
      const status = code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
      const diff = this.git('diff', '--no-renames', '-U3', base, head, '--', filename);
      const at = diff.indexOf('@@');
      const patch = at >= 0 ? diff.slice(at).replace(/\n$/, '') : undefined;
      return { filename, status, ...(patch && !dropPatchFor.includes(filename) ? { patch } : {}) } as FakeFile;
    });
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every folder from `dir` up to the root that holds a `node_modules`. */
export function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) found.push(join(d, 'node_modules'));
    if (dirname(d) === d) return found;
  }
}

let outsideCopy: string | undefined;

/**
 * The committed bundle as a runner gets it: `dist/` copied (once per test process) to a temp folder with no
 * `node_modules` in any parent, so a dependency the bundle forgot fails here as it would on a runner instead of
 * being found in the repo's `node_modules`. Removed when the process exits.
 */
export function outsideBundle(): string {
  if (outsideCopy) return outsideCopy;
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build -w @cxlint/action\` first.`);
  const root = mkdtempSync(join(tmpdir(), 'cxlint-dist-'));
  const above = nodeModulesAbove(root);
  if (above.length) throw new Error(`The temp folder ${root} has node_modules above it (${above.join(', ')}): set TMPDIR to a folder without one.`);
  cpSync(dirname(BUNDLE), join(root, 'dist'), { recursive: true });
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  return (outsideCopy = join(root, 'dist', 'index.js'));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** `INPUT_*` defaults from action.yml, as the runner computes them (the token expression replaced). */
export function defaultInputs(token: string, actionYml = join(REPO_ROOT, 'action.yml')): Record<string, string> {
  const action = parseYaml(readFileSync(actionYml, 'utf8')) as { inputs: Record<string, { default?: string }> };
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = String(spec.default ?? '').replace('${{ github.token }}', token);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

export interface RunOptions {
  workspace: string;
  eventName: string;
  event: unknown;
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Default: the committed bundle copied outside the repository (`outsideBundle`). */
  bundle?: string;
  /** The action.yml whose input defaults apply (the repo's by default). */
  actionYml?: string;
}

/** Runs the bundle as a child process with the environment a runner gives a JavaScript action. */
export async function runBundle(o: RunOptions): Promise<RunResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'cxlint-runner-'));
  const eventPath = join(tmp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.event));
  const summaryPath = join(tmp, 'summary.md');
  const outputPath = join(tmp, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const inputs: Record<string, string> = defaultInputs(o.token, o.actionYml);
  for (const [k, v] of Object.entries(o.inputs ?? {})) inputs[`INPUT_${k.toUpperCase()}`] = v;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/flows',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_SHA: 'unused',
    RUNNER_TEMP: tmp,
    ...(o.apiUrl ? { GITHUB_API_URL: o.apiUrl } : {}),
    ...(o.graphqlUrl ? { GITHUB_GRAPHQL_URL: o.graphqlUrl } : {}),
    // Retry waits: 5 ms per second of retry-after / backoff step instead of 1000.
    CXLINT_RETRY_UNIT_MS: '5',
    CXLINT_HTTP_TIMEOUT_MS: '4000',
    ...inputs,
    ...o.env,
  };
  const child = spawn(process.execPath, [o.bundle ?? outsideBundle()], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const outputs: Record<string, string> = {};
  const outText = readFileSync(outputPath, 'utf8');
  for (const m of outText.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3];
  const summary = readFileSync(summaryPath, 'utf8');
  rmSync(tmp, { recursive: true, force: true });
  return { code, stdout, stderr, summary, outputs };
}

/** An Archy flow; `extra` is spliced into startUpTaskActions (already indented for it). */
export function flow(name: string, extra = ''): string {
  return `inboundCall:
  name: ${name}
  division: Home
  startUpRef: ./menus/menu[mainMenu]
  defaultLanguage: en-us
  menus:
    - menu:
        name: Main Menu
        refId: mainMenu
        audio:
          tts: Press 1 for billing.
        choices:
          - menuDisconnect:
              name: Bye
              dtmf: digit_1
  startUpTaskActions:
    - setParticipantData:
        name: Save caller ANI to conversation
        attributes:
          - attribute:
              name:
                lit: phoneNumber
              value:
                exp: ToPhoneNumber(Call.Ani).e164
${extra}`;
}

/** The seed's defect: a template where a literal key must be. */
export const TEMPLATE_KEY_ACTION = `    - setParticipantData:
        name: Remember the web session
        attributes:
          - attribute:
              name:
                lit: "{{flow.input.userSessionId}}"
`;
