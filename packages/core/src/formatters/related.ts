import type { RelatedLocation } from '../diagnostics.js';

/**
 * A finding's related places as lines of text, for outputs that have no field for them (the terminal, workflow
 * commands). A message may say "see the related location"; every output must then show it.
 */
export function relatedLines(related: readonly RelatedLocation[] | undefined): string[] {
  return (related ?? []).map((r) => `Related: ${r.path}:${r.line}:${r.column}: ${r.message}`);
}
