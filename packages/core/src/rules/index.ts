import type { Rule } from './rule.js';
import literalKey from './participant-data/literal-key.js';

/** Every built-in rule. A rule's id is its path under `src/rules/`. */
export const builtInRules: readonly Rule[] = [literalKey];

export function findRule(id: string): Rule | undefined {
  return builtInRules.find((r) => r.meta.id === id);
}
