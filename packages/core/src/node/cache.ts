import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { FACTS_VERSION } from '../model/facts-version.js';
import type { CachedFile, LintCache } from '../linter.js';
import { VERSION } from '../version.js';

/** ESLint's `.eslintcache`, for cxlint: the cache file's name in the working folder when no location is given. */
export const DEFAULT_CACHE_FILE = '.cxlintcache';

/** Bumped when the file's layout changes; a file of another format is ignored with a note. */
const CACHE_FORMAT = 2;

/**
 * Which cxlint wrote the cache: the version, plus the build's code digest (`dist/build-id.json`, written by
 * scripts/bundle-cli.mjs from every built module) where there is one, so a build between two releases never reuses
 * records that older rules made. Without the file (sources run by tests, another bundle) the version alone.
 */
function whichCxlint(): string {
  try {
    const { build } = JSON.parse(readFileSync(new URL('../build-id.json', import.meta.url), 'utf8')) as { build?: unknown };
    return typeof build === 'string' && build ? `${VERSION}+${build}` : VERSION;
  } catch {
    return VERSION;
  }
}
let cxlintBuild: string | undefined;
const thisCxlint = () => (cxlintBuild ??= whichCxlint());

/**
 * The file's first line. Each of the `entries` lines after it is one file's `[path, entry]` in JSON, so a warm run
 * writes the lines of the entries it did not change back as it read them instead of encoding them again.
 */
interface CacheFileHeader {
  format: number;
  cxlint: string;
  facts: number;
  /** Paths in the cache are as shown in results, relative to this folder; a cache made elsewhere is not used. */
  cwd: string;
  /** How many entry lines follow: fewer is a truncated file. */
  entries: number;
}

/** An entry as read, with its line and the cross-file findings it had then (the engine replaces them when they rerun). */
interface ReadEntry {
  entry: CachedFile;
  cross: CachedFile['cross'];
  line: string;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Where the cache lives, with ESLint's rules for `--cache-location`: the default is `.cxlintcache` in the working
 * folder; a location that is an existing folder, or that ends with a path separator, gets a file named after a hash
 * of the working folder inside it (so one folder can hold the caches of several checkouts); anything else is the file.
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined || location === '') return join(cwd, DEFAULT_CACHE_FILE);
  const given = normalize(location);
  const resolved = resolve(cwd, given);
  const looksLikeFolder = given.endsWith(sep) || location.endsWith('/');
  let isFolder = false;
  try {
    isFolder = statSync(resolved).isDirectory();
  } catch {
    /* does not exist yet */
  }
  return looksLikeFolder || isFolder ? join(resolved, `${DEFAULT_CACHE_FILE}_${sha1(cwd).slice(0, 16)}`) : resolved;
}

/**
 * A run without `--cache` deletes the cache file, as ESLint does (its results would be stale by the next cached run
 * anyway). ESLint fails the run when an existing file cannot be deleted; cxlint says so and goes on: a cache problem
 * never costs a result. Returns the note, if any.
 */
export function deleteCacheFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    unlinkSync(path);
    return undefined;
  } catch (e) {
    return `could not delete the cache file ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); a later --cache run checks every entry against the files, so it is still safe`;
  }
}

/**
 * The `--cache` file: one JSON document, read at the start and written (to a temporary file, then renamed) at the end.
 * Entries are keyed by content hash and config (the engine checks them), never by modification time, so a checkout
 * that touches every file (CI) still hits. A file that cannot be read, does not parse, or was written by another
 * cxlint version is ignored with one note: the run is then a correct cold run, and writes a fresh cache.
 */
export class FileCache implements LintCache {
  private readonly entries: Map<string, CachedFile>;
  /** Entries read or written in this run; others are saved only while their file exists (a run on a subfolder keeps the rest). */
  private readonly used = new Set<string>();

  private constructor(readonly path: string, private readonly cwd: string, private readonly read: Map<string, ReadEntry>) {
    this.entries = new Map([...read].map(([file, r]) => [file, r.entry]));
  }

  /** Opens the cache at `path` for a run in `cwd`; `note` gets one line when an existing file cannot be used. */
  static open(path: string, cwd: string, note: (message: string) => void): FileCache {
    return new FileCache(path, resolve(cwd), readEntries(path, resolve(cwd), note));
  }

  /** A cache that lives only as long as the run (the `--fix` passes without `--cache`). */
  static inMemory(cwd: string): FileCache {
    return new FileCache('', resolve(cwd), new Map());
  }

  hash(text: string): string {
    return sha1(text);
  }

  get(path: string): CachedFile | undefined {
    const entry = this.entries.get(path);
    if (entry) this.used.add(path);
    return entry;
  }

  set(path: string, entry: CachedFile): void {
    this.entries.set(path, entry);
    this.used.add(path);
  }

  /** Writes the cache; returns a note when it could not be written (the run's results stand). */
  save(): string | undefined {
    if (!this.path) return undefined;
    const lines: string[] = [];
    let unchanged = 0;
    for (const [path, entry] of this.entries) {
      if (!this.used.has(path) && !existsSync(resolve(this.cwd, path))) continue;
      const read = this.read.get(path);
      // A target whose cross-file rules reran (one per warm run builds the indexes the others are checked against)
      // usually found what it found before: then its line is still right.
      if (read && read.entry === entry && (read.cross === entry.cross || JSON.stringify(read.cross) === JSON.stringify(entry.cross))) {
        lines.push(read.line);
        unchanged++;
      } else lines.push(JSON.stringify([path, entry]));
    }
    // Every entry kept as it was read, in the same order: the file would be written byte for byte as it is.
    if (unchanged === lines.length && unchanged === this.read.size) return undefined;
    const header: CacheFileHeader = { format: CACHE_FORMAT, cxlint: thisCxlint(), facts: FACTS_VERSION, cwd: this.cwd, entries: lines.length };
    // Unique per writer: two runs sharing a mounted cache folder can have the same pid (node as pid 1 in containers).
    const temporary = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, `${JSON.stringify(header)}\n${lines.map((line) => `${line}\n`).join('')}`);
      renameSync(temporary, this.path);
      return undefined;
    } catch (e) {
      try { unlinkSync(temporary); } catch { /* never written */ }
      return `could not write the cache file ${this.path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the results above are complete, the next run starts cold`;
    }
  }
}

function readEntries(path: string, cwd: string, note: (message: string) => void): Map<string, ReadEntry> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // None yet (or its folder is not one: then writing it fails, with its own note).
    if (code !== 'ENOENT' && code !== 'ENOTDIR') note(`cannot read the cache file ${path} (${code ?? (e as Error).message}); linting without it`);
    return new Map();
  }
  const corrupt = () => {
    note(`the cache file ${path} is not a cxlint cache (truncated or corrupt); ignoring it and linting every file`);
    return new Map<string, ReadEntry>();
  };
  const lines = text.split('\n');
  let content: Partial<CacheFileHeader>;
  try {
    content = JSON.parse(lines[0]) as Partial<CacheFileHeader>;
  } catch {
    return corrupt();
  }
  if (!content || typeof content !== 'object' || content.format !== CACHE_FORMAT || content.cxlint !== thisCxlint() || content.facts !== FACTS_VERSION) {
    note(`the cache file ${path} was not written by this version of cxlint (${thisCxlint()}); ignoring it and linting every file`);
    return new Map();
  }
  if (content.cwd !== cwd) {
    note(`the cache file ${path} was written for another working folder (${String(content.cwd)}); ignoring it and linting every file`);
    return new Map();
  }
  // The header's count of entry lines, then an empty last line (every line ends with a newline): else truncated.
  const count = content.entries;
  if (typeof count !== 'number' || lines.length !== count + 2 || lines[count + 1] !== '') return corrupt();
  const entries = new Map<string, ReadEntry>();
  for (let i = 1; i <= count; i++) {
    let pair: unknown;
    try {
      pair = JSON.parse(lines[i]);
    } catch {
      return corrupt();
    }
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') return corrupt();
    const entry: unknown = pair[1];
    if (wellFormed(entry)) entries.set(pair[0], { entry, cross: entry.cross, line: lines[i] });
  }
  return entries;
}

/** Enough of an entry's shape that the engine can use it (a hand-edited entry that is not is simply a miss). */
function wellFormed(entry: unknown): entry is CachedFile {
  const e = entry as CachedFile;
  return !!e && typeof e === 'object' && typeof e.hash === 'string' && typeof e.key === 'string' && !!e.record && typeof e.record === 'object'
    && (e.record.messages === undefined || Array.isArray(e.record.messages)) && typeof e.record.kind === 'string' && !!e.record.facts
    && (e.cross === undefined || (typeof e.cross.key === 'string' && Array.isArray(e.cross.messages) && Array.isArray(e.cross.reads)));
}
