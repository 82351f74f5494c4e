import { distance } from 'fastest-levenshtein';
import { closestKey } from '../participant-data/read-never-set.js';

/**
 * The closest known name when `name` looks like a misspelling of it: the same name in another case, or within
 * `maxEdits` edits (and a third of its length). Unknown names far from every known one return undefined, so
 * names cxlint does not model are never reported as typos.
 */
export function closestKnownName(name: string, known: Iterable<string>, maxEdits = 2): string | undefined {
  const best = closestKey(name, known);
  if (best === undefined || best === name) return undefined;
  return distance(name.toLowerCase(), best.toLowerCase()) <= maxEdits ? best : undefined;
}
