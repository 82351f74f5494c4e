import { readdirSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { isCandidatePath } from '../parse/detect-kind.js';
import { osErrorText } from '../source/read-file.js';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.turbo', '.terraform']);

/** Why a path met on the way was taken or left (`--debug`). */
export interface ConsideredPath {
  /** Absolute path. */
  path: string;
  taken: boolean;
  reason: string;
}

export interface FoundFiles {
  /** Absolute paths of candidate files (flows, data actions, Terraform), sorted. */
  files: string[];
  /** Paths given that do not exist, and globs that match no file. */
  missing: string[];
  /**
   * Folders that could not be listed, and named paths that could not even be looked at (a file in a folder the
   * user may not enter): absolute path and the OS error. What is in them cannot be accounted for.
   */
  unreadableFolders: { path: string; error: string; named?: boolean }[];
  /** Every path met, with why it was taken or skipped; only with `debug`. */
  considered?: ConsideredPath[];
  /**
   * Files found by walking a folder through no symbolic link (every folder on the way and the file itself were
   * plain), each with the folder its walk started from: such a file resolves to where that folder resolves, plus
   * the same relative path, so one `realpath` of the folder answers "does it lead outside?" for all of them.
   */
  linkFree: Map<string, string>;
}

export interface FindFilesOptions {
  /** Record every path met and why (`cxlint --debug`). */
  debug?: boolean;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** `flows/**\/*.yaml` given as an argument (quoted, so the shell did not expand it). */
export function isGlob(path: string): boolean {
  return picomatch.scan(toPosix(path)).isGlob;
}

/** The message for paths that name nothing, shared by the CLI and the action so both say the same. */
export function missingPathsMessage(missing: readonly string[]): string {
  const globs = missing.filter(isGlob);
  const plain = missing.filter((p) => !isGlob(p));
  const parts: string[] = [];
  if (plain.length) parts.push(`no such file or folder: ${plain.join(', ')}`);
  if (globs.length) parts.push(`no file matches the pattern${globs.length === 1 ? '' : 's'}: ${globs.join(', ')}`);
  return parts.join('; ');
}

/**
 * The closing line of a run that linted nothing (an empty folder, a folder of other YAML), shared by the CLI and the
 * action: silence would read as "all clear".
 */
export function nothingFoundMessage(paths: readonly string[], ignored = 0): string {
  const why = ignored ? ` (${ignored} file${ignored === 1 ? ' is' : 's are'} ignored by the config's \`ignore\`)` : '';
  return `no flow, data action or Terraform files found under ${paths.join(', ')}${why}`;
}

/**
 * Expands paths: directories recurse (skipping `node_modules`, `.git` and whatever `.gitignore` files say),
 * files given by name are always taken, globs (`'flows/**\/*.yaml'`, quoted so the shell leaves them) match
 * files under their base folder. Only extensions we read are kept from folders and globs. Folders that cannot
 * be listed are returned, never passed over.
 */
export function findFiles(paths: string[], cwd: string, options: FindFilesOptions = {}): FoundFiles {
  const out = new Set<string>();
  const missing: string[] = [];
  const walk: Walk = { out, unreadable: [], considered: options.debug ? [] : undefined, linkFree: new Map(), root: cwd };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const brokenLink = code === 'ENOENT' && linkTarget(abs);
      if (brokenLink) walk.unreadable.push({ path: abs, error: `ENOENT (a symbolic link to ${brokenLink}, which does not exist)`, named: true });
      else if (isGlob(p)) {
        if (!findGlob(p, cwd, walk)) missing.push(p);
      } else if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(p);
      else walk.unreadable.push({ path: abs, error: osErrorText(e as NodeJS.ErrnoException), named: true });
      continue;
    }
    if (st.isFile()) {
      out.add(abs);
      walk.considered?.push({ path: abs, taken: true, reason: 'named on the command line' });
    } else if (st.isDirectory()) {
      walk.root = abs;
      walkDir(abs, [], walk, () => true);
    }
    else {
      // A named pipe, socket or device named on the command line: never "nothing found" (reading a FIFO with no
      // writer would also block forever).
      const error = `it is ${specialFileKind(st)}, not a file or folder; cxlint lints files and folders (text from a pipe: --stdin --stdin-filename <path>)`;
      walk.unreadable.push({ path: abs, error, named: true });
      walk.considered?.push({ path: abs, taken: false, reason: error });
    }
  }
  return { files: [...out].sort(), missing, unreadableFolders: walk.unreadable, ...(walk.considered ? { considered: walk.considered } : {}), linkFree: walk.linkFree };
}

/** Where a symbolic link points, or undefined when `abs` is not a link. */
function linkTarget(abs: string): string | undefined {
  try {
    return readlinkSync(abs);
  } catch {
    return undefined;
  }
}

function specialFileKind(st: Stats): string {
  return st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : 'not a regular file';
}

interface Walk {
  out: Set<string>;
  unreadable: FoundFiles['unreadableFolders'];
  considered?: ConsideredPath[];
  linkFree: FoundFiles['linkFree'];
  /** The folder the current walk started from (see `linkFree`). */
  root: string;
}

/** Files under the glob's fixed base folder that match it; false when none does. */
function findGlob(pattern: string, cwd: string, walk: Walk): boolean {
  const posix = toPosix(pattern);
  const scan = picomatch.scan(posix);
  const base = resolve(cwd, scan.base || '.');
  const absolute = isAbsolute(pattern);
  const match = picomatch(absolute ? posix : posix.replace(/^\.\//, ''), { dot: true });
  const before = walk.out.size;
  try {
    if (!statSync(base).isDirectory()) return false;
  } catch {
    return false;
  }
  walk.root = base;
  walkDir(base, [], walk, (abs) => match(absolute ? toPosix(abs) : toPosix(relative(cwd, abs))), pattern);
  return walk.out.size > before;
}

interface Scope { dir: string; ig: Ignore }

function walkDir(dir: string, scopes: Scope[], walk: Walk, accept: (abs: string) => boolean, glob?: string): void {
  let here = scopes;
  try {
    const gi = readFileSync(join(dir, '.gitignore'), 'utf8');
    here = [...scopes, { dir, ig: ignore().add(gi) }];
  } catch {
    /* no .gitignore here (an unreadable one is the folder's problem, reported below if it cannot be listed) */
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    // Never "nothing to lint here": the files in it cannot be accounted for.
    walk.unreadable.push({ path: dir, error: osErrorText(e as NodeJS.ErrnoException) });
    walk.considered?.push({ path: dir, taken: false, reason: `folder cannot be read: ${osErrorText(e as NodeJS.ErrnoException)}` });
    return;
  }
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (ALWAYS_SKIPPED.has(e.name)) {
      walk.considered?.push({ path: abs, taken: false, reason: `${e.name} is always skipped` });
      continue;
    }
    // A link is judged by what it points to: a link to a file of ours is linted (ESLint treats skipping such links as
    // a bug), a broken or looping one is taken so that its read error is reported; links to folders are not followed
    // (a link to `..` would walk forever). lintPaths refuses links that lead outside the folder being linted.
    let linkTo: 'file' | 'folder' | 'broken' | 'other' | undefined;
    if (e.isSymbolicLink()) {
      try {
        const target = statSync(abs);
        linkTo = target.isFile() ? 'file' : target.isDirectory() ? 'folder' : 'other';
      } catch {
        linkTo = 'broken';
      }
    }
    const isDir = e.isDirectory();
    const ignoredBy = here.find((s) => s.ig.ignores(toPosix(relative(s.dir, abs)) + (isDir ? '/' : '')));
    if (ignoredBy) {
      walk.considered?.push({ path: abs, taken: false, reason: `ignored by ${join(ignoredBy.dir, '.gitignore')}` });
      continue;
    }
    if (isDir) {
      walkDir(abs, here, walk, accept, glob);
      continue;
    }
    if (!e.isFile() && linkTo !== 'file' && linkTo !== 'broken') {
      walk.considered?.push({ path: abs, taken: false, reason: linkTo === 'folder' ? 'symbolic link to a folder (not followed)' : 'not a regular file' });
      continue;
    }
    if (!isCandidatePath(e.name)) {
      if (walk.considered && (!glob || accept(abs))) walk.considered.push({ path: abs, taken: false, reason: 'not .yaml, .yml, .json or .tf' });
      continue;
    }
    if (!accept(abs)) continue;
    walk.out.add(abs);
    // Folders are only entered when plain (links to folders are not followed), so a plain file here has no link on its way down.
    if (e.isFile()) walk.linkFree.set(abs, walk.root);
    const link = linkTo === 'file' ? ', a symbolic link' : linkTo === 'broken' ? ', a symbolic link that leads nowhere' : '';
    walk.considered?.push({ path: abs, taken: true, reason: `${glob ? `matches ${glob}` : 'found in a folder'}${link}` });
  }
}
