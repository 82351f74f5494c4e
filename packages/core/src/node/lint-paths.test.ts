import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowWith, setData } from '../testing/flow-fixtures.js';
import { tempDirs } from '../testing/temp-dirs.js';
import { lintPaths } from './lint-paths.js';

const tempDir = tempDirs();
const FLOW = flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"\nvalue:\n  lit: x'));

describe('lintPaths: a file that goes away during the run', () => {
  it('a file deleted between the walk and its read is reported with the OS error and counted unreadable, never dropped', async () => {
    const dir = tempDir(join(tmpdir(), 'cxlint-vanish-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'flows'));
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `flows/${name}.yaml`), FLOW);
    let deleted = false;
    const run = await lintPaths(['flows'], {
      cwd: dir,
      // Called before each file is read: the walk has listed all three; b goes before its turn.
      onProgress: (stage) => {
        if (stage === 'reading' && !deleted) {
          rmSync(join(dir, 'flows/b.yaml'));
          deleted = true;
        }
      },
    });
    expect(deleted).toBe(true);
    expect(run.results.map((r) => r.filePath)).toEqual(['flows/a.yaml', 'flows/b.yaml', 'flows/c.yaml']);
    expect(run.results[1].messages).toEqual([expect.objectContaining({ fatal: true, severity: 2, message: 'Cannot read file: ENOENT (no such file or folder).' })]);
    expect(run.unreadable).toEqual(['flows/b.yaml']);
    for (const i of [0, 2]) expect(run.results[i].messages.map((m) => m.ruleId)).toContain('participant-data/literal-key');
  });
});

describe('lintPaths: nothing to lint', () => {
  // This path returns before the engine is imported (start-up); it must say what the full run says for no files.
  it('a folder with no candidate file: no results, the missing path, and with debug why each path was skipped', async () => {
    const dir = tempDir(join(tmpdir(), 'cxlint-nothing-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/README.md'), '# not ours\n');
    writeFileSync(join(dir, '.cxlint.yml'), 'rules:\n  nope: [\n'); // never read: no file asks for a config
    const run = await lintPaths(['docs', 'absent'], { cwd: dir, debug: true });
    expect(run).toEqual({
      results: [],
      missing: ['absent'],
      configFiles: [],
      unreadable: [],
      skipped: { ignored: 0, notOurs: 0 },
      considered: [{ path: 'docs/README.md', decision: expect.stringMatching(/^skipped: /) }],
    });
  });

  it('a candidate file that is not ours still goes through the engine and is counted as skipped', async () => {
    const dir = tempDir(join(tmpdir(), 'cxlint-nothing-'));
    writeFileSync(join(dir, 'ci.yml'), 'name: ci\non: [push]\n');
    const run = await lintPaths(['.'], { cwd: dir });
    expect(run.results).toEqual([]);
    expect(run.skipped).toEqual({ ignored: 0, notOurs: 1 });
  });
});
