import type { FileKind } from './diagnostics.js';
import type { ParsedFile } from './parse/parse-file.js';

/**
 * The seam to the facts model (CONTRACT-13): until `model/facts.ts` (`FileFacts`, `extractFacts`, `FACTS_VERSION`)
 * and `Project.fromFacts` land, a file's record carries only what the engine itself needs of it, and the project is
 * built from the files' treeless parses. The cache keys on `FACTS_VERSION`, so switching over invalidates old caches.
 */
export const FACTS_VERSION = 0;

export interface FileFacts {
  path: string;
  kind: FileKind;
  /** The file had parse errors: rules did not run on it and it contributes nothing. */
  parseFailed?: true;
}

export function extractFacts(file: ParsedFile): FileFacts {
  return file.errors.length ? { path: file.path, kind: file.kind, parseFailed: true } : { path: file.path, kind: file.kind };
}

/** Whether the project can be built from facts alone (then a cached file is not parsed at all). */
export const PROJECT_FROM_FACTS = false;
