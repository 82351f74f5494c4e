import { parseTree, printParseErrorCode, type Node as JNode, type ParseError } from 'jsonc-parser';
import type { Node, Pair, ScalarNode } from './nodes.js';
import type { ParseProblem } from './parse-yaml.js';
import { findJsonNestingExcess, nestingMessage } from './nesting.js';

export interface ParsedJson {
  root: Node | null;
  errors: ParseProblem[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character',
};

/** Strict JSON (no comments, no trailing commas): the Genesys import rejects both. */
export function parseJson(text: string): ParsedJson {
  const deep = findJsonNestingExcess(text);
  if (deep) {
    return { root: null, errors: [{ message: nestingMessage(deep.limit), range: [deep.offset, deep.offset + 1] }] };
  }
  const errs: ParseError[] = [];
  const tree = parseTree(text, errs, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const errors: ParseProblem[] = [];
  const seen = new Set<string>();
  for (const e of errs) {
    const code = printParseErrorCode(e.error);
    const problem = { message: `${MESSAGES[code] ?? code} (invalid JSON)`, range: [e.offset, e.offset + e.length] as [number, number] };
    // jsonc-parser repeats an error at end of input once per open collection; one is enough.
    const key = `${problem.message}@${e.offset}`;
    if (!seen.has(key)) errors.push(problem);
    seen.add(key);
  }
  if (errors.length || !tree) return { root: null, errors: errors.length ? errors : [{ message: 'Empty JSON document', range: [0, 0] }] };
  const root = convert(tree);
  // Duplicate keys are legal JSON syntax but the platform keeps only the last: worth an error.
  return { root, errors: findDuplicateKeys(root) };
}

function convert(n: JNode): Node {
  const range: [number, number] = [n.offset, n.offset + n.length];
  switch (n.type) {
    case 'object': {
      const pairs: Pair[] = [];
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const key: ScalarNode = { type: 'scalar', range: [k.offset, k.offset + k.length], value: String(k.value), style: 'json' };
        const value = v ? convert(v) : null;
        pairs.push({ key, value, range: [prop.offset, prop.offset + prop.length] });
      }
      return { type: 'map', range, pairs, flow: true };
    }
    case 'array':
      return { type: 'seq', range, items: (n.children ?? []).map(convert), flow: true };
    default:
      return { type: 'scalar', range, value: n.value as ScalarNode['value'], style: 'json' };
  }
}

function findDuplicateKeys(root: Node): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'map') {
      const seen = new Set<unknown>();
      for (const p of n.pairs) {
        if (seen.has(p.key.value)) problems.push({ message: `Duplicate key "${p.key.value}"`, range: p.key.range });
        seen.add(p.key.value);
        if (p.value) stack.push(p.value);
      }
    } else if (n.type === 'seq') stack.push(...n.items);
  }
  return problems;
}
