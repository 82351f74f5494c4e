import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';
import { isMap, walk, type ScalarNode } from '../../parse/nodes.js';
import { substitutionValues } from '../../model/terraform.js';

const id = 'flow/substitution-unquoted';

/**
 * `name: {{flow_name}}` is a YAML flow mapping until the placeholder is replaced; the deployment replaces it in
 * the text first (the CX-as-Code provider's `strings.Replace` over the file), so what Archy reads is the value
 * printed in place. That breaks only when the value itself changes the YAML: a `: ` or ` #` inside it, a leading
 * indicator (`*`, `&`, `!`, `[`, `{`, `-`, `?`, `|`, `>`, `%`, `@`, backquote, a quote), or nothing at all.
 *
 * `recommended` reports only those (values known from the Terraform `substitutions` that deploy the flow); the
 * rest — the file is not valid YAML for editors and `yq` until deployed, which breaks nothing on the platform —
 * is hygiene, reported with `onlyBreaking: false` (the `strict` preset).
 */
export default defineRule({
  meta: {
    id,
    description: 'A scalar that starts with a `{{key}}` substitution must be quoted when the substituted value would change the YAML.',
    severity: 'warn',
    kinds: ['flow'],
    fixable: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      // Why the substituted text is not the string it looks like picks the sentence (`whyItBreaks`).
      breaksEmpty:
        '`{{text}}` is unquoted, and Terraform substitutes `{{value}}` for `{{key}}`: the value is empty (YAML reads null), so Archy reads another document than the one meant. Quote it: `{{quoted}}`.',
      breaksIndicator:
        '`{{text}}` is unquoted, and Terraform substitutes `{{value}}` for `{{key}}`: it starts with `{{indicator}}`, a YAML indicator, so Archy reads another document than the one meant. Quote it: `{{quoted}}`.',
      breaksMapping:
        '`{{text}}` is unquoted, and Terraform substitutes `{{value}}` for `{{key}}`: it contains `: `, which starts a mapping, so Archy reads another document than the one meant. Quote it: `{{quoted}}`.',
      breaksComment:
        '`{{text}}` is unquoted, and Terraform substitutes `{{value}}` for `{{key}}`: it contains ` #`, which starts a comment, so Archy reads another document than the one meant. Quote it: `{{quoted}}`.',
      unquoted: '`{{text}}` is not valid YAML until the substitution is filled in; quote it: `{{quoted}}`.',
    },
    schema: {
      type: 'object',
      properties: { onlyBreaking: { type: 'boolean', description: 'Report only where a known substituted value changes the YAML (default); false reports every unquoted leading substitution.' } },
      additionalProperties: false,
    },
    defaultOptions: { onlyBreaking: true },
    strictOptions: { onlyBreaking: false },
  },
  check(context) {
    if (!context.file.placeholders.length || !context.file.root) return;
    const onlyBreaking = context.options.onlyBreaking !== false;
    const values = substitutionValues(context.project, context.file);
    if (onlyBreaking && !values.size) return;
    const check = (s: ScalarNode) => {
      if (!s.hasSubstitution || s.style !== 'plain' || typeof s.value !== 'string') return;
      const raw = context.text.slice(s.range[0], s.range[1]);
      // Only a scalar that starts with `{` is mis-read; `Hello {{name}}` is already a plain string.
      if (!raw.startsWith('{{') || raw.includes('\n')) return;
      const key = raw.slice(2, raw.indexOf('}}')).trim();
      const known = values.get(key) ?? [];
      const breaking = known.map((v) => ({ value: v, text: v + raw.slice(raw.indexOf('}}') + 2) })).map((b) => ({ ...b, why: whyItBreaks(b.text) })).find((b) => b.why);
      if (onlyBreaking && !breaking) return;
      report(context, s, raw, known, breaking);
    };
    walk(context.file.root, (node) => {
      if (node.type === 'scalar') check(node);
      else if (isMap(node)) for (const p of node.pairs) check(p.key);
    });
  },
});

function report(context: RuleContext, s: ScalarNode, raw: string, known: string[], breaking: { value: string; text: string; why: string | undefined } | undefined): void {
  const quoted = quote(raw, known);
  const fix = quoted === undefined ? undefined : { range: s.range, text: quoted };
  const shown = quoted ?? JSON.stringify(raw);
  if (breaking) {
    const key = raw.slice(2, raw.indexOf('}}')).trim();
    context.report({ range: s.range, messageId: breaking.why!, data: { text: raw, value: breaking.value, key, indicator: breaking.text[0] ?? '', quoted: shown }, fix });
  } else context.report({ range: s.range, messageId: 'unquoted', data: { text: raw, quoted: shown }, fix });
}

/**
 * The scalar quoted so that every known value still reads as the same string once substituted: double quotes
 * unless a value holds `"` or `\` (it would end or escape the string), then single quotes unless a value holds
 * `'`; undefined when no quoting is certain.
 */
function quote(raw: string, known: string[]): string | undefined {
  if (!known.some((v) => /["\\]/.test(v))) return JSON.stringify(raw);
  if (!known.some((v) => v.includes("'")) && !raw.includes("'")) return `'${raw}'`;
  return undefined;
}

/** Why a plain scalar with this text is not the string it looks like (the message saying so), or undefined when it is. */
export function whyItBreaks(text: string): 'breaksEmpty' | 'breaksIndicator' | 'breaksMapping' | 'breaksComment' | undefined {
  if (text.trim() === '') return 'breaksEmpty';
  if (/^(?:[-?:](?:\s|$)|[,[\]{}#&*!|>'"%@`])/.test(text)) return 'breaksIndicator';
  if (/:(\s|$)/.test(text)) return 'breaksMapping';
  if (/\s#/.test(text)) return 'breaksComment';
  return undefined;
}
