import { lstatSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_MAX_FILE_SIZE, detectKind, findFiles, isCandidatePath, missingPathsMessage, readSourceFile } from '@cxlint/core';
import type { ChangedFile } from './changed-files.js';
import { InputError } from './inputs.js';

const toPosix = (p: string) => p.split(sep).join('/');
const clean = (p: string) => toPosix(p).replace(/^\.\//, '').replace(/\/+$/, '');

/** Whether a workspace-relative path is selected by the `paths` input (files, folders or globs). */
export function pathMatcher(paths: readonly string[]): (path: string) => boolean {
  const tests = paths.map((raw) => {
    const p = clean(raw);
    if (p === '' || p === '.') return () => true;
    if (picomatch.scan(p).isGlob) return picomatch(p, { dot: true });
    return (f: string) => f === p || f.startsWith(p + '/');
  });
  return (path) => tests.some((t) => t(clean(path)));
}

/**
 * A `paths` entry that names nothing in the workspace (`flow` for `flows`, a glob that matches no file) fails the
 * step, with the message the CLI prints for the same mistake: a typo must not pass as "0 files linted".
 */
export function assertPathsExist(workspace: string, paths: readonly string[]): void {
  const { missing } = findFiles([...paths], workspace);
  if (missing.length) throw new InputError(missingPathsMessage(missing));
}

/**
 * Files of ours under `paths` (push, workflow_dispatch, `filter-mode: nofilter`), workspace-relative. Folders and
 * globs are expanded by the engine's own file finder, as on the command line. Throws for entries that name nothing.
 * A folder that cannot be listed, or a named path that is not a file (a pipe), stays a target: linting it reports
 * it as an error that fails the step, as the CLI does, instead of passing over it as empty.
 */
export function workspaceTargets(workspace: string, paths: readonly string[]): { files: string[]; missing: string[] } {
  const found = findFiles([...paths], workspace);
  if (found.missing.length) throw new InputError(missingPathsMessage(found.missing));
  const targets = [...found.files, ...found.unreadableFolders.map((f) => f.path)];
  return { files: [...new Set(targets.map((f) => toPosix(relative(workspace, f))))].sort(), missing: [] };
}

/** Whether something (a file, or a link whatever it points to) is at `abs`; an error other than "missing" counts. */
function presentInCheckout(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/**
 * The PR's changed files that cxlint should report on: still present, selected by `paths`, and of a kind
 * we read (a changed workflow YAML or package.json is not ours and is not reported). Throws when a `paths`
 * entry names nothing in the workspace, as `workspaceTargets` does.
 */
export function changedTargets(workspace: string, changed: readonly ChangedFile[], paths: readonly string[]): string[] {
  assertPathsExist(workspace, paths);
  const selected = pathMatcher(paths);
  const out: string[] = [];
  for (const f of changed) {
    if (f.status === 'removed' || !isCandidatePath(f.path) || !selected(f.path)) continue;
    const abs = resolve(workspace, f.path);
    let isFile: boolean;
    try {
      isFile = statSync(abs).isFile();
    } catch {
      // Not in the checkout: nothing to lint. A link that leads nowhere or loops, or a path the OS refuses, is
      // linted all the same, so that its read error is reported instead of the file passing unseen.
      if (presentInCheckout(abs)) out.push(f.path);
      continue;
    }
    if (!isFile) continue;
    const read = readSourceFile(abs, DEFAULT_MAX_FILE_SIZE);
    if (read.osError === undefined && detectKind(f.path, read.text ?? read.head ?? '') === 'unknown') continue;
    out.push(f.path);
  }
  return out.sort();
}
