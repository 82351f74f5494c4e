import type { FileKind } from '../diagnostics.js';
import type { ParsedFile } from '../parse/parse-file.js';
import { archyOptionsKeys } from './archy-options.js';
import { dataActionFileFacts, terraformDataActionFacts, type DataActionFileFacts } from './data-actions.js';
import { flowFacts, type FlowFacts } from './flow-facts.js';
import { extractTerraformFacts, type TerraformFacts } from './terraform.js';

export { FACTS_VERSION } from './facts-version.js';

/**
 * Everything the project model needs of one file, extracted from its tree once: plain JSON (no Map, Set, class,
 * function or `undefined`), so a JSON round trip gives the same value and a cache can store it. The project
 * (`Project.fromFacts`) is built from these alone; no other file's tree is ever read by a cross-file rule.
 *
 * Every file the linter was given has facts, whatever its kind: a file that is not ours still has a path, and a
 * Terraform `filepath` or an Archy options file named in the config is resolved against the paths.
 */
export interface FileFacts {
  /** As given to the linter (relative to the project root, `/` separated). */
  path: string;
  kind: FileKind;
  /** The file had parse errors: it contributes its path and nothing else (as the tree-based model did). */
  parseFailed?: true;
  /**
   * Reading the facts failed (a bug in an extractor): the file contributes its path and nothing else, and this
   * message is there for the engine to report on the file (never a silent gap in the project).
   */
  extractError?: string;
  /** A flow: participant-data keys set and read, dynamic keys, Call Data Actions with literal inputs. */
  flow?: FlowFacts;
  /** An exported data-action JSON file: its action and the participant-data keys it sets. */
  dataAction?: DataActionFileFacts;
  /** A Terraform file: flows, variables, module arguments, generated files, integration actions, provider constraints. */
  terraform?: TerraformFacts;
  /** A YAML or JSON file with a top-level `substitutions` map (what an Archy `--optionsFile` provides). */
  archyOptions?: { substitutions: string[] };
}

const extracted = new WeakMap<ParsedFile, FileFacts>();

/** The facts of one parsed file, reading its tree once for its kind (memoised per parsed file). */
export function extractFacts(file: ParsedFile): FileFacts {
  let facts = extracted.get(file);
  if (!facts) extracted.set(file, (facts = extractFileFacts(file)));
  return facts;
}

function extractFileFacts(file: ParsedFile): FileFacts {
  const facts: FileFacts = { path: file.path, kind: file.kind };
  // Any file may be named as an Archy options file in the config (they are read as text, whatever their kind).
  const options = archyOptionsKeys(file);
  if (options) facts.archyOptions = { substitutions: options };
  if (file.errors.length) {
    facts.parseFailed = true;
    return facts;
  }
  try {
    if (file.kind === 'flow') facts.flow = flowFacts(file);
    else if (file.kind === 'data-action') facts.dataAction = dataActionFileFacts(file);
    else if (file.kind === 'terraform') {
      const terraform = extractTerraformFacts(file, terraformDataActionFacts);
      if (terraform) facts.terraform = terraform;
    }
  } catch (e) {
    // A bug in one extractor must not stop the run: the file contributes nothing, and says why.
    return { path: file.path, kind: file.kind, ...(facts.archyOptions ? { archyOptions: facts.archyOptions } : {}), extractError: `Internal error while reading the facts of ${file.path}: ${(e as Error)?.message ?? String(e)}. Please report it.` };
  }
  return facts;
}
