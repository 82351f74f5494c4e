/**
 * The version of the `FileFacts` shape (model/facts.ts). Bumped whenever what `extractFacts` returns changes (a
 * field added, renamed, or read differently), so a cache keyed on it never hands old facts to a newer model.
 * In a module of its own: the CLI reads it for the cache file without loading the model.
 */
export const FACTS_VERSION = 2;
