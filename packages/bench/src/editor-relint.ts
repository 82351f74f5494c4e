/**
 * The editor's hot path: the language server re-linting one open 30 KB flow after an edit, in a workspace of
 * 1,000 flows (cross-file rules see them all). Measured in-process on the server's own Workspace, against the
 * peer that bounds it from below: parsing that one file alone (what any linter must do per keystroke), and
 * against a cold load of the workspace (what re-linting the way the CLI does would cost on every edit).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseFile } from '@cxlint/core';
import { Workspace } from '@cxlint/language-server';
import { flowOfSize, generateFlow } from './corpus.js';
import { median } from './measure.js';

export interface EditorRelint {
  flows: number;
  editedBytes: number;
  coldLoadMs: number;
  relintMs: number;
  parseAloneMs: number;
  findings: number;
}

function writeWorkspace(dir: string): string {
  const edited = join(dir, 'flows/edited-30kb.yaml');
  if (existsSync(join(dir, '.done'))) return edited;
  mkdirSync(join(dir, 'flows'), { recursive: true });
  mkdirSync(join(dir, '.git'), { recursive: true });
  for (let i = 0; i < 999; i++) writeFileSync(join(dir, `flows/flow-${String(i).padStart(4, '0')}.yaml`), generateFlow(3000 + i).text);
  writeFileSync(edited, flowOfSize(42, 30 * 1024).text);
  writeFileSync(join(dir, '.done'), '');
  return edited;
}

export async function editorRelint(tmp: string, rounds: number): Promise<EditorRelint> {
  const dir = join(tmp, 'editor-1000');
  const edited = writeWorkspace(dir);
  const text = readFileSync(edited, 'utf8');
  const t0 = performance.now();
  const workspace = new Workspace(dir);
  await workspace.ready();
  const first = workspace.lint(edited);
  const coldLoadMs = performance.now() - t0;

  const relint: number[] = [];
  const parse: number[] = [];
  let findings = first?.messages.length ?? 0;
  for (let i = 0; i < Math.max(15, rounds * 5); i++) {
    // A keystroke: the text changes (a comment at the end), so nothing can be reused for the edited file itself.
    const typed = `${text}# edit ${i}\n`;
    let t = performance.now();
    await workspace.setText(edited, typed);
    findings = workspace.lint(edited)?.messages.length ?? 0;
    relint.push(performance.now() - t);
    t = performance.now();
    parseFile('flows/edited-30kb.yaml', typed);
    parse.push(performance.now() - t);
  }
  return { flows: workspace.size, editedBytes: Buffer.byteLength(text), coldLoadMs, relintMs: median(relint), parseAloneMs: median(parse), findings };
}
