import { declaredVariables } from './flow-variables.js';
import { flowModel, type VariableText } from './flow.js';
import type { ParsedFile } from '../parse/parse-file.js';
import type { Range, ScalarNode } from '../parse/nodes.js';
import { valueIndexToOffset } from '../parse/string-offsets.js';

/**
 * Architect's variable scopes in a flow: the `Flow.`/`State.`/`Task.` references its expressions make and the
 * variables it can read. Facts shared by `flow/variable-scope`, the participant-data rules' fixes and
 * `call-data/handles-failure` (rules never import rules).
 */

export const PREFIXES = ['Flow', 'State', 'Task'] as const;
export const CANONICAL = new Map(PREFIXES.map((p) => [p.toLowerCase(), p]));

/**
 * Variables Architect provides without a declaration. `Flow.` built-ins per the Architect help ("Built-in
 * variables"); a flow may read them but never declares them.
 */
export const BUILT_IN_FLOW_VARIABLES = new Set(
  [
    'StartDateTimeUtc', 'ErrorType', 'ErrorDetails', 'ErrorMessage', 'CurrentLanguage', 'IsTest',
    // In-queue call flows: the queue's hold prompt.
    'HoldPrompt',
  ].map((n) => n.toLowerCase()),
);

/** `Flow.x` / `flow.x` / `TASK.x` in an expression, not inside a string literal, not after another name (`a.Flow.x`). */
const REFERENCE = /(?<![\w.$])(flow|state|task)\.([A-Za-z_][A-Za-z0-9_]*)/gi;

export interface VariableReference {
  /** `Flow` as written (maybe `flow`). */
  prefix: string;
  name: string;
  /** `Flow.name` with the canonical prefix. */
  canonical: string;
  /** Source range of `prefix.name`. */
  range: Range;
  /** Source range of the prefix alone. */
  prefixRange: Range;
  scalar: ScalarNode;
  kind: VariableText['kind'];
}

const cache = new WeakMap<ParsedFile, VariableReference[]>();

/** Every `Flow.`/`State.`/`Task.` reference in a flow's expressions and variable fields, with exact ranges. */
export function variableReferences(file: ParsedFile): VariableReference[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const out: VariableReference[] = [];
  const text = file.source.text;
  for (const vt of flowModel(file).variableTexts) {
    if (vt.text.indexOf('.') === -1) continue;
    // Blank string literals ("Flow.x" inside quotes is text, not a variable), keeping every index.
    const scan = vt.kind === 'exp' ? vt.text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => ' '.repeat(s.length)) : vt.text;
    REFERENCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REFERENCE.exec(scan))) {
      // In `var:`/`variable:` the whole value is one variable name.
      if (vt.kind !== 'exp' && m.index !== 0) continue;
      const range = sourceRange(text, vt.scalar, vt.text, m.index, m[0]);
      if (!range) continue;
      const canonicalPrefix = CANONICAL.get(m[1].toLowerCase())!;
      out.push({
        prefix: m[1],
        name: m[2],
        canonical: `${canonicalPrefix}.${m[2]}`,
        range,
        prefixRange: [range[0], range[0] + m[1].length],
        scalar: vt.scalar,
        kind: vt.kind,
      });
    }
  }
  cache.set(file, out);
  return out;
}

/**
 * Source range of `token` found at `index` of a scalar's value. Quoted scalars map through their escapes; when the
 * mapping does not land on the token (block or folded scalars), the same occurrence is found in the raw text.
 */
function sourceRange(text: string, scalar: ScalarNode, value: string, index: number, token: string): Range | undefined {
  const start = valueIndexToOffset(text, scalar, index);
  if (text.startsWith(token, start)) return [start, start + token.length];
  let nth = 0;
  for (let i = value.indexOf(token); i !== -1 && i < index; i = value.indexOf(token, i + 1)) nth++;
  let at = text.indexOf(token, scalar.range[0]);
  while (at !== -1 && nth-- > 0) at = text.indexOf(token, at + 1);
  return at !== -1 && at < scalar.range[1] ? [at, at + token.length] : undefined;
}

export interface FlowScope {
  /** Declared variables with their prefix (`Flow.x`), for "did you mean". */
  known: string[];
  /** Whether reading `Flow.x` (any case) gets a value this flow declares, writes or Architect provides. */
  knows(canonical: string): boolean;
}

const scopeCache = new WeakMap<ParsedFile, FlowScope>();

/** The variables a flow can read without `flow/variable-scope` reporting them; other rules' fixes use it too. */
export function flowScope(file: ParsedFile): FlowScope {
  const hit = scopeCache.get(file);
  if (hit) return hit;
  const declared = declaredVariables(file);
  // Written anywhere (an output `var:`, `variable:` of Get Participant Data / Update Data, a loop index):
  // Archy creates the variable, so reading it elsewhere is fine.
  const written = new Set<string>();
  for (const r of variableReferences(file)) if (r.kind !== 'exp') written.add(r.canonical.toLowerCase());
  // A declaration without a prefix (reported above) still says which variable is meant: `customerId` read as
  // `Flow.customerId` is that one, not a second, undeclared variable.
  const known = [...declared.values()].map((d) => (d.name.includes('.') ? d.name : `Flow.${d.name}`));
  const knownLower = new Set(
    [...declared.values()].flatMap((d) => (d.name.includes('.') ? [d.name] : PREFIXES.map((p) => `${p}.${d.name}`))).map((k) => k.toLowerCase()),
  );
  const scope: FlowScope = {
    known,
    knows(canonical) {
      const lower = canonical.toLowerCase();
      if (declared.has(lower) || knownLower.has(lower) || written.has(lower)) return true;
      const [prefix, name] = [lower.slice(0, lower.indexOf('.')), lower.slice(lower.indexOf('.') + 1)];
      if (!CANONICAL.has(prefix)) return true; // `Call.Ani`, `Slot.x`: Architect's objects, not ours to judge
      return prefix === 'flow' && BUILT_IN_FLOW_VARIABLES.has(name);
    },
  };
  scopeCache.set(file, scope);
  return scope;
}
