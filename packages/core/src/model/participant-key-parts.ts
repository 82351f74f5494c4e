/**
 * Reads a participant-data key written as a template (`{{flow.input.userSessionId}}`, `${input.x}`) or an
 * expression, and derives the literal key and the value expression a person most likely meant.
 */
export interface TemplatePart {
  start: number;
  end: number;
  /** `{{…}}` (Archy/Terraform substitution) or `${…}` (Velocity / HCL interpolation). */
  syntax: 'braces' | 'dollar';
  inner: string;
}

const TEMPLATE = /\{\{([^{}]*)\}\}|\$!?\{([^{}]*)\}/g;

export function templateParts(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  TEMPLATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TEMPLATE.exec(text))) {
    parts.push({ start: m.index, end: m.index + m[0].length, syntax: m[1] !== undefined ? 'braces' : 'dollar', inner: (m[1] ?? m[2]).trim() });
  }
  return parts;
}

/**
 * Architect's built-in objects (`Call.Ani`, `Email.Message.body`, bot `Slot.x`), capitalised as Architect
 * writes them. Together with Flow/State/Task they are what an expression can reference.
 */
export const BUILT_IN_SCOPES = ['Call', 'Email', 'Message', 'Chat', 'Session', 'Slot', 'Memory', 'Utterance', 'Callback', 'Conversation'];
const ARCHITECT_REFERENCE = new RegExp(`^(?:Flow|State|Task|${BUILT_IN_SCOPES.join('|')})(?:\\.[A-Za-z_][A-Za-z0-9_]*)+$`);

/** Whether an expression is a reference Architect can evaluate (`Flow.x`, `Call.Ani`), not `input.x` from Velocity. */
export function isArchitectReference(expr: string): boolean {
  return ARCHITECT_REFERENCE.test(expr.trim());
}

const SCOPES: Record<string, string> = { flow: 'Flow', state: 'State', task: 'Task' };

/**
 * `flow.input.userSessionId` → `Flow.userSessionId`; `Flow.x` stays; `Call.Ani` stays.
 * Archy flow inputs are plain `Flow.` variables, so `.input.` is dropped.
 */
export function toFlowExpression(reference: string): string {
  const m = /^(flow|state|task)\.(?:input\.|inputs\.)?(.+)$/i.exec(reference.trim());
  if (m) return `${SCOPES[m[1].toLowerCase()]}.${m[2]}`;
  return reference.trim();
}

/** Whether an expression is just a variable reference (`Flow.x`, `Call.Ani`, `flow.input.x`). */
export function isReference(expr: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(expr.trim());
}

/**
 * The string a constant Architect expression always evaluates to: a string literal (`"customerId"`) or
 * `Append(…)` of constants (`Append("Account", "Type")` → `AccountType`). Undefined for anything that reads a
 * variable or calls another function. Literals with a backslash or an inner quote are left alone: how
 * Architect unescapes them is not documented, so the result would be a guess.
 */
export function constantString(expr: string): string | undefined {
  const e = expr.trim();
  const literal = /^"([^"\\]*)"$/.exec(e);
  if (literal) return literal[1];
  const call = /^Append\s*\(([\s\S]*)\)$/i.exec(e);
  if (!call) return undefined;
  const args = splitArguments(call[1]);
  if (!args?.length) return undefined;
  let out = '';
  for (const a of args) {
    const v = constantString(a);
    if (v === undefined) return undefined;
    out += v;
  }
  return out;
}

/** Top-level comma-separated arguments (quotes and parentheses respected); undefined when unbalanced. */
function splitArguments(s: string): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      const close = s.indexOf('"', i + 1);
      if (close === -1) return undefined;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return undefined;
    else if (c === ',' && depth === 0) {
      args.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  args.push(s.slice(start));
  return args;
}

/** A readable literal key from an expression or template: its last name segment (`userSessionId`). */
export function keyFromExpression(expr: string): string | undefined {
  const trimmed = expr.trim();
  const quoted = /^"([^"]*)"$/.exec(trimmed);
  if (quoted) return quoted[1] || undefined;
  const names = trimmed.match(/[A-Za-z_][A-Za-z0-9_]*/g);
  if (!names?.length) return undefined;
  // The last name in a reference; for a call like ToString(Flow.x) the last name is still the variable's.
  return names[names.length - 1];
}

/**
 * For a literal with templates (`session_{{flow.input.id}}`): the static text if there is any
 * (`session`), else the name from the template's expression.
 */
export function keyFromTemplate(text: string, parts: TemplatePart[]): string | undefined {
  let staticText = '';
  let last = 0;
  for (const p of parts) {
    staticText += text.slice(last, p.start);
    last = p.end;
  }
  staticText = (staticText + text.slice(last)).replace(/^[\s_.:\-]+|[\s_.:\-]+$/g, '');
  if (staticText) return staticText;
  return parts.length ? keyFromExpression(parts[parts.length - 1].inner) : undefined;
}
