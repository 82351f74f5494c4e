import { JSONPath } from 'jsonpath-plus';

/**
 * Checks a translation-map path. Genesys evaluates them with Jayway JsonPath (Java), which adds functions at
 * the end of a path (`.length()`, `.size()`); filters `?(…)` are checked with jsonpath-plus's own expression
 * parser. Returns the index of the problem in the path and a message, or undefined when the path is fine.
 */
export interface JsonPathProblem {
  index: number;
  length: number;
  /** What is wrong, as a code a rule turns into a whole-sentence message. */
  code: 'empty' | 'whitespace' | 'start' | 'unterminated-quote' | 'unbalanced' | 'never-closed' | 'end' | 'unknown-function' | 'empty-filter' | 'invalid-filter' | 'syntax';
  /** The character or function name concerned; for `invalid-filter` and `syntax`, jsonpath-plus's own error text. */
  detail?: string;
  /** The same problem in English, for tests and logs. */
  message: string;
}

/** Jayway JsonPath's path functions (PathFunctionFactory). */
export const FUNCTIONS = new Set(['min', 'max', 'avg', 'stddev', 'length', 'size', 'sum', 'keys', 'concat', 'append', 'first', 'last', 'index']);

const cache = new Map<string, JsonPathProblem | null>();

export function checkJsonPath(path: string): JsonPathProblem | undefined {
  if (cache.has(path)) return cache.get(path) ?? undefined;
  const problem = findProblem(path) ?? null;
  if (cache.size > 2000) cache.clear();
  cache.set(path, problem);
  return problem ?? undefined;
}

function findProblem(path: string): JsonPathProblem | undefined {
  if (path.trim() === '') return { index: 0, length: 0, code: 'empty', message: 'the path is empty' };
  if (/\s/.test(path[0]) || /\s/.test(path[path.length - 1])) {
    const i = /\s/.test(path[0]) ? 0 : path.length - 1;
    return { index: i, length: 1, code: 'whitespace', message: 'the path has leading or trailing whitespace' };
  }
  if (!/^[$@[A-Za-z_]/.test(path)) return { index: 0, length: 1, code: 'start', message: 'a path starts with `$` (the response root)' };
  // Brackets, parentheses and quotes must balance.
  const stack: { ch: string; at: number }[] = [];
  const pairs: Record<string, string> = { ']': '[', ')': '(' };
  const filters: { start: number; end: number }[] = [];
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "'" || c === '"') {
      const close = path.indexOf(c, i + 1);
      if (close === -1) return { index: i, length: 1, code: 'unterminated-quote', detail: c, message: `unterminated ${c === "'" ? 'single' : 'double'}-quoted string` };
      i = close;
      continue;
    }
    if (c === '[' || c === '(') {
      stack.push({ ch: c, at: i });
      if (c === '(' && path[i - 1] === '?') filters.push({ start: i + 1, end: -1 });
    } else if (c === ']' || c === ')') {
      const top = stack.pop();
      if (!top || top.ch !== pairs[c]) return { index: i, length: 1, code: 'unbalanced', detail: c, message: `unbalanced \`${c}\`` };
      if (c === ')') {
        const f = filters.find((x) => x.start === top.at + 1);
        if (f) f.end = i;
      }
    }
  }
  if (stack.length) {
    const top = stack[stack.length - 1];
    return { index: top.at, length: 1, code: 'never-closed', detail: top.ch, message: `\`${top.ch}\` is never closed` };
  }
  if (/\.\.\.|\.$|\.\[?\]$/.test(path) || /\.\.$/.test(path)) {
    const i = path.search(/\.\.\.|\.+$/);
    return { index: i, length: path.length - i, code: 'end', message: 'the path ends with `.` or has `...`' };
  }
  const fn = /\.([A-Za-z_]\w*)\(([^()]*)\)$/.exec(path);
  if (fn && !FUNCTIONS.has(fn[1])) {
    return { index: fn.index + 1, length: fn[1].length, code: 'unknown-function', detail: fn[1], message: `\`${fn[1]}()\` is not a JsonPath function (known: ${[...FUNCTIONS].map((f) => `${f}()`).join(', ')})` };
  }
  for (const f of filters) {
    const expr = path.slice(f.start, f.end);
    if (expr.trim() === '') return { index: f.start, length: 0, code: 'empty-filter', message: 'empty filter `?()`' };
    try {
      // Running the filter over one element makes jsonpath-plus parse it; a syntax error throws.
      JSONPath({ path: `$[?(${expr})]`, json: [{}], wrap: true });
    } catch (e) {
      const message = (e as Error).message;
      // `jsonPath: …` wraps errors of running the filter (reading a property of undefined), not of parsing it.
      if (!message.startsWith('jsonPath:')) return { index: f.start, length: expr.length, code: 'invalid-filter', detail: message, message: `invalid filter expression: ${message}` };
    }
  }
  try {
    JSONPath({ path: fn ? path.slice(0, fn.index) : path, json: {}, wrap: true });
  } catch (e) {
    const message = (e as Error).message;
    if (!message.startsWith('jsonPath:')) return { index: 0, length: path.length, code: 'syntax', detail: message, message };
  }
  return undefined;
}
