import { parse } from 'yaml';
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
      const file = findProjectFile(p, entry);
      if (!file) continue;
      found = true;
      for (const k of substitutionKeys(file)) names.add(k);
    }
    return found ? [...names] : undefined;
  });
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** Config paths are relative to the config file; project paths to where cxlint runs. Match on the path's tail. */
function findProjectFile(project: Project, entry: string): ParsedFile | undefined {
  const want = normalize(entry);
  return project.file(want) ?? project.files.find((f) => normalize(f.path).endsWith(`/${want}`));
}

function substitutionKeys(file: ParsedFile): string[] {
  try {
    const doc = parse(file.source.text) as { substitutions?: unknown } | null;
    const subs = doc?.substitutions;
    return subs && typeof subs === 'object' && !Array.isArray(subs) ? Object.keys(subs) : [];
  } catch {
    return [];
  }
}

/** The `{{key}}` names an Archy options file in the project provides to every flow. */
export const archyOptionsContributor: ProjectContributor = {
  substitutionsFor(_flow: { path: string }, project: Project) {
    return archyOptionsSubstitutions(project);
  },
};
