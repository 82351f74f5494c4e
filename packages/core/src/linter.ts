import { countResult, type Diagnostic, type LintResult, type Suggestion } from './diagnostics.js';
import { compileConfig, type ConfigMatcher } from './config/resolve.js';
import type { CxlintConfig } from './config/types.js';
import { readDirectives } from './directives.js';
import { mergeEdits } from './fix/text-edits.js';
import { Project, type ProjectContributor, type ProjectSettings } from './model/project.js';
import { parseFile, type KindParsers, type ParsedFile } from './parse/parse-file.js';
import { detectKind, extensionOf, FLOW_EXTENSIONS, isCandidatePath, mistypedFlowTypeKey } from './parse/detect-kind.js';
import { generatedFilePaths, genesysProviderConstraints, substitutionValues, terraformFlows, terraformIntegrationActions } from './model/terraform.js';
import { dynamicKeyWriters, knownKeys } from './model/participant-keys.js';
import { setAttributeActions } from './model/set-attribute-calls.js';
import { archyOptionsSubstitutions } from './model/archy-options.js';
import { dataActionIndex } from './model/data-actions.js';
import { findHclNestingExcess, nestingMessage } from './parse/nesting.js';
import { SourceText } from './source/source-text.js';
import { DEFAULT_MAX_FILE_SIZE, tooLargeMessage, utf8SizeOver } from './source/size-limit.js';
import { checkReport, checkRules } from './rules/check-meta.js';
import type { FileKind } from './diagnostics.js';
import type { ReportDescriptor, Rule, RuleContext } from './rules/rule.js';
import { extractFacts, type FileFacts } from './model/facts.js';
import { stableText } from './stable-digest.js';

/**
 * The engine, built from explicit lists: what it knows is what it was given, never what happened to be imported.
 * Universal (no `node:` module): the node entry's default linter adds the Terraform parser that loads hcl2json.
 */
export interface LinterOptions {
  /** The rules this linter runs (a config turns them on and off). Checked here: a bad `meta` throws. */
  rules: readonly Rule[];
  /**
   * Parsers for kinds core does not parse itself. Without a `terraform` one, a Terraform file is linted only when
   * its input carries a `prepared` document; otherwise it gets an error that says how to get it parsed.
   */
  parsers?: KindParsers;
  /** Sources of project facts other than flows (data actions that set keys, Terraform substitutions, …). */
  contributors?: readonly ProjectContributor[];
}

export interface Linter {
  readonly rules: readonly Rule[];
  readonly parsers: KindParsers;
  readonly contributors: readonly ProjectContributor[];
  /**
   * Lints one file's text on its own (editors, tests). Cross-file rules see a project of just this file.
   * Always returns a result: a file that is not ours, or that the config ignores, has `skipped` set and no messages.
   */
  lintText(text: string, path: string, options?: LintOptions): LintResult;
  /**
   * Lints a set of files as one project: parse all, build the model, run rules on the targets. Never throws per
   * file. Returns one result per target input (every input unless `isTarget` is given), in input order: files that
   * are not ours or that the config ignores have `skipped` set and no messages.
   */
  lintFiles(inputs: readonly LintInput[], options?: LintOptions): LintResult[];
  /** Like `lintFiles`, after running the asynchronous preparation of kinds that need one (Terraform's HCL parser). */
  lintFilesAsync(inputs: readonly LintInput[], options?: LintOptions): Promise<LintResult[]>;
  /**
   * Runs the asynchronous preparation a file's kind needs (Terraform's HCL parser) and returns the input ready for
   * `lintFiles` or `parseFile`: with `prepared`, or with a `readError` when the file is refused (hostile nesting).
   */
  prepareInput(input: LintInput): Promise<LintInput>;
  /** `parseFile` with this linter's parsers (an editor keeps its workspace parsed and passes `LintInput.parsed`). */
  parseFile(path: string, text: string, kind?: FileKind, prepared?: unknown): ParsedFile;
  /**
   * Pass 1 on one file on its own: parse (with `input.prepared`), facts and (unless `ownRules` is false: a file read only for the project) the rules that read no other file, under the
   * rules `enabled` for it (a config matcher's `rulesFor`). What a worker thread sends back as `LintInput.record`.
   */
  recordOf(input: LintInput, enabled: ReadonlyMap<string, RuleSetting>, ownRules?: boolean): FileRecord;
  /**
   * Pass 2 on one file on its own: its cross-file rules among those `enabled`, over `project` (built with
   * `Project.fromFacts` from every file's record and the run's settings). What a worker thread sends back as `LintInput.cross`.
   */
  crossOf(input: LintInput, kind: FileKind, project: Project, enabled: ReadonlyMap<string, RuleSetting>): Diagnostic[];
}

/** Builds a linter. Throws a clear error when a rule's `meta` is inconsistent (see `checkRules`). */
export function createLinter(linterOptions: LinterOptions): Linter {
  const linterRules = checkRules(linterOptions.rules);
  const parsers: KindParsers = { ...linterOptions.parsers };
  const contributors = [...(linterOptions.contributors ?? [])];
  const parse = (path: string, text: string, kind?: FileKind, prepared?: unknown) => parseFile(path, text, kind, prepared, parsers);
  // Rules given per run (`LintOptions.rules`) are checked once each, like the linter's own.
  const checked = new WeakSet<readonly Rule[]>([linterOptions.rules]);
  const checkedRules = (rules: readonly Rule[]) => {
    if (!checked.has(rules)) {
      checkRules(rules);
      checked.add(rules);
    }
    return rules;
  };

  /**
   * Lints one file's text on its own (editors, tests). Cross-file rules see a project of just this file.
   * Always returns a result: a file that is not ours, or that the config ignores, has `skipped` set and no messages.
   */
  function lintText(text: string, path: string, options: LintOptions = {}): LintResult {
    return lintFiles([{ path, text }], { ...options, isTarget: undefined })[0];
  }

  /**
   * Lints a set of files as one project: parse all, build the model, run rules on the targets. Never throws per file.
   * Returns one result per target input (every input unless `isTarget` is given), in input order: files that are
   * not ours or that the config ignores have `skipped` set and no messages.
   */
  function lintFiles(inputs: readonly LintInput[], options: LintOptions = {}): LintResult[] {
    return lintFilesWith(inputs, options);
  }

  /**
   * `lintFiles`, where the inputs in `unprepared` skipped their asynchronous preparation because the cache holds
   * their text: parsing one of them throws `NeedsPreparation` (see `lintFilesAsync`).
   */
  function lintFilesWith(inputs: readonly LintInput[], options: LintOptions, unprepared?: ReadonlySet<LintInput>): LintResult[] {
    const parseInput = (input: LintInput, kind?: FileKind): ParsedFile => {
      if (unprepared?.has(input)) throw new NeedsPreparation();
      return parse(input.path, input.text!, kind, input.prepared);
    };
    const rules = options.rules ? checkedRules(options.rules) : linterRules;
    const rulesById = new Map(rules.map((r) => [r.meta.id, r]));
    const single = options.configFor ? undefined : compileConfig(options.config ?? {}, rules);
    const configFor = options.configFor ?? ((path: string) => ({ matcher: single!, relPath: path }));
    const settings = options.settings ?? options.config?.settings;
    const maxFileSize = options.maxFileSize ?? (typeof settings?.maxFileSize === 'number' ? settings.maxFileSize : DEFAULT_MAX_FILE_SIZE);
    const cache = options.cache;
    const ruleIds = rules.map((r) => r.meta.id);
    // One key per resolved config (the matcher shares its maps between files), not one per file.
    const configKeys = new WeakMap<Map<string, RuleSetting>, string>();
    const configKey = (enabled: Map<string, RuleSetting>, kind: FileKind | undefined): string => {
      if (kind) return cache!.hash(stableText([kind, ruleIds, [...enabled]]));
      let key = configKeys.get(enabled);
      if (key === undefined) configKeys.set(enabled, (key = cache!.hash(stableText([null, ruleIds, [...enabled]]))));
      return key;
    };

    // Facts, not trees: the project is built from every file's facts, so a tree is dropped as soon as the file's own
    // rules have run and its facts are out, and a target is parsed again only for its cross-file rules. A small run
    // (an editor, a test) keeps its targets' trees: parsing twice would cost more than the memory it saves.
    const keepTrees = inputs.length <= KEEP_TREES_UP_TO;
    const isTarget = options.isTarget ?? (() => true);
    const keptTree = (file: ParsedFile, input: LintInput): ParsedFile | undefined => (keepTrees && isTarget(input.path) ? file : undefined);

    /**
     * Pass 1 on one file: a pure function of its path, text, resolved config and cxlint's version. Parse, take the
     * facts, run the rules that read only this file; or take all of that from the cache when the text and config match.
     */
    const passOne = (entry: Entry, kind?: FileKind): Entry => {
      const { input, enabled } = entry;
      // Only a target's own rules run: every other file is read for its facts alone (the action's repository context,
      // an editor's workspace), which is what keeps re-linting one file in a large workspace fast.
      const target = isTarget(input.path);
      if (input.parsed) return { ...entry, file: input.parsed, record: localRecord(input.parsed, enabled!, rulesById, '', target) };
      const text = input.text!;
      const hash = cache ? cache.hash(text) : '';
      const key = cache ? configKey(enabled!, kind) : '';
      const hit = cache?.get(input.path);
      // A cached file is not parsed: its facts and findings are in the record (pass 2 parses it if it must rerun).
      if (hit && hit.hash === hash && hit.key === key && (hit.record.messages || !target)) return { ...entry, record: hit.record, cached: hit };
      // A record made elsewhere (a worker thread) is a cache miss already linted: no tree here.
      const made = kind === undefined ? input.record : undefined;
      const full = made ? undefined : parseInput(input, kind);
      const record = made ? { ...made, hash } : localRecord(full!, enabled!, rulesById, hash, target);
      const stored: CachedFile = { hash, key, record };
      cache?.set(input.path, stored);
      return { ...entry, file: full && keptTree(full, input), record, cached: cache ? stored : undefined };
    };

    const entries: Entry[] = inputs.map((input, i) => {
      options.onProgress?.('parsing', i, inputs.length);
      const { matcher, relPath } = configFor(input.path);
      if (matcher.isIgnored(relPath)) return { input, ignored: true };
      if (input.readError !== undefined || input.text === undefined) return { input };
      // Texts handed over directly (editors, the action, --fix passes) get the same cap as files read from disk.
      const size = utf8SizeOver(input.text, maxFileSize);
      if (size !== undefined) {
        if (detectKind(input.path, input.text.slice(0, 64 * 1024)) === 'unknown') return { input, tooLargeNotOurs: true };
        return { input: { ...input, readError: tooLargeMessage(size, maxFileSize) } };
      }
      return passOne({ input, enabled: matcher.rulesFor(relPath) });
    });
    const projectSettings = options.settings ?? options.config?.settings ?? {};
    // A file that is ignored, too large or unreadable is not linted, but it exists: its path is a fact (a Terraform
    // `filepath` pointing at it is not "missing").
    const buildProject = () => Project.fromFacts(entries.map((e) => e.record?.facts ?? { path: e.input.path, kind: 'unknown' }), projectSettings, contributors);
    let project = buildProject();
    // A YAML file that a `genesyscloud_flow` deploys is a flow whatever its shape: with a mistyped type key it is
    // read as one (flow/flow-type-key reports the key) instead of being passed over as "not ours".
    const deployed = deployedMistypedFlows(entries, project);
    if (deployed.length) {
      for (const i of deployed) entries[i] = passOne(entries[i], 'flow');
      project = buildProject();
    }

    // Pass 2: the cross-file rules on each target, over the project. A target's cached cross-file findings are reused
    // when every project index they read has the same digest now; otherwise its tree is parsed again and they rerun.
    const reads = trackIndexReads(project);
    // A file's facts are a function of its path, kind and text: in a digest they stand for those, not for their contents.
    const factTokens = new WeakMap<object, string>();
    if (cache) for (const e of entries) if (e.record?.hash) factTokens.set(e.record.facts, `facts(${JSON.stringify(e.record.path)},${e.record.kind},${e.record.hash})`);
    const crossKey = cache ? cache.hash(stableText(projectSettings)) : '';
    const digests = new Map<string, string>();
    const digestNow = (name: string): string | undefined => {
      let d = digests.get(name);
      if (d === undefined) {
        const value = reads.valueOf(name);
        if (value === NOT_BUILT) return undefined;
        d = cache!.hash(stableText(value, factTokens));
        digests.set(name, d);
      }
      return d;
    };
    /** The cached cross-file findings when still right; `undefined` when they must be recomputed; `later` when not known yet. */
    const reusable = (cached: CachedFile | undefined): Diagnostic[] | undefined | 'later' => {
      const cross = cached?.cross;
      if (!cross || cross.key !== crossKey) return undefined;
      let later = false;
      for (const [name, digest] of cross.reads) {
        const now = digestNow(name);
        if (now === undefined) later = true;
        else if (now !== digest) return undefined;
      }
      return later ? 'later' : cross.messages;
    };
    const runCross = (entry: Entry, crossRules: Map<string, RuleSetting>): Diagnostic[] => {
      const { input, file: known } = entry;
      // A file whose tree was dropped (or never parsed: its record came from the cache) is parsed again for its cross-file rules.
      const file = known ?? parseInput(input, entry.record!.kind);
      const { messages, read } = reads.during(() => runRules(file, project, crossRules, rulesById));
      if (entry.cached) entry.cached.cross = { key: crossKey, messages, reads: [...read].flatMap((name) => { const d = digestNow(name); return d === undefined ? [] : [[name, d] as [string, string]]; }) };
      return messages;
    };

    const targets = entries.filter((e) => isTarget(e.input.path));
    const results: LintResult[] = new Array(targets.length);
    const later: { at: number; crossRules: Map<string, RuleSetting> }[] = [];
    const finish = (at: number, cross: Diagnostic[]) => {
      const { input, file, record } = targets[at];
      const own = record!.messages ?? [];
      const messages = cross.length ? sortMessages([...own, ...cross]) : own;
      const source = options.includeSource ? (file?.source.text ?? new SourceText(input.text!).text) : undefined;
      results[at] = countResult({ filePath: input.path, kind: record!.kind, messages, ...(source !== undefined ? { source } : {}) });
    };
    targets.forEach((entry, at) => {
      options.onProgress?.('linting', at, targets.length);
      const { input, record, ignored, tooLargeNotOurs } = entry;
      if (ignored || tooLargeNotOurs) {
        results[at] = countResult({ filePath: input.path, kind: 'unknown', messages: [], skipped: ignored ? 'ignored' : 'not-ours' });
        return;
      }
      if (!record) {
        results[at] = readErrorResult(input);
        return;
      }
      if (record.kind === 'unknown') {
        // An emptied flow or data action is worth a word; other files that are not ours are not reported.
        const text = input.parsed?.source.text ?? input.text!;
        if (isCandidatePath(input.path) && text.trim() === '') results[at] = emptyFileResult(input.path);
        else results[at] = countResult({ filePath: input.path, kind: 'unknown', messages: [], skipped: 'not-ours' });
        return;
      }
      const crossRules = record.facts.parseFailed ? new Map<string, RuleSetting>() : rulesOf(entry.enabled!, rulesById, record.kind, true);
      if (!crossRules.size) return finish(at, []);
      // Worked out elsewhere over a project of the same facts (a worker thread): unless a YAML file was read again as a flow.
      if (input.cross && !deployed.length) return finish(at, input.cross);
      const reused = reusable(entry.cached);
      if (reused === 'later') later.push({ at, crossRules });
      else finish(at, reused ?? runCross(entry, crossRules));
    });
    // Cached findings whose indexes no target had built yet: most are built by now (by the targets that reran).
    // Targets that can be parsed without an asynchronous preparation first: a rerun of one of them may build an index
    // that spares a Terraform file its HCL parse.
    if (unprepared) later.sort((a, b) => Number(unprepared.has(targets[a.at].input)) - Number(unprepared.has(targets[b.at].input)));
    for (const { at, crossRules } of later) {
      const reused = reusable(targets[at].cached);
      finish(at, reused !== undefined && reused !== 'later' ? reused : runCross(targets[at], crossRules));
    }
    return results;
  }

  /**
   * Like `lintFiles`, after running the asynchronous preparation of kinds that need one (Terraform's HCL parser).
   * The CLI and the action use this.
   */
  async function lintFilesAsync(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintResult[]> {
    // With a cache, a Terraform file whose text it holds is usually not parsed at all: its HCL is not prepared
    // (nor the WebAssembly parser loaded) unless the run turns out to need its tree.
    const cache = options.cache;
    const deferred = new Set<LintInput>();
    const ready = await Promise.all(inputs.map((input) => {
      if (!cache || input.text === undefined || input.readError !== undefined || input.prepared !== undefined || input.parsed) return prepareInput(input);
      if (!parsers[detectKind(input.path, input.text)]?.prepare || cache.get(input.path)?.hash !== cache.hash(input.text)) return prepareInput(input);
      deferred.add(input);
      return input;
    }));
    if (deferred.size) {
      try {
        return lintFilesWith(ready, options, deferred);
      } catch (e) {
        if (!(e instanceof NeedsPreparation)) throw e;
      }
    }
    // Every file prepared: the first run's records and findings are in the cache, so this costs little.
    return lintFilesWith(await Promise.all(ready.map((input) => (deferred.has(input) ? prepareInput(input) : input))), options);
  }

  /**
   * Runs the asynchronous preparation a file's kind needs (Terraform's HCL parser) and returns the input ready
   * for `lintFiles` or `parseFile`: with `prepared`, or with a `readError` when the file is refused (hostile nesting).
   */
  async function prepareInput(input: LintInput): Promise<LintInput> {
    // Prepared already (by a worker thread that linted it, or by an editor): the HCL is not parsed twice.
    if (input.text === undefined || input.readError !== undefined || input.prepared !== undefined) return input;
    const kind = detectKind(input.path, input.text);
    const parser = parsers[kind];
    if (!parser?.prepare) return input;
    // The HCL parser's output is walked recursively: refuse hostile nesting before it is built.
    const deep = kind === 'terraform' ? findHclNestingExcess(input.text) : undefined;
    if (deep) {
      const line = new SourceText(input.text).positionAt(deep.offset).line;
      return { path: input.path, readError: nestingMessage(deep.limit), readErrorLine: line };
    }
    try {
      return { ...input, prepared: await parser.prepare(input.path, input.text) };
    } catch (e) {
      return { ...input, prepared: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  const linterRulesById = new Map(linterRules.map((r) => [r.meta.id, r]));
  function recordOf(input: LintInput, enabled: ReadonlyMap<string, RuleSetting>, ownRules = true): FileRecord {
    return localRecord(parse(input.path, input.text ?? '', undefined, input.prepared), enabled, linterRulesById, '', ownRules);
  }

  function crossOf(input: LintInput, kind: FileKind, project: Project, enabled: ReadonlyMap<string, RuleSetting>): Diagnostic[] {
    const crossRules = rulesOf(enabled, linterRulesById, kind, true);
    return crossRules.size ? runRules(parse(input.path, input.text ?? '', kind, input.prepared), project, crossRules, linterRulesById) : [];
  }

  return { rules: linterRules, parsers, contributors, lintText, lintFiles, lintFilesAsync, prepareInput, parseFile: parse, recordOf, crossOf };
}

export interface LintInput {
  /** Path as it should appear in results (relative, `/`-separated, in the action). */
  path: string;
  text?: string;
  /** The file could not be read (too large, binary, bad UTF-8): reported as a fatal message, never dropped. */
  readError?: string;
  readErrorLine?: number;
  /** What an asynchronous kind parser prepared for this file (see `lintFilesAsync`). */
  prepared?: unknown;
  /**
   * This same text already parsed (`linter.parseFile(path, text, undefined, prepared)`): an editor keeps its workspace's
   * files parsed, so re-linting one file re-parses only that one (the models cache their facts per parsed file).
   */
  parsed?: ParsedFile;
  /**
   * This same text's pass-1 record, made elsewhere with `recordOf` under the rules its config enables (a worker
   * thread, see `node/worker-pool.ts`): used like a cache hit, so the file is parsed here only if pass 2 needs its tree.
   */
  record?: FileRecord;
  /**
   * With `record`: this target's cross-file findings, worked out elsewhere (`crossOf`) over a project built from the
   * records of every input of this run with a record, in input order, and the run's settings. A cache does not keep
   * them (it cannot tell what they read): its next run works them out again.
   */
  cross?: Diagnostic[];
}

export interface LintOptions {
  /** Rules for this run; defaults to the linter's rules. */
  rules?: readonly Rule[];
  /** One config for every file (paths matched as given). Ignored when `configFor` is set. */
  config?: CxlintConfig;
  /** Per-file config (the CLI finds the nearest `.cxlint.yml`): a matcher and the path relative to its folder. */
  configFor?: (path: string) => { matcher: ConfigMatcher; relPath: string };
  /** Project facts (known keys, substitutions); defaults to `config.settings`. */
  settings?: ProjectSettings;
  /**
   * Which files to report on. The rest are read only to build the project model (cross-file rules need every
   * flow in the repo). Defaults to all.
   */
  isTarget?: (path: string) => boolean;
  /** Include each file's text in its result (formatters' code frames, GitHub suggestions). */
  includeSource?: boolean;
  /** Texts larger than this many UTF-8 bytes are reported as too large; defaults to `settings.maxFileSize`, then 5 MB. */
  maxFileSize?: number;
  /**
   * Records kept between runs (`--cache`) or between `--fix` passes: a file whose text and config are unchanged is not
   * linted again, and its cross-file findings are reused while the project facts they read are unchanged.
   */
  cache?: LintCache;
  /** Called before each file is parsed and before each target file's rules run (a progress line on a terminal). */
  onProgress?: (stage: 'parsing' | 'linting', done: number, total: number) => void;
}

/** Thrown when a run must parse a file whose asynchronous preparation was skipped (`lintFilesAsync` prepares and reruns). */
class NeedsPreparation extends Error {}

/** Up to this many inputs, every target keeps its tree from parse to rules (see `dropTrees` in `lintFiles`). */
const KEEP_TREES_UP_TO = 64;

export type RuleSetting = { severity: 1 | 2; options: Record<string, unknown> };

/**
 * What pass 1 makes of one file, a pure function of (path, text, the file's resolved config, cxlint version):
 * plain data, so a cache can store it and a later run can skip the file.
 */
export interface FileRecord {
  path: string;
  kind: FileKind;
  /** The content hash the record was made from (empty when no cache hashes texts). */
  hash: string;
  facts: FileFacts;
  /**
   * The findings of the rules that read only this file (or its parse errors), sorted by line, column and rule.
   * Absent when the file was read only for the project (not a target): its own rules did not run.
   */
  messages?: Diagnostic[];
}

/**
 * Where `lintFiles` keeps pass-1 records and pass-2 findings between runs (`--cache`, the `--fix` passes). The engine
 * checks hashes and keys; the store only keeps entries by path (and hashes, so the universal entry needs no crypto).
 */
export interface LintCache {
  /** A digest of a text: the content hash of a file, or of the stable form of a key (sha1 on node). */
  hash(text: string): string;
  get(path: string): CachedFile | undefined;
  /** Stores an entry; the engine fills its `cross` later in the same run (the store keeps the object it was given). */
  set(path: string, entry: CachedFile): void;
}

export interface CachedFile {
  /** Content hash of the text the record was made from. */
  hash: string;
  /** Digest of the rest of what the record depends on: the rules known, those enabled with their options, a forced kind. */
  key: string;
  record: FileRecord;
  /** The cross-file rules' findings on this file, and the digest of each project index they read. */
  cross?: { key: string; messages: Diagnostic[]; reads: [name: string, digest: string][] };
}

interface Entry {
  input: LintInput;
  ignored?: boolean;
  tooLargeNotOurs?: boolean;
  enabled?: Map<string, RuleSetting>;
  /** The file's tree, kept from pass 1 to pass 2 in a small run (or given by the caller as `LintInput.parsed`). */
  file?: ParsedFile;
  record?: FileRecord;
  /** The cache entry behind the record, filled with the cross-file findings in pass 2. */
  cached?: CachedFile;
}

/** Pass 1's record of a parsed file: its facts, and (with `ownRules`) the findings of its rules that read no other file. */
function localRecord(file: ParsedFile, enabled: ReadonlyMap<string, RuleSetting>, rulesById: Map<string, Rule>, hash: string, ownRules = true): FileRecord {
  const facts = extractFacts(file);
  if (!ownRules) return { path: file.path, kind: file.kind, hash, facts };
  const messages = file.kind === 'unknown' ? [] : file.errors.length ? parseErrorMessages(file) : runRules(file, undefined, rulesOf(enabled, rulesById, file.kind, false), rulesById);
  // A bug in a fact extractor leaves the file out of the project: say so on the file, never a silent gap.
  if (facts.extractError) messages.unshift({ ruleId: null, severity: 2, message: facts.extractError, line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] });
  return { path: file.path, kind: file.kind, hash, facts, messages };
}

/** The enabled rules that apply to a kind and read other files (`crossFile`), or those that do not. */
function rulesOf(enabled: ReadonlyMap<string, RuleSetting>, rulesById: Map<string, Rule>, kind: FileKind, crossFile: boolean): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  for (const [id, setting] of enabled) {
    const rule = rulesById.get(id);
    if (rule && rule.meta.kinds.includes(kind) && !!rule.meta.crossFile === crossFile) out.set(id, setting);
  }
  return out;
}

/** Findings in the order every run gives them: by line, column and rule (stable, so one rule's order is kept). */
function sortMessages(messages: Diagnostic[]): Diagnostic[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
}

const NOT_BUILT = Symbol('not built');
/** The model's project-wide indexes (see `trackIndexReads`); an index missing here only costs a rerun. */
const MODEL_INDEXES: readonly ((project: Project) => unknown)[] = [
  terraformFlows, generatedFilePaths, genesysProviderConstraints, terraformIntegrationActions, dataActionIndex,
  setAttributeActions, knownKeys, dynamicKeyWriters, archyOptionsSubstitutions,
];

/** The name under which a direct read of `project.facts` is recorded. */
const ALL_FACTS = 'project.facts';

/**
 * Records which project indexes a piece of work reads (`Project.onIndexRead`: a target's cross-file findings depend
 * on its own text, its config, and those indexes), and gives an index's value by name without a rule: the ones read
 * so far in this run, and those the project answers by name (path lookups, kinds, keys, a flow's substitutions).
 * Any other index not built yet is `NOT_BUILT`: the target's rules rerun, and build it for the targets after it.
 */
function trackIndexReads(project: Project): { during<T>(work: () => T): { messages: T; read: Set<string> }; valueOf(name: string): unknown } {
  const values = new Map<string, unknown>();
  let sink: Set<string> | undefined;
  // Whoever built the project may be listening too (a test, a language server): both hear every read.
  const listener = project.onIndexRead;
  project.onIndexRead = (name, value) => {
    listener?.(name, value);
    values.set(name, value);
    sink?.add(name);
  };
  // A rule may also read every file's facts directly (`project.facts`, as tests and third-party rules do): that read
  // depends on the whole project. (The project's own index builders read it too; then it is recorded with the index.)
  const facts = project.facts;
  Object.defineProperty(project, 'facts', {
    configurable: true,
    enumerable: true,
    get() {
      values.set(ALL_FACTS, facts);
      sink?.add(ALL_FACTS);
      return facts;
    },
  });
  let warmedUp = false;
  const byName: [RegExp, (arg: string) => unknown][] = [
    [/^project\.facts$/, () => facts],
    [/^path:(.*)$/s, (path) => project.hasPath(path)],
    [/^paths-ending:(.*)$/s, (suffix) => project.pathsEndingWith(suffix)],
    [/^facts:(.*)$/s, (path) => project.factsOf(path)],
    [/^kind:(.*)$/s, (kind) => project.filesOfKind(kind as FileKind)],
    [/^has-kind:(.*)$/s, (kind) => project.hasFilesOfKind(kind as FileKind)],
    [/^participant-keys-set$/, () => project.participantKeysSet()],
    [/^participant-keys-read$/, () => project.participantKeysRead()],
    // Per-flow indexes are read only by that flow's own rules: build them here rather than rerun its rules to get them.
    [/^substitutions:(.*)$/s, (path) => project.substitutionsFor({ path })],
    [/^terraform:substitution-values:(.*)$/s, (path) => substitutionValues(project, { path })],
  ];
  return {
    during(work) {
      const outer = sink;
      sink = new Set();
      try {
        return { messages: work(), read: sink };
      } finally {
        sink = outer;
      }
    },
    valueOf(name) {
      if (values.has(name)) return values.get(name);
      for (const [pattern, build] of byName) {
        const m = pattern.exec(name);
        if (m) return build(m[1]);
      }
      if (!warmedUp) {
        // The model's project-wide indexes, built once by their own functions, so that a cached finding that read one
        // is checked without rerunning (and, for Terraform, re-parsing) a file to build it. Each reports its reads.
        warmedUp = true;
        for (const build of MODEL_INDEXES) {
          try {
            build(project);
          } catch {
            /* the rule that reads it reports the error when it reruns */
          }
        }
        if (values.has(name)) return values.get(name);
      }
      return NOT_BUILT;
    },
  };
}

/** Indexes (into `entries`) of YAML files read as not ours that a `genesyscloud_flow` deploys: they are flows. */
function deployedMistypedFlows(entries: Entry[], project: Project): number[] {
  const candidates = entries.flatMap((e, i) => (e.record?.kind === 'unknown' && e.input.text !== undefined && !e.input.parsed && FLOW_EXTENSIONS.includes(extensionOf(e.input.path)) && mistypedFlowTypeKey(new SourceText(e.input.text).text) !== undefined ? [i] : []));
  if (!candidates.length || !project.filesOfKind('terraform').length) return [];
  const deployedPaths = new Set(terraformFlows(project).flatMap((f) => (f.target.status === 'resolved' ? f.target.paths : [])));
  return candidates.filter((i) => deployedPaths.has(entries[i].input.path));
}

function readErrorResult(input: LintInput): LintResult {
  const line = input.readErrorLine ?? 1;
  return countResult({
    filePath: input.path,
    kind: 'unknown',
    messages: [{ ruleId: null, severity: 2, fatal: true, message: input.readError ?? 'File could not be read.', line, column: 1, endLine: line, endColumn: 1, range: [0, 0] }],
  });
}

function emptyFileResult(path: string): LintResult {
  return countResult({
    filePath: path,
    kind: 'unknown',
    messages: [{ ruleId: null, severity: 1, message: 'File is empty: there is no flow, data action or Terraform in it to lint.', line: 1, column: 1, endLine: 1, endColumn: 1, range: [0, 0] }],
  });
}

/**
 * A range inside the text, start before end. Parsers report past the end of a truncated file (the yaml package
 * gives `[length, length + 1]` for a missing quote), and a line that does not exist is a 422 from GitHub.
 */
function clampRange(range: readonly [number, number], length: number): [number, number] {
  const start = Math.min(Math.max(0, range[0] || 0), length);
  return [start, Math.min(Math.max(start, range[1] || 0), length)];
}

function parseErrorMessages(file: ParsedFile): Diagnostic[] {
  return file.errors.map((problem) => {
    const e = { ...problem, range: clampRange(problem.range, file.source.text.length) };
    const start = file.source.positionAt(e.range[0]);
    const end = file.source.positionAt(e.range[1]);
    return {
      ruleId: null,
      severity: 2,
      fatal: true,
      message: `Parse error: ${e.message}`,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      range: e.range,
    };
  });
}

function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  // Single pass, so `{{…}}` inside data (flow substitutions!) is never re-expanded.
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** Runs the given rules on one file (its directives apply). `project` is undefined in pass 1, where no rule may read it. */
function runRules(
  file: ParsedFile,
  project: Project | undefined,
  enabled: Map<string, RuleSetting>,
  rulesById: Map<string, Rule>,
): Diagnostic[] {
  const messages: Diagnostic[] = [];
  const directives = readDirectives(file);
  const text = file.source.text;
  for (const [id, setting] of enabled) {
    const rule = rulesById.get(id);
    if (!rule || !rule.meta.kinds.includes(file.kind)) continue;
    const context: RuleContext = {
      ruleId: id,
      file,
      get project(): Project {
        if (!rule.meta.crossFile || !project) throw new Error(`Rule ${id} reads the project (other files) but its meta does not set crossFile: true`);
        return project;
      },
      text,
      options: setting.options,
      report(d: ReportDescriptor) {
        const range = clampRange(d.range ?? d.node?.range ?? [0, 0], text.length);
        const start = file.source.positionAt(range[0]);
        if (directives.isDisabled(id, start.line)) return;
        const end = file.source.positionAt(range[1]);
        const template = rule.meta.messages[d.messageId];
        if (template === undefined) throw new Error(`Rule ${id} reported unknown messageId "${d.messageId}"`);
        checkReport(rule, d);
        const diagnostic: Diagnostic = {
          ruleId: id,
          severity: setting.severity,
          message: interpolate(template, d.data),
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          range: [range[0], range[1]],
          messageId: d.messageId,
        };
        if (d.related?.length) diagnostic.related = d.related.map((r) => ({ ...r }));
        if (d.identity) diagnostic.identity = d.identity;
        if (d.fix) diagnostic.fix = mergeEdits(text, d.fix);
        if (d.suggest?.length) {
          diagnostic.suggestions = d.suggest.map(
            (s): Suggestion => ({ messageId: s.messageId, desc: interpolate(rule.meta.messages[s.messageId] ?? s.messageId, s.data), fix: mergeEdits(text, s.fix) }),
          );
        }
        messages.push(diagnostic);
      },
    };
    try {
      rule.check(context);
    } catch (e) {
      // One broken rule must not hide the others' findings.
      messages.push({
        ruleId: id,
        severity: 2,
        message: `Internal error in rule ${id}: ${(e as Error)?.message ?? String(e)}. Please report it; other rules still ran.`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        range: [0, 0],
      });
    }
  }
  return sortMessages(messages);
}
