import type { TextEdit } from '../../diagnostics.js';
import { declaredVariables } from '../../model/flow-variables.js';
import { flowModel, type VariableText } from '../../model/flow.js';
import type { ParsedFile } from '../../parse/parse-file.js';
import type { Range, ScalarNode } from '../../parse/nodes.js';
import { valueIndexToOffset } from '../../parse/string-offsets.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';
import { closestKey } from '../closest-name.js';

const id = 'flow/variable-scope';

const PREFIXES = ['Flow', 'State', 'Task'] as const;
const CANONICAL = new Map(PREFIXES.map((p) => [p.toLowerCase(), p]));

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

/**
 * Architect variables live in a scope named by their prefix (`Flow.`, `State.`, `Task.`). A declaration without
 * one is rejected by Archy; `flow.x` works at run time (names are case-insensitive) but is written three ways
 * across a team's flows and defeats search and review; a variable read but never declared nor written is `NOT_SET`
 * at run time (usually a typo or a variable renamed in one place).
 */
export default defineRule({
  meta: {
    id,
    description: 'Flow variables carry a Flow./State./Task. prefix in its canonical case and are declared before use.',
    severity: 'warn',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    schema: {
      type: 'object',
      properties: { checkCase: { type: 'boolean', description: 'Also report a scope prefix in the wrong case (`flow.x`), which works at run time.' } },
      additionalProperties: false,
    },
    defaultOptions: { checkCase: false },
    strictOptions: { checkCase: true },
    messages: {
      noPrefix: 'Variable `{{name}}` has no scope prefix; Archy needs `Flow.{{name}}`, `State.{{name}}` or `Task.{{name}}`.',
      wrongCase: '`{{written}}` should be written `{{canonical}}` (the scope prefix is `{{prefix}}`).',
      undeclared: '`{{name}}` is read but never declared or assigned in this flow, so it is NOT_SET at run time{{hint}}.',
      usePrefix: 'Rename to `{{fixed}}`.',
      useDeclared: 'Use the declared `{{fixed}}`.',
    },
  },
  check(context) {
    // `flow.x` works at run time (Architect names are case-insensitive): consistency, reported in `strict` only.
    const checkCase = context.options.checkCase === true;
    const declared = declaredVariables(context.file);
    checkDeclarations(context, declared, checkCase);
    const scope = flowScope(context.file);
    for (const ref of variableReferences(context.file)) {
      const canonicalPrefix = ref.canonical.slice(0, ref.canonical.indexOf('.'));
      if (checkCase && ref.prefix !== canonicalPrefix) {
        context.report({
          range: ref.range,
          messageId: 'wrongCase',
          data: { written: `${ref.prefix}.${ref.name}`, canonical: ref.canonical, prefix: canonicalPrefix },
          fix: { range: ref.prefixRange, text: canonicalPrefix },
        });
      }
      if (ref.kind !== 'exp' || scope.knows(ref.canonical)) continue;
      const closest = closestKey(ref.canonical, scope.known.filter((k) => k.toLowerCase().startsWith(`${canonicalPrefix.toLowerCase()}.`)));
      context.report({
        range: ref.range,
        messageId: 'undeclared',
        data: { name: ref.canonical, hint: closest ? ` (did you mean \`${closest}\`?)` : '' },
        suggest: closest ? [{ messageId: 'useDeclared', data: { fixed: closest }, fix: { range: ref.range, text: closest } }] : undefined,
      });
    }
  },
});

interface FlowScope {
  /** Declared variables with their prefix (`Flow.x`), for "did you mean". */
  known: string[];
  /** Whether reading `Flow.x` (any case) gets a value this flow declares, writes or Architect provides. */
  knows(canonical: string): boolean;
}

const scopeCache = new WeakMap<ParsedFile, FlowScope>();

/** The variables a flow can read without this rule reporting them. Fixes of other rules use it too. */
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

function checkDeclarations(context: RuleContext, declared: ReturnType<typeof declaredVariables>, checkCase: boolean): void {
  for (const decl of declared.values()) {
    const node = decl.nameNode;
    if (node.hasSubstitution) continue;
    const name = decl.name;
    const dot = name.indexOf('.');
    const prefix = dot === -1 ? '' : name.slice(0, dot);
    const canonical = CANONICAL.get(prefix.toLowerCase());
    if (canonical && canonical === prefix) continue;
    const at = valueIndexToOffset(context.text, node, 0);
    if (canonical) {
      if (!checkCase) continue;
      // The prefix in the wrong case: the reference scan fixes uses; here the declaration itself.
      const edit: TextEdit = { range: [at, at + prefix.length], text: canonical };
      context.report({ node, messageId: 'wrongCase', data: { written: name, canonical: `${canonical}.${name.slice(dot + 1)}`, prefix: canonical }, fix: edit });
      continue;
    }
    if (dot !== -1) continue; // `Call.x`, `Slot.x`: another scope, not ours to judge
    context.report({
      node,
      messageId: 'noPrefix',
      data: { name },
      suggest: PREFIXES.map((p) => ({ messageId: 'usePrefix', data: { fixed: `${p}.${name}` }, fix: { range: [at, at] as Range, text: `${p}.` } })),
    });
  }
}
