import { defineRule, ruleDocsUrl } from '../rule.js';
import { closestKey } from '../closest-name.js';

const id = 'flow/substitution-undefined';

/**
 * `{{key}}` placeholders are filled in at deploy time by Terraform (`genesyscloud_flow.substitutions`) or Archy
 * (`--optionsFile`). A key the deployment does not provide stays in the flow as the literal text `{{key}}`: a
 * flow named `{{flow_name}}`, a queue lookup for `{{queue}}` that fails at run time. The rule reports only for flows
 * whose substitutions some source describes (a `.tf` that deploys the flow, `settings.substitutions`, or an
 * options file in `settings.archyOptionsFiles`); for other flows it cannot know what deployment provides.
 */
export default defineRule({
  meta: {
    id,
    description: '`{{key}}` substitutions in a flow must be provided by the Terraform resource or Archy options that deploy it.',
    severity: 'error',
    kinds: ['flow'],
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      undefined: '`{{raw}}` is not provided by {{sources}}, so the flow is deployed with the literal text `{{raw}}`{{hint}}.',
      empty: '`{{}}` is an empty substitution; it is deployed as literal text.',
      useClosest: 'Use `{{closest}}`.',
    },
  },
  check(context) {
    const placeholders = context.file.placeholders;
    if (!placeholders.length) return;
    const { names, known } = context.project.substitutionsFor(context.file);
    if (!known) return;
    const sources = describeSources(context.project.settings.archyOptionsFiles, names.size);
    for (const p of placeholders) {
      if (names.has(p.name)) continue;
      if (p.name === '') {
        context.report({ range: [p.start, p.end], messageId: 'empty' });
        continue;
      }
      const closest = closestKey(p.name, names);
      const inner = p.raw.indexOf(p.name);
      context.report({
        range: [p.start, p.end],
        messageId: 'undefined',
        data: { raw: p.raw, sources, hint: closest ? ` (did you mean \`${closest}\`?)` : '' },
        suggest: closest ? [{ messageId: 'useClosest', data: { closest }, fix: { range: [p.start + inner, p.start + inner + p.name.length], text: closest } }] : undefined,
      });
    }
  },
});

function describeSources(optionsFiles: unknown, count: number): string {
  const where = Array.isArray(optionsFiles) && optionsFiles.length ? 'the Terraform substitutions, the config or the Archy options files' : 'the Terraform substitutions or the config';
  return count ? `${where} for this flow` : `${where} for this flow (they declare no keys)`;
}
