import type { FileKind } from '../diagnostics.js';
import { SourceText } from '../source/source-text.js';
import { detectKind } from './detect-kind.js';
import type { Node } from './nodes.js';
import { parseJson } from './parse-json.js';
import { parseYaml, type ParseProblem } from './parse-yaml.js';
import type { Placeholder } from './substitutions.js';
import { terraformDocumentParser } from './terraform-document.js';

export interface ParsedFile {
  /** As given by the caller (relative to the project root, `/` separated, for the GitHub action). */
  path: string;
  kind: FileKind;
  source: SourceText;
  root: Node | null;
  placeholders: Placeholder[];
  /** Syntax errors; when non-empty, rules do not run on this file. */
  errors: ParseProblem[];
  directiveComments: { offset: number; text: string }[];
  /** Filled by kind-specific parsers that need more than a node tree (Terraform). */
  extra?: Record<string, unknown>;
}

/**
 * A parser for a kind core does not parse itself (Terraform). It may need an asynchronous step
 * (the HCL parser is WebAssembly): `prepare` runs first, in `lintFilesAsync`, and its result is handed to `parse`.
 */
export interface KindParser {
  prepare?(path: string, text: string): Promise<unknown>;
  parse(file: ParsedFile, prepared: unknown): void;
}

/** Parsers for the kinds core does not parse itself, given to `createLinter` (never registered by an import). */
export type KindParsers = Partial<Record<FileKind, KindParser>>;

/**
 * The file without its tree: path, kind, text and errors. What the project keeps of a file once its facts are out
 * (`model/flow-facts`, `model/data-actions`); the tree-based models' caches, keyed by the full file, go with it.
 */
export function treelessCopy(file: ParsedFile): ParsedFile {
  return { path: file.path, kind: file.kind, source: file.source, root: null, placeholders: [], errors: file.errors, directiveComments: [] };
}

/** What every linter can do without being given a parser: attach a Terraform document prepared elsewhere. */
const DEFAULT_PARSERS: KindParsers = { terraform: terraformDocumentParser };

/**
 * The one parser entry: raw text in, a file with a positioned tree (or positioned errors) out. Never throws.
 * Flows and data actions are parsed here; other kinds by `parsers` (a Terraform file's `prepared` document is
 * attached without one).
 */
export function parseFile(path: string, raw: string, kind?: FileKind, prepared?: unknown, parsers: KindParsers = DEFAULT_PARSERS): ParsedFile {
  const source = new SourceText(raw);
  const text = source.text;
  const file: ParsedFile = {
    path,
    kind: kind ?? detectKind(path, text),
    source,
    root: null,
    placeholders: [],
    errors: [],
    directiveComments: [],
  };
  try {
    if (file.kind === 'flow') {
      const y = parseYaml(text);
      Object.assign(file, { root: y.root, placeholders: y.placeholders, errors: y.errors, directiveComments: y.comments });
    } else if (file.kind === 'data-action') {
      const j = parseJson(text);
      Object.assign(file, { root: j.root, errors: j.errors });
      // A data action file is one exported action (an object); rules that expect one would find nothing in an
      // array and the file would pass unchecked.
      if (!j.errors.length && j.root && j.root.type !== 'map') {
        file.errors.push({
          message: notOneDataAction(j.root.type === 'seq' ? j.root.items.length : undefined),
          range: [j.root.range[0], j.root.range[0] + 1],
        });
      }
    } else if (file.kind !== 'unknown') {
      const parser = parsers[file.kind] ?? DEFAULT_PARSERS[file.kind];
      if (parser) parser.parse(file, prepared);
      else file.errors.push({ message: `no parser for ${file.kind} files was given to this linter, so nothing in it was checked.`, range: [0, 0] });
    }
  } catch (e) {
    file.errors.push({ message: `Could not parse: ${(e as Error)?.message ?? e}`, range: [0, 0] });
  }
  return file;
}

/** Why a data-action file whose JSON root is not an object was not checked: a whole sentence for each case. */
function notOneDataAction(arrayItems: number | undefined): string {
  if (arrayItems === undefined) {
    return "A data action file holds one data action, a JSON object with `contract` and `config`; this file's root is a single value, so nothing in it was checked. Keep one data action per file, as Genesys Cloud exports them.";
  }
  if (arrayItems === 1) {
    return "A data action file holds one data action, a JSON object with `contract` and `config`; this file's root is an array of 1 item, so nothing in it was checked. Keep one data action per file, as Genesys Cloud exports them.";
  }
  return `A data action file holds one data action, a JSON object with \`contract\` and \`config\`; this file's root is an array of ${arrayItems} items, so nothing in it was checked. Keep one data action per file, as Genesys Cloud exports them.`;
}
