import picomatch from 'picomatch';
import { severityFromName } from '../diagnostics.js';
import type { Rule } from '../rules/rule.js';
import type { CxlintConfig, Preset, ResolvedRule, RuleEntry } from './types.js';

/** The severities a preset gives each rule; severities live here (and in meta), never in rule code. */
export function presetRules(preset: Preset, rules: readonly Rule[]): Map<string, ResolvedRule> {
  const out = new Map<string, ResolvedRule>();
  for (const r of rules) {
    if (preset === 'recommended' && !r.meta.docs.recommended) continue;
    out.set(r.meta.id, { severity: r.meta.severity === 'error' ? 2 : 1, options: { ...(r.meta.defaultOptions ?? {}) } });
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

/** Turns a config into per-file rule sets; unknown rule ids are reported by the loader, not here. */
export function compileConfig(config: CxlintConfig, rules: readonly Rule[]): ConfigMatcher {
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const presets = config.extends === undefined ? ['recommended' as const] : ([] as Preset[]).concat(config.extends);
  const base = new Map<string, ResolvedRule>();
  for (const p of presets) for (const [id, r] of presetRules(p, rules)) base.set(id, r);
  applyEntries(base, config.rules, known);

  const opts = { dot: true };
  const ignore = config.ignore?.length ? picomatch(config.ignore, opts) : () => false;
  const overrides = (config.overrides ?? []).map((o) => ({
    files: picomatch(([] as string[]).concat(o.files), opts),
    excluded: o.excludedFiles ? picomatch(([] as string[]).concat(o.excludedFiles), opts) : () => false,
    rules: o.rules,
  }));
  const cache = new Map<string, Map<string, ResolvedRule>>();

  return {
    rulesFor(relPath) {
      const matching = overrides.filter((o) => o.files(relPath) && !o.excluded(relPath));
      if (matching.length === 0) return base;
      const key = matching.map((o) => overrides.indexOf(o)).join(',');
      let resolved = cache.get(key);
      if (!resolved) {
        resolved = new Map(base);
        for (const o of matching) applyEntries(resolved, o.rules, known);
        cache.set(key, resolved);
      }
      return resolved;
    },
    isIgnored(relPath) {
      return ignore(relPath);
    },
  };
}
