import { countResult, type Diagnostic, type LintResult, type Suggestion } from './diagnostics.js';
import { compileConfig, type ConfigMatcher } from './config/resolve.js';
import type { CxlintConfig } from './config/types.js';
import { readDirectives } from './directives.js';
import { mergeEdits } from './fix/text-edits.js';
import { Project, type ProjectContributor, type ProjectSettings } from './model/project.js';
import { extractFacts } from './model/facts.js';
import { parseFile, type KindParsers, type ParsedFile } from './parse/parse-file.js';
import { detectKind, extensionOf, FLOW_EXTENSIONS, isCandidatePath, mistypedFlowTypeKey } from './parse/detect-kind.js';
import { terraformFlows } from './model/terraform.js';
import { withoutTree } from './model/flow-facts.js';
import { dataActionWithoutTree } from './model/data-actions.js';
import { findHclNestingExcess, nestingMessage } from './parse/nesting.js';
import { SourceText } from './source/source-text.js';
import { DEFAULT_MAX_FILE_SIZE, tooLargeMessage, utf8SizeOver } from './source/size-limit.js';
import { checkReport, checkRules } from './rules/check-meta.js';
import type { FileKind } from './diagnostics.js';
import type { ReportDescriptor, Rule, RuleContext } from './rules/rule.js';

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
    const rules = options.rules ? checkedRules(options.rules) : linterRules;
    const rulesById = new Map(rules.map((r) => [r.meta.id, r]));
    const single = options.configFor ? undefined : compileConfig(options.config ?? {}, rules);
    const configFor = options.configFor ?? ((path: string) => ({ matcher: single!, relPath: path }));
    const settings = options.settings ?? options.config?.settings;
    const maxFileSize = options.maxFileSize ?? (typeof settings?.maxFileSize === 'number' ? settings.maxFileSize : DEFAULT_MAX_FILE_SIZE);

    // Facts, not trees: in a large run a flow's or data action's tree is dropped as soon as its facts are out (the project model is
    // built from facts), and a target is parsed again only while its own rules run. A small run (an editor,
    // a test) keeps its trees: parsing twice would cost more than the memory it saves.
    const dropTrees = inputs.length > KEEP_TREES_UP_TO;
    const isTarget = options.isTarget ?? (() => true);
    const factsOnly = (file: ParsedFile, input: LintInput): ParsedFile => {
      if ((file.kind !== 'flow' && file.kind !== 'data-action') || file.errors.length || (!dropTrees && isTarget(input.path))) return file;
      return file.kind === 'flow' ? withoutTree(file) : dataActionWithoutTree(file);
    };
    const parsed: { input: LintInput; file?: ParsedFile; ignored: boolean; tooLargeNotOurs?: boolean }[] = inputs.map((input, i) => {
      options.onProgress?.('parsing', i, inputs.length);
      const { matcher, relPath } = configFor(input.path);
      if (matcher.isIgnored(relPath)) return { input, ignored: true };
      if (input.readError !== undefined || input.text === undefined) return { input, ignored: false };
      // Texts handed over directly (editors, the action, --fix passes) get the same cap as files read from disk.
      const size = utf8SizeOver(input.text, maxFileSize);
      if (size !== undefined) {
        if (detectKind(input.path, input.text.slice(0, 64 * 1024)) === 'unknown') return { input, ignored: false, tooLargeNotOurs: true };
        return { input: { ...input, readError: tooLargeMessage(size, maxFileSize) }, ignored: false };
      }
      if (input.parsed) return { input, file: input.parsed, ignored: false };
      return { input, file: factsOnly(parse(input.path, input.text, undefined, input.prepared), input), ignored: false };
    });
    const projectSettings = options.settings ?? options.config?.settings ?? {};
    let project = Project.fromFacts(parsed.flatMap((p) => (p.file ? [extractFacts(p.file)] : [])), projectSettings, contributors);
    // A YAML file that a `genesyscloud_flow` deploys is a flow whatever its shape: with a mistyped type key it is
    // read as one (flow/flow-type-key reports the key) instead of being passed over as "not ours".
    const deployed = deployedMistypedFlows(parsed, project);
    if (deployed.length) {
      for (const p of deployed) p.file = factsOnly(parse(p.input.path, p.input.text!, 'flow'), p.input);
      project = Project.fromFacts(parsed.flatMap((p) => (p.file ? [extractFacts(p.file)] : [])), projectSettings, contributors);
    }

    const results: LintResult[] = [];
    const targets = options.isTarget ? parsed.filter((p) => options.isTarget!(p.input.path)) : parsed;
    for (const { input, file: known, ignored, tooLargeNotOurs } of targets) {
      options.onProgress?.('linting', results.length, targets.length);
      // A flow or data action whose tree was dropped is parsed again for its own rules, then dropped with this iteration.
      const treeless = known && known.root === null && (known.kind === 'flow' || known.kind === 'data-action') && !known.errors.length && input.text !== undefined && !input.parsed;
      const file = treeless ? parse(input.path, input.text!, known.kind, input.prepared) : known;
      if (ignored || tooLargeNotOurs) {
        results.push(countResult({ filePath: input.path, kind: 'unknown', messages: [], skipped: ignored ? 'ignored' : 'not-ours' }));
        continue;
      }
      if (!file) {
        results.push(readErrorResult(input));
        continue;
      }
      if (file.kind === 'unknown') {
        // An emptied flow or data action is worth a word; other files that are not ours are not reported.
        if (isCandidatePath(input.path) && file.source.text.trim() === '') results.push(emptyFileResult(input.path));
        else results.push(countResult({ filePath: input.path, kind: 'unknown', messages: [], skipped: 'not-ours' }));
        continue;
      }
      const messages = file.errors.length ? parseErrorMessages(file) : runRules(file, project, configFor(input.path).matcher.rulesFor(configFor(input.path).relPath), rulesById);
      results.push(
        countResult({ filePath: input.path, kind: file.kind, messages, ...(options.includeSource ? { source: file.source.text } : {}) }),
      );
    }
    return results;
  }

  /**
   * Like `lintFiles`, after running the asynchronous preparation of kinds that need one (Terraform's HCL parser).
   * The CLI and the action use this.
   */
  async function lintFilesAsync(inputs: readonly LintInput[], options: LintOptions = {}): Promise<LintResult[]> {
    return lintFiles(await Promise.all(inputs.map(prepareInput)), options);
  }

  /**
   * Runs the asynchronous preparation a file's kind needs (Terraform's HCL parser) and returns the input ready
   * for `lintFiles` or `parseFile`: with `prepared`, or with a `readError` when the file is refused (hostile nesting).
   */
  async function prepareInput(input: LintInput): Promise<LintInput> {
    if (input.text === undefined || input.readError !== undefined) return input;
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

  return { rules: linterRules, parsers, contributors, lintText, lintFiles, lintFilesAsync, prepareInput, parseFile: parse };
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
  /** Called before each file is parsed and before each target file's rules run (a progress line on a terminal). */
  onProgress?: (stage: 'parsing' | 'linting', done: number, total: number) => void;
}

/** Up to this many inputs, every target keeps its tree from parse to rules (see `dropTrees` in `lintFiles`). */
const KEEP_TREES_UP_TO = 64;

function deployedMistypedFlows<T extends { input: LintInput; file?: ParsedFile }>(parsed: T[], project: Project): T[] {
  const candidates = parsed.filter((p) => p.file?.kind === 'unknown' && FLOW_EXTENSIONS.includes(extensionOf(p.input.path)) && mistypedFlowTypeKey(p.file.source.text) !== undefined);
  if (!candidates.length || !project.filesOfKind('terraform').length) return [];
  const deployedPaths = new Set(terraformFlows(project).flatMap((f) => (f.target.status === 'resolved' ? f.target.paths : [])));
  return candidates.filter((p) => deployedPaths.has(p.input.path));
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

function runRules(
  file: ParsedFile,
  project: Project,
  enabled: Map<string, { severity: 1 | 2; options: Record<string, unknown> }>,
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
        if (!rule.meta.crossFile) throw new Error(`Rule ${id} reads the project (other files) but its meta does not set crossFile: true`);
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
  return messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
}
