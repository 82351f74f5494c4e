/**
 * `{{key}}` placeholders are filled by Archy (`--optionsFile`) or Terraform (`genesyscloud_flow.substitutions`)
 * before deployment, and real files leave them unquoted (`name: {{flow_name}}`), which YAML would read as a
 * nested flow mapping. We replace each with a plain token of the same length before parsing, so every offset
 * stays exact, and restore the original text in scalar values afterwards.
 */
export interface Placeholder {
  start: number;
  end: number;
  /** The text between the braces, trimmed (`flow_name`). */
  name: string;
  /** The placeholder as written (`{{ flow_name }}`). */
  raw: string;
}

const PLACEHOLDER = /\{\{([^{}\r\n]*)\}\}/g;
// Private-use characters: printable for YAML, never produced by YAML escapes we care about.
const EDGE = '\uE000';
const FILL = '\uE001';
const TOKEN = /\uE000\uE001*\uE000/g;

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  if (text.indexOf('{{') === -1) return found;
  PLACEHOLDER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACEHOLDER.exec(text))) {
    found.push({ start: m.index, end: m.index + m[0].length, name: m[1].trim(), raw: m[0] });
  }
  return found;
}

export function maskSubstitutions(text: string, placeholders: Placeholder[]): string {
  if (placeholders.length === 0) return text;
  let out = '';
  let last = 0;
  for (const p of placeholders) {
    out += text.slice(last, p.start) + EDGE + FILL.repeat(p.end - p.start - 2) + EDGE;
    last = p.end;
  }
  return out + text.slice(last);
}

export function hasMaskToken(value: string): boolean {
  return value.indexOf(EDGE) !== -1;
}

/** Puts back, in order, the placeholders that lie inside `[start, end)` of the source. */
export function restoreSubstitutions(value: string, placeholders: Placeholder[], start: number, end: number): string {
  const inside = placeholders.filter((p) => p.start >= start && p.end <= end);
  let i = 0;
  return value.replace(TOKEN, (tok) => inside[i++]?.raw ?? tok);
}
