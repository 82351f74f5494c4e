import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../core/src/testing/temp-dirs.js';
import { SERVER_BIN } from './testing/lsp-client.js';

/**
 * A real LSP client this project did not write: Neovim's built-in one, headless, driven by test/nvim-client.lua.
 * .ci/run installs Neovim; on a machine without it the test is skipped with this message (in CI it fails).
 */
const SCRIPT = fileURLToPath(new URL('../test/nvim-client.lua', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));
const CLI = fileURLToPath(new URL('../../core/bin/cxlint.js', import.meta.url));
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvim.status === 0;
if (!haveNvim && process.env.CI) throw new Error('Neovim (nvim) is not installed; .ci/run installs it with apt-get');
const tempDir = tempDirs();

const RULE = 'participant-data/literal-key';

interface CliEdit { range: [number, number]; text: string }
interface CliMessage { ruleId: string; line: number; column: number; endColumn: number; fix?: CliEdit; suggestions?: { desc: string; fix: CliEdit }[] }
interface NvimAction { title: string; kind: string; isPreferred: boolean; diagnostics: string[] }
interface NvimDiagnostic { code: string; lnum: number; col: number; end_col: number; source: string; href: string; message: string }

/** What the CLI, spawned in the same folder, reports for the file: the findings, fixes and suggestions the editor must offer. */
function cliMessages(root: string, file: string): CliMessage[] {
  const run = spawnSync(process.execPath, [CLI, file, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  return (JSON.parse(run.stdout) as { messages: CliMessage[] }[])[0].messages;
}

const applyEdits = (text: string, edits: CliEdit[]) =>
  [...edits].sort((a, b) => b.range[0] - a.range[0]).reduce((t, e) => t.slice(0, e.range[0]) + e.text + t.slice(e.range[1]), text);

describe.skipIf(!haveNvim)(haveNvim ? `Neovim's LSP client (${nvim.stdout.split('\n')[0]})` : 'Neovim: SKIPPED, nvim not installed (apt-get install neovim)', () => {
  it('opens a flow with a templated key, gets the diagnostic, applies the suggestion, and the diagnostic goes; the constant key takes the preferred fix', () => {
    const root = tempDir(join(tmpdir(), 'cxlint-nvim-'));
    cpSync(EXAMPLES, root, { recursive: true });
    mkdirSync(join(root, '.git'));
    const file = join(root, 'flows/support-inbound.yaml');
    const original = readFileSync(file, 'utf8');
    const resultFile = join(root, 'result.json');

    // The CLI's two findings in the example flow: the templated key (a guessed rename, suggestions only) and
    // `Append("Account", "Type")` (a constant: a certain fix).
    const literal = cliMessages(root, 'flows/support-inbound.yaml').filter((m) => m.ruleId === RULE);
    const templated = literal.find((m) => !m.fix)!;
    const constant = literal.find((m) => m.fix)!;
    expect(literal).toHaveLength(2);
    expect(templated.suggestions?.length).toBeGreaterThan(0);
    expect(original.split('\n')[templated.line - 1].slice(templated.column - 1, templated.endColumn - 1)).toBe('"{{flow.input.userSessionId}}"');
    expect(original.split('\n')[constant.line - 1]).toContain('exp: Append("Account", "Type")');
    const suggestion = templated.suggestions![0];

    let failure = '';
    try {
      execFileSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
        cwd: root,
        env: {
          ...process.env, CXLINT_SERVER: SERVER_BIN, CXLINT_ROOT: root, CXLINT_FILE: file, CXLINT_RULE: RULE, CXLINT_RESULT: resultFile,
          // First the templated key: the person picks the first suggestion from the menu. Then the constant key:
          // the preferred action, as an editor's "apply the preferred fix" picks it.
          CXLINT_PLAN: JSON.stringify([{ line: templated.line - 1, title: suggestion.desc }, { line: constant.line - 1, preferred: true }]),
        },
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      failure = String((e as Error).message);
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
      error?: string; steps: string[]; lines: string[]; after: NvimDiagnostic[];
      fixes: { line: number; before: NvimDiagnostic[]; actions: NvimAction[]; applied: string }[];
    };
    expect(result.error, failure).toBeUndefined();
    const t = templated.line - 1;
    const c = constant.line - 1;
    expect(result.steps).toEqual(['attached',
      `diagnostic received on line ${t}`, `quick fix applied on line ${t}`, `diagnostic gone on line ${t}`,
      `diagnostic received on line ${c}`, `quick fix applied on line ${c}`, `diagnostic gone on line ${c}`]);

    const [guess, certain] = result.fixes;
    // Line 31, columns 22–52 in the CLI's 1-based terms: `"{{flow.input.userSessionId}}"`.
    expect(guess.before.find((d) => d.code === RULE && d.lnum === t)).toMatchObject({
      lnum: 30, col: 21, end_col: 51, source: 'cxlint', href: `https://github.com/cxlint/cxlint/blob/main/docs/rules/${RULE}.md`,
    });
    // A guess is a quick fix a person chooses, never the preferred one an editor may apply unasked.
    const disable = { title: `Disable ${RULE} for this line`, kind: 'quickfix', isPreferred: false, diagnostics: [`${RULE}@${t}`] };
    expect(guess.actions).toEqual([
      ...templated.suggestions!.map((s) => ({ title: s.desc, kind: 'quickfix', isPreferred: false, diagnostics: [`${RULE}@${t}`] })),
      disable,
    ]);
    expect(guess.applied).toBe('Use the literal key `userSessionId` (then set its value).');
    // The constant key's certain fix is the one preferred action, listed once (its identical suggestion is not repeated).
    expect(certain.actions).toEqual([
      { title: `Fix this ${RULE} problem`, kind: 'quickfix', isPreferred: true, diagnostics: [`${RULE}@${c}`] },
      { ...disable, diagnostics: [`${RULE}@${c}`] },
    ]);
    expect(certain.applied).toBe(`Fix this ${RULE} problem`);

    // The buffer holds exactly the CLI's suggestion and fix, and nothing in it is reported any more (no rule
    // finds fault with what the edits wrote).
    expect(result.lines.join('\n')).toBe(applyEdits(original, [suggestion.fix, constant.fix!]).replace(/\n$/, ''));
    expect(result.lines.slice(29, 31)).toEqual(['              name:', '                lit: userSessionId']);
    expect(result.lines[c]).toBe('                lit: AccountType');
    expect(result.after).toEqual([]);
  });
});
