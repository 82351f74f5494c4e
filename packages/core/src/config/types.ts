import type { SeverityName } from '../diagnostics.js';
import type { ProjectSettings } from '../model/project.js';

export type RuleSeverity = SeverityName | 0 | 1 | 2;
export type RuleEntry = RuleSeverity | [RuleSeverity] | [RuleSeverity, Record<string, unknown>];
/**
 * `recommended`: what breaks or is very likely to break on the platform. `strict`: every rule, with hygiene
 * findings on (each rule's `strictOptions`). `all`: every rule at its default options.
 */
export type Preset = 'recommended' | 'strict' | 'all';

/** The shape of `.cxlint.yml` / `.cxlint.json` (its JSON Schema is in @cxlint/schema). */
export interface CxlintConfig {
  root?: boolean;
  extends?: Preset | Preset[];
  rules?: Record<string, RuleEntry>;
  ignore?: string[];
  overrides?: { files: string | string[]; excludedFiles?: string | string[]; rules?: Record<string, RuleEntry> }[];
  settings?: ProjectSettings & { archyOptionsFiles?: string[]; maxFileSize?: number };
}

/** A config plus where it came from (globs in it are relative to `baseDir`). */
export interface LoadedConfig {
  config: CxlintConfig;
  /** Absolute folder of the config file, or the working folder for the built-in default. */
  baseDir: string;
  /** The file it was read from; undefined for the built-in default. */
  filePath?: string;
}

export interface ResolvedRule {
  severity: 1 | 2;
  options: Record<string, unknown>;
}
