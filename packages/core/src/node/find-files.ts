import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isCandidatePath } from '../parse/detect-kind.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.turbo', '.terraform']);

export interface FoundFiles {
  /** Absolute paths of candidate files (flows, data actions, Terraform), sorted. */
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/**
 * Expands paths: directories recurse (skipping `node_modules`, `.git` and whatever `.gitignore` files say),
 * files given by name are always taken. Only extensions we read are kept from directories.
 */
export function findFiles(paths: string[], cwd: string): FoundFiles {
  const out = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isFile()) out.add(abs);
    else if (st.isDirectory()) walkDir(abs, abs, [], out);
  }
  return { files: [...out].sort(), missing };
}

interface Scope { dir: string; ig: Ignore }

function walkDir(root: string, dir: string, scopes: Scope[], out: Set<string>): void {
  let here = scopes;
  try {
    const gi = readFileSync(join(dir, '.gitignore'), 'utf8');
    here = [...scopes, { dir, ig: ignore().add(gi) }];
  } catch {
    /* no .gitignore here */
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to lint in it
  }
  for (const e of entries) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const abs = join(dir, e.name);
    const isDir = e.isDirectory();
    if (here.some((s) => s.ig.ignores(relative(s.dir, abs).split(sep).join('/') + (isDir ? '/' : '')))) continue;
    if (isDir) walkDir(root, abs, here, out);
    else if (e.isFile() && isCandidatePath(e.name)) out.add(abs);
  }
}
