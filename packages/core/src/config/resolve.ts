import picomatch from 'picomatch';
import { severityFromName } from '../diagnostics.js';
import type { Rule } from '../rules/rule.js';
import type { CxlintConfig, Preset, ResolvedRule, RuleEntry } from './types.js';

/** The severities a preset gives each rule; severities live here (and in meta), never in rule code. */
export function presetRules(preset: Preset, rules: readonly Rule[]): Map<string, ResolvedRule> {
  const out = new Map<string, ResolvedRule>();
  for (const r of rules) {
    if (preset === 'recommended' && !r.meta.docs.recommended) continue;
    const options = { ...(r.meta.defaultOptions ?? {}), ...(preset === 'strict' ? r.meta.strictOptions ?? {} : {}) };
    out.set(r.meta.id, { severity: r.meta.severity === 'error' ? 2 : 1, options });
  }
  return out;
}

function applyEntries(target: Map<string, ResolvedRule>, entries: Record<string, RuleEntry> | undefined, known: Map<string, Rule>): void {
  for (const [id, entry] of Object.entries(entries ?? {})) {
    const [sev, opts] = Array.isArray(entry) ? entry : [entry, undefined];
    const severity = severityFromName(sev);
    if (severity === 0) { target.delete(id); continue; }
    const base = target.get(id)?.options ?? { ...(known.get(id)?.meta.defaultOptions ?? {}) };
    target.set(id, { severity, options: opts ? { ...base, ...opts } : base });
  }
}

export interface ConfigMatcher {
  /** Rules in force for a path relative to the config's folder (`/` separated). */
  rulesFor(relPath: string): Map<string, ResolvedRule>;
  isIgnored(relPath: string): boolean;
}

/** One config of a cascade: `prefix` leads from its folder to the nearest config's folder (`` for the nearest). */
export interface ConfigLayer {
  config: CxlintConfig;
  /** `/`-separated, with a trailing `/` unless empty. */
  prefix: string;
}

/** Turns a config into per-file rule sets; unknown rule ids are reported by the loader, not here. */
export function compileConfig(config: CxlintConfig, rules: readonly Rule[]): ConfigMatcher {
  return compileConfigCascade([{ config, prefix: '' }], rules);
}

/**
 * Per-file rule sets of a cascade of configs, outermost first (ESLint's legacy order): each config's presets
 * (`extends`), then its `rules`, then its matching `overrides`, each over everything before it. With no
 * `extends`, the outermost config starts from `recommended` and the others add nothing. A path is ignored
 * when any config's `ignore` matches it. Paths given to the matcher are relative to the nearest config;
 * each config's globs are matched relative to its own folder.
 */
export function compileConfigCascade(layers: readonly ConfigLayer[], rules: readonly Rule[]): ConfigMatcher {
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const opts = { dot: true };
  const compiled = layers.map(({ config, prefix }, i) => ({
    prefix,
    presets: config.extends === undefined ? (i === 0 ? ['recommended' as const] : []) : ([] as Preset[]).concat(config.extends),
    rules: config.rules,
    ignore: config.ignore?.length ? picomatch(config.ignore, opts) : () => false,
    overrides: (config.overrides ?? []).map((o) => ({
      files: picomatch(([] as string[]).concat(o.files), opts),
      excluded: o.excludedFiles ? picomatch(([] as string[]).concat(o.excludedFiles), opts) : () => false,
      rules: o.rules,
    })),
  }));
  const cache = new Map<string, Map<string, ResolvedRule>>();

  return {
    rulesFor(relPath) {
      const matching = compiled.map((l) => l.overrides.filter((o) => o.files(l.prefix + relPath) && !o.excluded(l.prefix + relPath)));
      const key = matching.map((m, i) => m.map((o) => compiled[i].overrides.indexOf(o)).join(',')).join(';');
      let resolved = cache.get(key);
      if (!resolved) {
        resolved = new Map();
        compiled.forEach((l, i) => {
          for (const p of l.presets) for (const [id, r] of presetRules(p, rules)) resolved!.set(id, r);
          applyEntries(resolved!, l.rules, known);
          for (const o of matching[i]) applyEntries(resolved!, o.rules, known);
        });
        cache.set(key, resolved);
      }
      return resolved;
    },
    isIgnored(relPath) {
      return compiled.some((l) => l.ignore(l.prefix + relPath));
    },
  };
}

/** Settings of a cascade, outermost first: each key the nearer config sets replaces the outer one's. */
export function cascadeSettings(configs: readonly CxlintConfig[]): CxlintConfig['settings'] {
  const present = configs.map((c) => c.settings).filter((s) => s !== undefined);
  return present.length <= 1 ? present[0] : Object.assign({}, ...present);
}
