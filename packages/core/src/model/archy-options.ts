import { parseDocument } from 'yaml';
import type { ParsedFile } from '../parse/parse-file.js';
import type { Project, ProjectContributor } from './project.js';

/**
 * Archy `--optionsFile` files (YAML or JSON) named in the config's `settings.archyOptionsFiles`. Archy fills a
 * flow's `{{key}}` placeholders from the file's `substitutions:` map, so those keys are provided to every flow.
 * A file named in the config but not among the files read is ignored (it describes nothing we can check).
 */
export function archyOptionsSubstitutions(project: Project): string[] | undefined {
  return project.index('archy-options:substitutions', (p) => {
    const wanted = (p.settings.archyOptionsFiles as unknown[] | undefined)?.filter((x): x is string => typeof x === 'string') ?? [];
    if (!wanted.length) return undefined;
    let found = false;
    const names = new Set<string>();
    for (const entry of wanted) {
      const path = findProjectPath(p, entry);
      if (path === undefined) continue;
      found = true;
      for (const k of p.factsOf(path)?.archyOptions?.substitutions ?? []) names.add(k);
    }
    return found ? [...names] : undefined;
  });
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Config paths are relative to the config file; project paths to where cxlint runs. Match on the path's tail. */
function findProjectPath(project: Project, entry: string): string | undefined {
  const want = normalize(entry);
  return project.hasPath(want) ? want : project.pathsEndingWith(`/${want}`)[0];
}

const SUBSTITUTIONS_KEY = /(?:^[ \t]*|[{,]\s*)["']?substitutions["']?\s*:/m;

/**
 * The keys of a file's top-level `substitutions` map, read from its text (any file may be named as an options
 * file, whatever kind it was detected as); undefined when it has none. The facts of every file carry them.
 */
export function archyOptionsKeys(file: ParsedFile): string[] | undefined {
  const text = file.source.text;
  // Parsing every file twice would double the cost of a run: only a text where `substitutions` is followed by a
  // colon (a YAML or JSON key, quoted or not) can hold such a map; HCL's `substitutions = {…}` cannot.
  if (!text.includes('substitutions') || !SUBSTITUTIONS_KEY.test(text)) return undefined;
  try {
    // As `yaml.parse` reads it, without printing its warnings: any YAML error means no keys.
    const document = parseDocument(text);
    if (document.errors.length) return undefined;
    const doc = document.toJS() as { substitutions?: unknown } | null;
    const subs = doc?.substitutions;
    const keys = subs && typeof subs === 'object' && !Array.isArray(subs) ? Object.keys(subs) : [];
    return keys.length ? keys : undefined;
  } catch {
    return undefined;
  }
}

/** The `{{key}}` names an Archy options file in the project provides to every flow. */
export const archyOptionsContributor: ProjectContributor = {
  substitutionsFor(_flow: { path: string }, project: Project) {
    return archyOptionsSubstitutions(project);
  },
};
