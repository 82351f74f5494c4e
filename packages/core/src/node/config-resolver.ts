import { dirname, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { cascadeSettings, compileConfigCascade, type ConfigMatcher } from '../config/resolve.js';
import { configCascade, loadConfigFile } from '../config/load.js';
import type { LoadedConfig, RuleEntry } from '../config/types.js';
import type { Rule } from '../rules/rule.js';
import type { ProjectSettings } from '../model/project.js';

export interface ConfigEntry {
  loaded: LoadedConfig;
  matcher: ConfigMatcher;
}

export interface ConfigResolver {
  /** The config in force for a file (absolute path): the explicit one, or its folder's cascade. */
  entryFor(absPath: string): ConfigEntry;
  /** `lintFiles`' `configFor`: the matcher and the path relative to the config's folder. */
  configFor(absPath: string): { matcher: ConfigMatcher; relPath: string };
  /** Config files read so far (absolute), or the explicit one. */
  configFiles(): string[];
  /** Project facts (known keys, substitutions) over every config read so far. */
  projectSettings(): ProjectSettings | undefined;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** What the command line adds over every config file (`--rule`, `--ignore-pattern`, `--no-ignore`). */
export interface CommandLineConfig {
  /** Over every config, as ESLint's `--rule`. */
  rules?: Record<string, RuleEntry>;
  /** Globs relative to the working folder, as ESLint's `--ignore-pattern`. */
  ignorePatterns?: string[];
  /** Ignore no file: neither configs' `ignore` nor `ignorePatterns` (ESLint's `--no-ignore`). */
  noIgnore?: boolean;
}

/**
 * Config per folder, as `lintPaths` and the language server resolve it: the nearest file over its ancestors (each
 * config file read once, each cascade compiled once), or one explicit config for every file.
 * Throws `ConfigError` for an invalid config file.
 */
export function createConfigResolver(options: { cwd: string; rules: readonly Rule[]; explicit?: LoadedConfig; commandLine?: CommandLineConfig }): ConfigResolver {
  const { cwd, rules, explicit, commandLine = {} } = options;
  /** The configs of a cascade (outermost first) plus the command line's layer, compiled. */
  const compile = (chain: readonly LoadedConfig[], nearestDir: string) => {
    const layers = chain.map((l) => ({ config: l.config, prefix: toPosix(relative(l.baseDir, nearestDir)).replace(/(?<=.)$/, '/') }));
    if (!layers.length) layers.push({ config: {}, prefix: '' }); // the built-in default: recommended
    if (commandLine.rules) layers.push({ config: { extends: [], rules: commandLine.rules }, prefix: '' });
    const matcher = compileConfigCascade(commandLine.noIgnore ? layers.map((l) => ({ ...l, config: { ...l.config, ignore: undefined } })) : layers, rules);
    if (commandLine.noIgnore || !commandLine.ignorePatterns?.length) return matcher;
    // --ignore-pattern globs are relative to the working folder, which may sit below the config's folder.
    const ignored = picomatch(commandLine.ignorePatterns, { dot: true });
    return {
      rulesFor: (relPath: string) => matcher.rulesFor(relPath),
      isIgnored: (relPath: string) => matcher.isIgnored(relPath) || ignored(toPosix(relative(cwd, join(nearestDir, relPath)))),
    };
  };
  const files = new Map<string, LoadedConfig>();
  const load = (file: string) => {
    if (!files.has(file)) files.set(file, loadConfigFile(file, rules));
    return files.get(file)!;
  };
  const loaded = new Map<string, ConfigEntry>();
  const dirEntry = new Map<string, ConfigEntry>();
  const defaultEntry = { loaded: { config: {}, baseDir: cwd } as LoadedConfig, matcher: compile([], cwd) };
  const entryFor = (abs: string): ConfigEntry => {
    if (explicit) {
      const key = explicit.filePath ?? '<given>';
      if (!loaded.has(key)) loaded.set(key, { loaded: explicit, matcher: compile([explicit], explicit.baseDir) });
      return loaded.get(key)!;
    }
    const dir = dirname(abs);
    let entry = dirEntry.get(dir);
    if (!entry) {
      const chain = configCascade(dir, (f) => load(f).config).reverse().map(load);
      if (!chain.length) entry = defaultEntry;
      else {
        const key = chain.map((l) => l.filePath).join('\0');
        if (!loaded.has(key)) {
          const nearest = chain[chain.length - 1];
          // The merged settings are the nearest config's as far as the file is concerned (maxFileSize, lists).
          const merged: LoadedConfig = { ...nearest, config: { ...nearest.config, settings: cascadeSettings(chain.map((l) => l.config)) } };
          loaded.set(key, { loaded: merged, matcher: compile(chain, nearest.baseDir) });
        }
        entry = loaded.get(key)!;
      }
      dirEntry.set(dir, entry);
    }
    return entry;
  };
  return {
    entryFor,
    configFor(abs) {
      const entry = entryFor(abs);
      return { matcher: entry.matcher, relPath: toPosix(relative(entry.loaded.baseDir, abs)) };
    },
    configFiles: () => (explicit ? [...loaded.keys()] : [...files.keys()]),
    // Project facts describe the whole repository, so every config's lists count. (Each config file read, not
    // each cascade's merged settings: there a nearer list replaces an outer one.)
    projectSettings: () => (explicit ? explicit.config.settings : mergeProjectSettings([...files.values()].map((l) => l.config.settings))),
  };
}

/** Unions the list settings of several configs; for other settings the first config that sets one wins. */
export function mergeProjectSettings(all: (Record<string, unknown> | undefined)[]): Record<string, unknown> | undefined {
  const present = all.filter((s): s is Record<string, unknown> => !!s);
  if (present.length <= 1) return present[0];
  const out: Record<string, unknown> = {};
  for (const s of present) {
    for (const [k, v] of Object.entries(s)) {
      if (Array.isArray(v)) out[k] = [...new Set([...((out[k] as unknown[]) ?? []), ...v])];
      else if (!(k in out)) out[k] = v;
    }
  }
  return out;
}
