import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../core/src/testing/temp-dirs.js';
import { Workspace } from './workspace.js';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));
const tempDir = tempDirs();

function exampleWorkspace(): string {
  const root = tempDir(join(tmpdir(), 'cxlint-ws-'));
  cpSync(EXAMPLES, root, { recursive: true });
  mkdirSync(join(root, '.git'));
  return root;
}
const rules = (w: Workspace, abs: string) => (w.lint(abs)?.messages ?? []).map((m) => m.ruleId);

describe('Workspace', () => {
  it('keeps the editor text of open files over the disk, and follows the disk for the others', async () => {
    const root = exampleWorkspace();
    const w = new Workspace(root);
    await w.ready();
    const reader = join(root, 'flows/callback-inqueue.yaml');
    const count = () => rules(w, reader).filter((r) => r === 'participant-data/read-never-set').length;
    expect(count()).toBe(2);
    const setter = join(root, 'flows/support-inbound.yaml');
    const text = readFileSync(setter, 'utf8').replace('lit: phoneNumber', 'lit: orderNumbr');
    await w.setText(setter, text); // open in the editor, unsaved
    expect(count()).toBe(1);
    await w.changedOnDisk(setter); // the disk still has the old text: the editor's wins
    expect(count()).toBe(1);
    await w.closed(setter); // closed without saving: the disk counts again
    expect(count()).toBe(2);
    writeFileSync(setter, text);
    await w.changedOnDisk(setter);
    expect(count()).toBe(1);
    rmSync(setter);
    await w.changedOnDisk(setter);
    expect(count()).toBe(2);
    expect(w.lint(setter)).toBeUndefined();
  });

  it('reads config again after reloadConfig, and reports nothing for ignored or foreign files', async () => {
    const root = exampleWorkspace();
    const w = new Workspace(root);
    await w.ready();
    const file = join(root, 'flows/support-inbound.yaml');
    expect(rules(w, file)).toEqual(['participant-data/literal-key', 'participant-data/literal-key']);
    writeFileSync(join(root, '.cxlint.yml'), 'ignore:\n  - flows/support-*.yaml\n');
    expect(rules(w, file)).toEqual(['participant-data/literal-key', 'participant-data/literal-key']); // not yet reloaded
    w.reloadConfig();
    expect(w.lint(file)).toBeUndefined();
    const foreign = join(root, 'ci.yml');
    await w.setText(foreign, 'name: ci\non: [push]\n');
    expect(w.lint(foreign)).toBeUndefined();
  });
});
