import { WILDCARD } from './velocity.js';

/**
 * A strict JSON parser for a rendered Velocity template (see `renderTemplate`), where `WILDCARD` stands for
 * whatever a reference prints: a value, a key, or a run of members or elements (`{ ${input.data} }` is a
 * common way to splice members in). Anything else must be plain JSON, because that is what the platform
 * sends (`Content-Type: application/json`). Indexes are into the rendered text.
 */
export type StubNode =
  | { type: 'object'; start: number; end: number; members: StubMember[] }
  | { type: 'array'; start: number; end: number; items: StubNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number' | 'literal'; start: number; end: number; value: string }
  | { type: 'wild'; start: number; end: number };

export interface StubMember {
  /** A string key, or a wildcard standing for the key. */
  key: StubNode;
  value: StubNode;
}

export type StubErrorKind = 'missing-comma' | 'trailing-comma' | 'control-char' | 'other';

/** What is wrong, as a code a rule turns into a whole-sentence message. */
export type StubProblem =
  | 'invalid-unicode-escape'
  | 'invalid-escape'
  | 'raw-line-break'
  | 'raw-control-char'
  | 'unterminated-string'
  | 'expected-value'
  | 'expected-colon'
  | 'trailing-comma-object'
  | 'expected-property-name'
  | 'missing-comma-properties'
  | 'expected-comma-or-brace'
  | 'trailing-comma-array'
  | 'missing-comma-elements'
  | 'expected-comma-or-bracket'
  | 'unexpected-after-body';

export interface StubError {
  index: number;
  /** The same problem in English, for tests and logs; rules use `problem`. */
  message: string;
  problem: StubProblem;
  /**
   * What stands where something else was expected: the character as written, `${…}` for a template reference;
   * undefined at the end of the body. For `invalid-escape`, the character after the backslash.
   */
  found?: string;
  kind: StubErrorKind;
}

export type StubParse = { ok: true; root: StubNode | null } | { ok: false; error: StubError };

class Fail extends Error {
  constructor(readonly info: StubError) {
    super(info.message);
  }
}

const LITERALS = ['true', 'false', 'null'];

export function parseStubbedJson(text: string): StubParse {
  let i = 0;
  const fail = (message: string, problem: StubProblem, kind: StubErrorKind = 'other', at = i, found = foundAt(at)): never => {
    throw new Fail({ index: at, message, problem, kind, ...(found === undefined ? {} : { found }) });
  };
  const foundAt = (at: number) => (at >= text.length ? undefined : text[at] === WILDCARD ? '${…}' : text[at]);
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the body' : text[at] === WILDCARD ? 'a template reference' : `\`${text[at]}\``);

  const wild = (): StubNode => {
    const start = i;
    while (text[i] === WILDCARD) i++;
    return { type: 'wild', start, end: i };
  };

  const str = (): StubNode => {
    const start = i;
    i++;
    let value = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return { type: 'string', start, end: i, value };
      }
      if (c === '\\') {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('Invalid \\u escape in a JSON string', 'invalid-unicode-escape');
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        if (!n || !'"\\/bfnrt'.includes(n)) fail(`Invalid escape \`\\${n ?? ''}\` in a JSON string`, 'invalid-escape', 'other', i, n ?? '');
        value += n;
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        fail(
          c === '\n' ? 'Raw line break inside a JSON string (write `\\n`)' : 'Raw control character inside a JSON string',
          c === '\n' ? 'raw-line-break' : 'raw-control-char',
          'control-char',
        );
      }
      value += c;
      i++;
    }
    return fail('Unterminated JSON string', 'unterminated-string', 'other', start);
  };

  const value = (): StubNode => {
    ws();
    const c = text[i];
    if (c === WILDCARD) return wild();
    if (c === '{') return obj();
    if (c === '[') return arr();
    if (c === '"') return str();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (m && m[0] !== '-') {
      const start = i;
      i += m[0].length;
      return { type: 'number', start, end: i, value: m[0] };
    }
    for (const lit of LITERALS) {
      if (text.startsWith(lit, i)) {
        const start = i;
        i += lit.length;
        return { type: 'literal', start, end: i, value: lit };
      }
    }
    return fail(`Expected a JSON value, found ${describe(i)}`, 'expected-value');
  };

  const obj = (): StubNode => {
    const start = i;
    i++;
    const members: StubMember[] = [];
    ws();
    if (text[i] === '}') {
      i++;
      return { type: 'object', start, end: i, members };
    }
    for (;;) {
      ws();
      if (text[i] === WILDCARD) {
        const w = wild();
        ws();
        if (text[i] === ':') {
          i++;
          members.push({ key: w, value: value() });
        }
        // Otherwise the reference prints whole members.
      } else if (text[i] === '"') {
        const key = str();
        ws();
        if (text[i] !== ':') fail(`Expected \`:\` after the property name, found ${describe(i)}`, 'expected-colon');
        i++;
        members.push({ key, value: value() });
      } else if (text[i] === '}' && members.length) {
        return fail('Trailing comma before `}`', 'trailing-comma-object', 'trailing-comma', lastComma);
      } else {
        fail(`Expected a property name in double quotes, found ${describe(i)}`, 'expected-property-name');
      }
      ws();
      if (text[i] === ',') {
        lastComma = i;
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return { type: 'object', start, end: i, members };
      }
      if (text[i] === WILDCARD) continue; // `{"a": 1 ${input.more}}`: the reference may print `, "b": 2`
      if (text[i] === '"') fail('Missing comma between properties', 'missing-comma-properties', 'missing-comma', endOfPrevious());
      fail(`Expected \`,\` or \`}\` after a property, found ${describe(i)}`, 'expected-comma-or-brace');
    }
  };

  const arr = (): StubNode => {
    const start = i;
    i++;
    const items: StubNode[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return { type: 'array', start, end: i, items };
    }
    for (;;) {
      ws();
      if (text[i] === ']' && items.length) return fail('Trailing comma before `]`', 'trailing-comma-array', 'trailing-comma', lastComma);
      items.push(value());
      ws();
      if (text[i] === ',') {
        lastComma = i;
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return { type: 'array', start, end: i, items };
      }
      if (text[i] === WILDCARD) continue;
      if (text[i] === '"' || text[i] === '{' || text[i] === '[') fail('Missing comma between array elements', 'missing-comma-elements', 'missing-comma', endOfPrevious());
      fail(`Expected \`,\` or \`]\` after an element, found ${describe(i)}`, 'expected-comma-or-bracket');
    }
  };

  let lastComma = 0;
  /** End of the last non-space text before `i`: where a missing comma belongs. */
  const endOfPrevious = () => {
    let j = i;
    while (j > 0 && /\s/.test(text[j - 1])) j--;
    return j;
  };

  try {
    ws();
    if (i >= text.length) return { ok: true, root: null };
    const root = value();
    ws();
    while (text[i] === WILDCARD) {
      wild();
      ws();
    }
    if (i < text.length) fail(`Unexpected ${describe(i)} after the JSON body`, 'unexpected-after-body');
    return { ok: true, root };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.info };
    throw e;
  }
}
