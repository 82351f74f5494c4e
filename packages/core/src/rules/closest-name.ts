import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean": the candidate nearest to `word` by edit distance, when within `limit` edits. Ties keep the
 * first candidate (document order in the project), so a suggestion is stable between runs.
 */
export function closestByEdits(word: string, candidates: Iterable<string>, limit: number, ignoreCase: boolean): string | undefined {
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const w = norm(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(w, norm(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/**
 * The nearest name (participant key, refId, substitution, variable, data action) when it is near enough to be a
 * plausible typo: at most a third of the name's length (and at least 1), so `customerID` → `customerId` but
 * `ogConversationId` is not matched to `delay`. Case is ignored (same-name-other-case is key-case-drift's
 * business): `CustomerNmae` is two edits from `customerName`.
 */
export function closestKey(key: string, candidates: Iterable<string>): string | undefined {
  return closestByEdits(key, candidates, Math.max(1, Math.floor(key.length / 3)), true);
}

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
