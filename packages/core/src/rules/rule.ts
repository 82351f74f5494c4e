import type { FileKind, RelatedLocation, TextEdit } from '../diagnostics.js';
import type { Project } from '../model/project.js';
import type { Node, Range } from '../parse/nodes.js';
import type { ParsedFile } from '../parse/parse-file.js';

export const DOCS_BASE = 'https://github.com/cxlint/cxlint/blob/main/docs/rules/';

export interface RuleMeta {
  /** `area/name`; the module lives at `src/rules/<area>/<name>.ts`, its doc at `docs/rules/<area>/<name>.md`. */
  id: string;
  description: string;
  /** Severity in the `recommended` preset. Rules never hard-code severities elsewhere. */
  severity: 'error' | 'warn';
  /** File kinds the rule runs on. */
  kinds: FileKind[];
  /** True when some reports carry an automatic, safe fix. */
  fixable?: boolean;
  /** True when some reports carry suggestions (fixes a human should choose). */
  hasSuggestions?: boolean;
  /** True when the rule reads other files through `context.project` (reports only on linted files). */
  crossFile?: boolean;
  docs: { url: string; recommended: boolean };
  /** Message templates by id; `{{name}}` is replaced from the report's `data`. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options object, if it takes any. */
  schema?: Record<string, unknown>;
  /** Default options (the `recommended` and `all` presets). */
  defaultOptions?: Record<string, unknown>;
  /**
   * Options the `strict` preset sets over the defaults: the hygiene findings `recommended` leaves out because
   * they do not break anything on the platform (unquoted substitutions whose value cannot change the YAML, …).
   */
  strictOptions?: Record<string, unknown>;
}

export interface SuggestionDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  fix: TextEdit | TextEdit[];
}

export interface ReportDescriptor {
  /** Where: a node or an explicit range (offsets into the file's text). */
  node?: Node;
  range?: Range;
  messageId: string;
  data?: Record<string, string | number>;
  /** A safe automatic fix: applied by `--fix`, posted as a suggestion on PRs. */
  fix?: TextEdit | TextEdit[] | null;
  suggest?: SuggestionDescriptor[];
  /** Other places that explain the finding (never named in its message: see `RelatedLocation`). */
  related?: RelatedLocation[];
  /**
   * Text of this file that tells this finding from others of its kind when the flagged text does not (a
   * `callData` key flags every Call Data Action alike; the action's name does not). Part of the fingerprint, so
   * a sibling added above does not take over an existing finding's identity. Never text from another file.
   */
  identity?: string;
}

export interface RuleContext {
  readonly ruleId: string;
  readonly file: ParsedFile;
  readonly project: Project;
  /** Text of the file being linted (BOM stripped). */
  readonly text: string;
  readonly options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/** Small helper so rule modules read as declarations. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
