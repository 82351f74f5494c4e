import { defineRule, ruleDocsUrl } from '../rule.js';
import { isMap, walk, type ScalarNode } from '../../parse/nodes.js';

const id = 'flow/substitution-unquoted';

/**
 * `name: {{flow_name}}` is a YAML flow mapping inside a flow mapping until the placeholder is replaced, so every
 * YAML tool (editors, formatters, schema checks, `yq`) fails on the file, and a substituted value with `: `, `#`
 * or a leading `*`/`&` changes the document's structure. Quoting keeps the file valid YAML and the value a string.
 */
export default defineRule({
  meta: {
    id,
    description: 'A scalar that starts with a `{{key}}` substitution must be quoted.',
    severity: 'warn',
    kinds: ['flow'],
    fixable: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unquoted: '`{{text}}` is not valid YAML until the substitution is filled in; quote it: `{{quoted}}`.',
    },
  },
  check(context) {
    if (!context.file.placeholders.length || !context.file.root) return;
    const text = context.text;
    const check = (s: ScalarNode) => {
      if (!s.hasSubstitution || s.style !== 'plain' || typeof s.value !== 'string') return;
      const raw = text.slice(s.range[0], s.range[1]);
      // Only a scalar that starts with `{` is mis-read; `Hello {{name}}` is already a plain string.
      if (!raw.startsWith('{{') || raw.includes('\n')) return;
      const quoted = JSON.stringify(raw);
      context.report({ range: s.range, messageId: 'unquoted', data: { text: raw, quoted }, fix: { range: s.range, text: quoted } });
    };
    walk(context.file.root, (node) => {
      if (node.type === 'scalar') check(node);
      else if (isMap(node)) for (const p of node.pairs) check(p.key);
    });
  },
});
