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
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvim.status === 0;
if (!haveNvim && process.env.CI) throw new Error('Neovim (nvim) is not installed; .ci/run installs it with apt-get');
const tempDir = tempDirs();

describe.skipIf(!haveNvim)(haveNvim ? `Neovim's LSP client (${nvim.stdout.split('\n')[0]})` : 'Neovim: SKIPPED, nvim not installed (apt-get install neovim)', () => {
  it('opens a flow with a templated key, gets the diagnostic, applies the quick fix, and the diagnostic goes', () => {
    const root = tempDir(join(tmpdir(), 'cxlint-nvim-'));
    cpSync(EXAMPLES, root, { recursive: true });
    mkdirSync(join(root, '.git'));
    const file = join(root, 'flows/support-inbound.yaml');
    const resultFile = join(root, 'result.json');
    let failure = '';
    try {
      execFileSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
        cwd: root,
        env: { ...process.env, CXLINT_SERVER: SERVER_BIN, CXLINT_ROOT: root, CXLINT_FILE: file, CXLINT_RULE: 'participant-data/literal-key', CXLINT_RESULT: resultFile },
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      failure = String((e as Error).message);
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
      error?: string; steps: string[]; before: { code: string; lnum: number; col: number; end_col: number; source: string; href: string; message: string }[];
      actions: { title: string; isPreferred: boolean }[]; after: { code: string }[]; lines: string[];
    };
    expect(result.error, failure).toBeUndefined();
    expect(result.steps).toEqual(['attached', 'diagnostic received', 'quick fix applied', 'diagnostic gone']);
    const literal = result.before.find((d) => d.code === 'participant-data/literal-key')!;
    // Line 31, columns 22–52 in the CLI's 1-based terms: `"{{flow.input.userSessionId}}"`.
    expect(literal).toMatchObject({ lnum: 30, col: 21, end_col: 51, source: 'cxlint', href: 'https://github.com/cxlint/cxlint/blob/main/docs/rules/participant-data/literal-key.md' });
    expect(result.actions.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(['Fix this participant-data/literal-key problem']);
    expect(result.after.map((d) => d.code)).not.toContain('participant-data/literal-key');
    expect(result.lines.slice(29, 33)).toEqual(['              name:', '                lit: userSessionId', '              value:', '                exp: Flow.userSessionId']);
  });
});
