import { relative, sep } from 'node:path';
import {
  builtInRules, ConfigError, createConfigResolver, DEFAULT_MAX_FILE_SIZE, detectKind, findFiles, isCandidatePath, lintFiles,
  parseFile, prepareInput, readSourceFile, type ConfigResolver, type LintInput, type LintResult, type ParsedFile, type Rule,
} from '@cxlint/core';

/** One file of the workspace, parsed once per text, so re-linting another file reuses it (and its cached facts). */
interface WorkspaceFile {
  input: LintInput;
  parsed?: ParsedFile;
}

export interface WorkspaceOptions {
  rules?: readonly Rule[];
  /** Read every flow, data action and Terraform file under the root for cross-file rules (false: open files only). */
  scan?: boolean;
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * A folder as the CLI sees it when run there: every candidate file (read from disk, or the editor's text for
 * open ones) is one project for cross-file rules, each file under its nearest `.cxlint.yml` cascade.
 * Paths in results are relative to the root, as `cxlint` run in the root prints them.
 */
export class Workspace {
  readonly root: string;
  private readonly rules: readonly Rule[];
  private readonly files = new Map<string, WorkspaceFile>();
  private configs: ConfigResolver | undefined;
  private readonly configFor = new Map<string, ReturnType<ConfigResolver['configFor']>>();
  private scanned: Promise<void> | undefined;
  private readonly scan: boolean;
  /** Files whose text comes from the editor: a change on disk does not replace it. */
  private readonly open = new Set<string>();
  /** The latest text handed in per file (see `store`). */
  private readonly tickets = new Map<string, number>();
  /** The ticket whose text is stored: equal to the latest ticket when no text is being prepared. */
  private readonly settled = new Map<string, number>();

  constructor(root: string, options: WorkspaceOptions = {}) {
    this.root = root;
    this.rules = options.rules ?? builtInRules;
    this.scan = options.scan ?? true;
  }

  /** The path the engine and the config see for a file (relative to the root, `/` separated). */
  displayPath(absPath: string): string {
    return toPosix(relative(this.root, absPath)) || absPath;
  }

  contains(absPath: string): boolean {
    const rel = relative(this.root, absPath);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
  }

  /** Reads every candidate file under the root once (later calls wait for the same scan). */
  ready(): Promise<void> {
    this.scanned ??= this.scan ? this.readAll() : Promise.resolve();
    return this.scanned;
  }

  private async readAll(): Promise<void> {
    for (const abs of findFiles([this.root], this.root).files) {
      if (!this.open.has(abs)) await this.readFromDisk(abs);
    }
  }

  /** The editor's text for a file (opened or changed). */
  async setText(absPath: string, text: string): Promise<void> {
    const wasOpen = this.open.has(absPath);
    this.open.add(absPath);
    // Re-linting other open files hands their unchanged text in again: keep the parse (and its cached facts).
    // (Unless a newer text is still being prepared: then this one must supersede it.)
    const settled = this.settled.get(absPath) === this.tickets.get(absPath);
    if (wasOpen && settled && this.files.get(absPath)?.input.text === text) return;
    await this.store(absPath, text);
  }

  /** The editor closed the file: from now on what is on disk counts. */
  async closed(absPath: string): Promise<void> {
    this.open.delete(absPath);
    if (this.scan) await this.readFromDisk(absPath);
    else this.files.delete(absPath);
  }

  /** A file changed, appeared or went away on disk (file watching). Open files keep the editor's text. */
  async changedOnDisk(absPath: string): Promise<void> {
    if (this.open.has(absPath) || !this.scan || !isCandidatePath(absPath)) return;
    await this.readFromDisk(absPath);
  }

  /** Config files changed: the next lint reads them again. */
  reloadConfig(): void {
    this.configs = undefined;
    this.configFor.clear();
  }

  private async readFromDisk(absPath: string): Promise<void> {
    const maxFileSize = this.safeConfigs()?.entryFor(absPath).loaded.config.settings?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const read = readSourceFile(absPath, maxFileSize);
    if (read.error !== undefined) {
      const ticket = (this.tickets.get(absPath) ?? 0) + 1;
      this.tickets.set(absPath, ticket);
      this.settled.set(absPath, ticket);
      if (read.error.startsWith('Cannot read file: ENOENT') || detectKind(absPath, read.head ?? '') === 'unknown') this.files.delete(absPath);
      else this.files.set(absPath, { input: { path: this.displayPath(absPath), readError: read.error, readErrorLine: read.errorLine } });
      return;
    }
    await this.store(absPath, read.text!);
  }

  private async store(absPath: string, text: string): Promise<void> {
    // Terraform's preparation is asynchronous: an older text finishing after a newer one must not replace it.
    const ticket = (this.tickets.get(absPath) ?? 0) + 1;
    this.tickets.set(absPath, ticket);
    const input = await prepareInput({ path: this.displayPath(absPath), text });
    if (this.tickets.get(absPath) !== ticket) return;
    this.settled.set(absPath, ticket);
    const parsed = input.readError === undefined ? parseFile(input.path, text, undefined, input.prepared) : undefined;
    this.files.set(absPath, { input: { ...input, parsed }, parsed });
  }

  private safeConfigs(): ConfigResolver | undefined {
    try {
      return this.configResolver();
    } catch {
      return undefined;
    }
  }

  private configResolver(): ConfigResolver {
    this.configs ??= createConfigResolver({ cwd: this.root, rules: this.rules });
    return this.configs;
  }

  /**
   * Lints one file against the whole workspace: only it is reported, every other file feeds the project model.
   * Undefined when the file is not one of ours (or the config ignores it). Throws `ConfigError` for a bad config.
   */
  lint(absPath: string): LintResult | undefined {
    const configs = this.configResolver();
    const target = this.files.get(absPath);
    if (!target) return undefined;
    // Config per file, by display path, resolved once per config generation: path arithmetic for every file of
    // a large workspace on every keystroke showed in the profile. Resolving all before the engine runs also
    // makes a broken config throw here (and be reported) rather than inside the engine.
    const inputs: LintInput[] = [];
    for (const [abs, f] of this.files) {
      if (!this.configFor.has(f.input.path)) this.configFor.set(f.input.path, configs.configFor(abs));
      inputs.push(f.input);
    }
    const results = lintFiles(inputs, {
      rules: this.rules,
      configFor: (display) => this.configFor.get(display)!,
      settings: configs.projectSettings(),
      isTarget: (display) => display === target.input.path,
      maxFileSize: Number.POSITIVE_INFINITY, // each file was read under its own folder's limit
    });
    // The engine answers every input, marking one the config ignores or that is not ours as `skipped`.
    return results[0]?.skipped ? undefined : results[0];
  }

  /** Paths of the files held (for tests and the bench). */
  get size(): number {
    return this.files.size;
  }
}

export { ConfigError };
