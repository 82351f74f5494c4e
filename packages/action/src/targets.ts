import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_MAX_FILE_SIZE, detectKind, findFiles, isCandidatePath, readSourceFile } from '@cxlint/core';
import type { ChangedFile } from './changed-files.js';

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

/** Files of ours under `paths` (push, workflow_dispatch, `filter-mode: nofilter`), workspace-relative. */
export function workspaceTargets(workspace: string, paths: readonly string[]): { files: string[]; missing: string[] } {
  const globs = paths.filter((p) => picomatch.scan(clean(p)).isGlob);
  const plain = paths.filter((p) => !globs.includes(p));
  const found = findFiles(plain, workspace);
  const files = new Set(found.files.map((f) => toPosix(relative(workspace, f))));
  if (globs.length) {
    const match = pathMatcher(globs);
    for (const f of findFiles(['.'], workspace).files) {
      const rel = toPosix(relative(workspace, f));
      if (match(rel)) files.add(rel);
    }
  }
  return { files: [...files].sort(), missing: found.missing };
}

/**
 * The PR's changed files that cxlint should report on: still present, selected by `paths`, and of a kind
 * we read (a changed workflow YAML or package.json is not ours and is not reported).
 */
export function changedTargets(workspace: string, changed: readonly ChangedFile[], paths: readonly string[]): string[] {
  const selected = pathMatcher(paths);
  const out: string[] = [];
  for (const f of changed) {
    if (f.status === 'removed' || !isCandidatePath(f.path) || !selected(f.path)) continue;
    const abs = resolve(workspace, f.path);
    if (!existsSync(abs) || !statSync(abs).isFile()) continue;
    const read = readSourceFile(abs, DEFAULT_MAX_FILE_SIZE);
    if (detectKind(f.path, read.text ?? read.head ?? '') === 'unknown') continue;
    out.push(f.path);
  }
  return out.sort();
}
