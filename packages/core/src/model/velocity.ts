/**
 * Just enough Velocity (the template language of Genesys Cloud data actions) to lint templates:
 * references (`$input.x`, `${input.x}`, `$!{input.x}`, `$esc.jsonString(${input.x})`), directives
 * (`#if`, `#else`, `#end`, `#foreach`, `#set`, comments), and a rendering of a template with every printed
 * reference stubbed, so the JSON around it can be checked. Offsets are indexes into the template string
 * (the decoded JSON string value); callers map them to the file with `valueIndexToOffset`.
 */

export interface VelocityRef {
  /** Index of the `$`. */
  start: number;
  /** Index just after the reference (after `}` or the last `)`). */
  end: number;
  /** `$!…`: prints nothing when null (`${input.x}` prints its own text when null). */
  silent: boolean;
  braced: boolean;
  /** First identifier (`input`, `esc`, `rawResult`). */
  root: string;
  /** Property names after the root, up to the first method call (`input.x` → `['x']`). */
  path: string[];
  /** Name of the first method called, with the path before it (`esc.jsonString`), when there is a call. */
  call?: string;
  /** References inside method arguments (and inside their double-quoted strings), recursively. */
  args: VelocityRef[];
}

export type DirectiveName = 'if' | 'elseif' | 'else' | 'end' | 'foreach' | 'set' | 'macro' | 'define' | 'other' | 'comment';

export interface VelocityDirective {
  start: number;
  end: number;
  name: DirectiveName;
  /** For `#set($x = …)` and `#foreach($x in …)`: the variable introduced. */
  variable?: string;
  /** References inside the directive's parentheses (conditions, assignments): evaluated, never printed. */
  refs: VelocityRef[];
}

export interface VelocityScan {
  /** References printed into the output (not inside a directive), in order. */
  refs: VelocityRef[];
  directives: VelocityDirective[];
}

const IDENT_START = /[A-Za-z]/;
const IDENT = /[A-Za-z0-9_-]/;

function readIdent(t: string, i: number): number {
  if (i >= t.length || !IDENT_START.test(t[i])) return i;
  let j = i + 1;
  while (j < t.length && IDENT.test(t[j])) j++;
  // Velocity identifiers may contain `-`, but a trailing `-` is text (`$a-` → `$a` then `-`).
  while (j > i + 1 && t[j - 1] === '-') j--;
  return j;
}

/** Index after the balanced group starting at `open` (`(` or `[`), skipping quoted strings; -1 when unbalanced. */
function skipBalanced(t: string, open: number): number {
  const close = t[open] === '(' ? ')' : ']';
  const openCh = t[open];
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    const c = t[i];
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < t.length && t[i] !== q) i++;
      continue;
    }
    if (c === openCh) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** References inside a span of arguments: in code and inside double-quoted (interpolated) strings. */
function refsInArgs(t: string, from: number, to: number): VelocityRef[] {
  const out: VelocityRef[] = [];
  let i = from;
  while (i < to) {
    if (t[i] === "'") {
      // Single-quoted strings are not interpolated.
      i++;
      while (i < to && t[i] !== "'") i++;
      i++;
      continue;
    }
    if (t[i] === '$') {
      const r = readReference(t, i);
      if (r && r.end <= to) {
        out.push(r);
        i = r.end;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Reads the reference starting at `t[start] === '$'`; undefined when the `$` is plain text. */
export function readReference(t: string, start: number): VelocityRef | undefined {
  let i = start + 1;
  let silent = false;
  if (t[i] === '!') { silent = true; i++; }
  let braced = false;
  if (t[i] === '{') { braced = true; i++; }
  const idEnd = readIdent(t, i);
  if (idEnd === i) return undefined;
  const root = t.slice(i, idEnd);
  i = idEnd;
  const path: string[] = [];
  let call: string | undefined;
  const args: VelocityRef[] = [];
  for (;;) {
    if (t[i] === '.' && IDENT_START.test(t[i + 1] ?? '')) {
      const e = readIdent(t, i + 1);
      const name = t.slice(i + 1, e);
      if (t[e] === '(') {
        const close = skipBalanced(t, e);
        if (close === -1) break;
        if (!call) call = [root, ...path, name].join('.');
        args.push(...refsInArgs(t, e + 1, close - 1));
        i = close;
        continue;
      }
      if (!call) path.push(name);
      i = e;
      continue;
    }
    if (t[i] === '[') {
      const close = skipBalanced(t, i);
      if (close === -1) break;
      args.push(...refsInArgs(t, i + 1, close - 1));
      i = close;
      continue;
    }
    break;
  }
  if (braced) {
    if (t[i] !== '}') return undefined; // `${ not a reference` is printed as text
    i++;
  }
  return { start, end: i, silent, braced, root, path, call, args };
}

const DIRECTIVE_WORDS = 'if|elseif|else|end|foreach|set|macro|define|break|stop|parse|include|evaluate';
/** `#end` or `#{end}`; `#endpoint` and `#end}` (a JSON brace after it) are not a longer directive. */
const DIRECTIVE = new RegExp(`^#(?:\\{(${DIRECTIVE_WORDS})\\}|(${DIRECTIVE_WORDS})(?![A-Za-z0-9_]))`);

/** Scans a template once: printed references and directives, skipping comments and `\$` escapes. */
export function scanVelocity(t: string): VelocityScan {
  const refs: VelocityRef[] = [];
  const directives: VelocityDirective[] = [];
  let i = 0;
  while (i < t.length) {
    const c = t[i];
    if (c === '\\' && t[i + 1] === '$') { i += 2; continue; }
    if (c === '$') {
      const r = readReference(t, i);
      if (r) { refs.push(r); i = r.end; continue; }
      i++;
      continue;
    }
    if (c === '#') {
      if (t[i + 1] === '#') {
        const nl = t.indexOf('\n', i);
        const end = nl === -1 ? t.length : nl;
        directives.push({ start: i, end, name: 'comment', refs: [] });
        i = end;
        continue;
      }
      if (t[i + 1] === '*') {
        const close = t.indexOf('*#', i + 2);
        const end = close === -1 ? t.length : close + 2;
        directives.push({ start: i, end, name: 'comment', refs: [] });
        i = end;
        continue;
      }
      const m = DIRECTIVE.exec(t.slice(i, i + 12));
      if (m) {
        const word = m[1] ?? m[2];
        let end = i + m[0].length;
        const d: VelocityDirective = {
          start: i,
          end,
          name: (['if', 'elseif', 'else', 'end', 'foreach', 'set', 'macro', 'define'].includes(word) ? word : 'other') as DirectiveName,
          refs: [],
        };
        // Optional whitespace, then the parenthesised condition / assignment.
        let j = end;
        while (t[j] === ' ' || t[j] === '\t') j++;
        if (t[j] === '(' && word !== 'else' && word !== 'end') {
          const close = skipBalanced(t, j);
          if (close !== -1) {
            d.refs = refsInArgs(t, j + 1, close - 1);
            end = close;
            if (word === 'set' || word === 'foreach') {
              const v = /^\s*\$!?\{?([A-Za-z][A-Za-z0-9_-]*)/.exec(t.slice(j + 1, close));
              if (v) d.variable = v[1];
            }
          }
        }
        d.end = end;
        directives.push(d);
        i = end;
        continue;
      }
    }
    i++;
  }
  return { refs, directives };
}

/** Every reference in a template, including those nested in arguments and directive conditions. */
export function allReferences(scan: VelocityScan): VelocityRef[] {
  const out: VelocityRef[] = [];
  const add = (r: VelocityRef) => {
    out.push(r);
    r.args.forEach(add);
  };
  scan.refs.forEach(add);
  for (const d of scan.directives) d.refs.forEach(add);
  return out;
}

/** Variables a template introduces itself (`#set($x = …)`, `#foreach($x in …)`). */
export function localVariables(scan: VelocityScan): Set<string> {
  return new Set(scan.directives.flatMap((d) => (d.variable ? [d.variable] : [])));
}

/** `input` as the root of a reference; Genesys examples also write `$Input` and `${INPUT.…}`. */
export function isInputRef(r: VelocityRef): boolean {
  return r.root.toLowerCase() === 'input' && r.path.length > 0;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering with stubs: which branch of each `#if` is printed is unknown, so templates are rendered in a few
// variants and a JSON problem is reported only when every variant has it.

export type BranchChoice = 'all' | 'first' | 'last';

/** A printed reference and whether it sits inside a JSON string of the rendered output. */
export interface PlacedRef {
  ref: VelocityRef;
  inString: boolean;
}

export interface Rendered {
  /** The output with each printed reference outside a string replaced by `WILDCARD`, inside a string by `x`. */
  text: string;
  /** `map[i]` is the template index of rendered character `i` (plus one entry for the end). */
  map: number[];
  placed: PlacedRef[];
  /** Rendered index → the reference whose stub is there. */
  stubs: Map<number, VelocityRef>;
}

/** Stands for "whatever the reference prints": a value, a key, or a run of members/elements. */
export const WILDCARD = '\uE010';

interface BlockShape {
  branches: number;
  hasElse: boolean;
}

/** Counts the branches of each block and whether it has an `#else` (for the `last` choice). */
function blockShapes(directives: VelocityDirective[]): Map<VelocityDirective, BlockShape> {
  const shapes = new Map<VelocityDirective, BlockShape>();
  const stack: BlockShape[] = [];
  for (const d of directives) {
    if (d.name === 'if' || d.name === 'foreach' || d.name === 'macro' || d.name === 'define') {
      const shape = { branches: 1, hasElse: false };
      shapes.set(d, shape);
      stack.push(shape);
    } else if ((d.name === 'elseif' || d.name === 'else') && stack.length) {
      const top = stack[stack.length - 1];
      top.branches++;
      if (d.name === 'else') top.hasElse = true;
    } else if (d.name === 'end') stack.pop();
  }
  return shapes;
}

interface Block extends BlockShape {
  kind: 'if' | 'foreach' | 'other';
  branch: number;
  printing: boolean;
}

function branchPrinted(block: Block, choice: BranchChoice): boolean {
  if (block.kind === 'other') return false; // macro / define bodies print only where they are used
  if (choice === 'all') return true;
  if (choice === 'first') return block.branch === 0;
  // `last`: the #else branch of an if (nothing when there is none); loops run zero times.
  return block.kind === 'if' && block.hasElse && block.branch === block.branches - 1;
}

export function renderTemplate(t: string, scan: VelocityScan, choice: BranchChoice): Rendered {
  const shapes = blockShapes(scan.directives);
  const events: ({ at: number; end: number } & ({ ref: VelocityRef } | { directive: VelocityDirective }))[] = [
    ...scan.refs.map((ref) => ({ at: ref.start, end: ref.end, ref })),
    ...scan.directives.map((directive) => ({ at: directive.start, end: directive.end, directive })),
  ].sort((a, b) => a.at - b.at);
  const stack: Block[] = [];
  const printing = () => stack.every((b) => b.printing);
  let text = '';
  const map: number[] = [];
  const placed: PlacedRef[] = [];
  const stubs = new Map<number, VelocityRef>();
  let inString = false;
  let escape = false;
  const emitText = (from: number, to: number) => {
    if (!printing()) return;
    for (let i = from; i < to; i++) {
      const c = t[i];
      text += c;
      map.push(i);
      if (escape) { escape = false; continue; }
      if (inString && c === '\\') { escape = true; continue; }
      if (c === '"') inString = !inString;
    }
  };
  let pos = 0;
  for (const e of events) {
    if (e.at < pos) continue;
    emitText(pos, e.at);
    pos = e.end;
    if ('ref' in e) {
      if (!printing()) continue;
      placed.push({ ref: e.ref, inString });
      stubs.set(text.length, e.ref);
      text += inString ? 'x' : WILDCARD;
      map.push(e.ref.start);
      continue;
    }
    const d = e.directive;
    if (d.name === 'if' || d.name === 'foreach' || d.name === 'macro' || d.name === 'define') {
      const kind: Block['kind'] = d.name === 'if' ? 'if' : d.name === 'foreach' ? 'foreach' : 'other';
      const block: Block = { ...(shapes.get(d) ?? { branches: 1, hasElse: false }), kind, branch: 0, printing: false };
      block.printing = branchPrinted(block, choice);
      stack.push(block);
    } else if ((d.name === 'elseif' || d.name === 'else') && stack.length) {
      const top = stack[stack.length - 1];
      top.branch++;
      top.printing = branchPrinted(top, choice);
    } else if (d.name === 'end') {
      stack.pop();
    }
  }
  emitText(pos, t.length);
  map.push(t.length);
  return { text, map, placed, stubs };
}

/** `$esc.jsonString(…)` and friends: the argument is escaped for a JSON string. */
export const JSON_ESCAPES = new Set(['esc.jsonString', 'esc.jsonEncode', 'esc.json', 'esc.java', 'esc.javascript']);
/** `$esc.url(…)` / `$esc.uriEncode`-style: the argument is escaped for a URL. */
export const URL_ESCAPES = new Set(['esc.url', 'esc.uriEncode', 'esc.urlEncode', 'esc.urlFormEncode']);
