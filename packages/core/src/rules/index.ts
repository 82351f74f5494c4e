import type { Rule } from './rule.js';
import literalKey from './participant-data/literal-key.js';
import keyLooksLikeVariable from './participant-data/key-looks-like-variable.js';
import readNeverSet from './participant-data/read-never-set.js';
import keyCaseDrift from './participant-data/key-case-drift.js';
import valueType from './participant-data/value-type.js';

/** Every built-in rule. A rule's id is its path under `src/rules/`. */
export const builtInRules: readonly Rule[] = [literalKey, keyLooksLikeVariable, readNeverSet, keyCaseDrift, valueType];

export function findRule(id: string): Rule | undefined {
  return builtInRules.find((r) => r.meta.id === id);
}
