import { defineRule, ruleDocsUrl } from '../rule.js';
import { closestKey } from '../closest-name.js';
import { deployedByTerraform } from '../../model/terraform.js';
import { participantAttributes } from '../../model/participant-data.js';
import type { Placeholder } from '../../parse/substitutions.js';
import type { RuleContext } from '../rule.js';

const id = 'flow/substitution-undefined';

/**
 * `{{key}}` placeholders are filled in at deploy time by Terraform (`genesyscloud_flow.substitutions`) or Archy
 * (`--optionsFile`). The CX-as-Code provider replaces each key's exact text `{{key}}` in the file
 * (`strings.Replace(fileContents, fmt.Sprintf("{{%s}}", k), …)` in `genesyscloud/util/files/util_files.go`):
 * a key it does not provide, or a placeholder written with spaces (`{{ key }}`), stays in the flow as literal
 * text — a flow named `{{flow_name}}`, a queue lookup for `{{queue}}` that fails at run time. The rule reports
 * only for flows whose substitutions some source describes (a `.tf` that deploys the flow,
 * `settings.substitutions`, or an options file in `settings.archyOptionsFiles`).
 *
 * A placeholder inside a Set/Get Participant Data attribute name is participant-data/literal-key's finding
 * (one finding per cause); this rule stays quiet there.
 */
export default defineRule({
  meta: {
    id,
    description: '`{{key}}` substitutions in a flow must be provided by the Terraform resource or Archy options that deploy it.',
    severity: 'error',
    kinds: ['flow'],
    fixable: true,
    hasSuggestions: true,
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      // Where the substitutions come from and who deploys the flow pick the sentence.
      undefined: '`{{raw}}` is not provided by the Terraform substitutions or the config for this flow, so Terraform deploys the flow with the literal text `{{raw}}`.',
      undefinedClosest: '`{{raw}}` is not provided by the Terraform substitutions or the config for this flow, so Terraform deploys the flow with the literal text `{{raw}}` (did you mean `{{closest}}`?).',
      undefinedNotTerraform: '`{{raw}}` is not provided by the Terraform substitutions or the config for this flow, so the flow is deployed with the literal text (Terraform) or the deployment stops at the unknown key (Archy).',
      undefinedNotTerraformClosest: '`{{raw}}` is not provided by the Terraform substitutions or the config for this flow, so the flow is deployed with the literal text (Terraform) or the deployment stops at the unknown key (Archy) (did you mean `{{closest}}`?).',
      undefinedOptionsFiles: '`{{raw}}` is not provided by the Terraform substitutions, the config or the Archy options files for this flow, so Terraform deploys the flow with the literal text `{{raw}}`.',
      undefinedOptionsFilesClosest: '`{{raw}}` is not provided by the Terraform substitutions, the config or the Archy options files for this flow, so Terraform deploys the flow with the literal text `{{raw}}` (did you mean `{{closest}}`?).',
      undefinedNotTerraformOptionsFiles: '`{{raw}}` is not provided by the Terraform substitutions, the config or the Archy options files for this flow, so the flow is deployed with the literal text (Terraform) or the deployment stops at the unknown key (Archy).',
      undefinedNotTerraformOptionsFilesClosest: '`{{raw}}` is not provided by the Terraform substitutions, the config or the Archy options files for this flow, so the flow is deployed with the literal text (Terraform) or the deployment stops at the unknown key (Archy) (did you mean `{{closest}}`?).',
      spaced:
        '`{{raw}}` has spaces inside the braces; the CX-as-Code provider replaces only the exact text `{{exact}}`, so Terraform deploys the flow with the literal text `{{raw}}`. Write `{{exact}}`.',
      empty: '`{{}}` is an empty substitution; it is deployed as literal text.',
      useClosest: 'Use `{{closest}}`.',
    },
  },
  check(context) {
    const placeholders = context.file.placeholders;
    if (!placeholders.length) return;
    const { names, known } = context.project.substitutionsFor(context.file);
    if (!known) return;
    const terraform = deployedByTerraform(context.project, context.file);
    const optionsFiles = Array.isArray(context.project.settings.archyOptionsFiles) && context.project.settings.archyOptionsFiles.length > 0;
    // Terraform replaces what it knows and uploads the rest as is; Archy with an options file stops at a key it
    // does not define (reported in the issue tracker; see the rule's doc).
    const messageId = `undefined${terraform ? '' : 'NotTerraform'}${optionsFiles ? 'OptionsFiles' : ''}`;
    const keyRanges = participantKeyRanges(context);
    for (const p of placeholders) {
      if (names.has(p.name)) {
        if (terraform && p.raw !== `{{${p.name}}}`) reportSpaced(context, p);
        continue;
      }
      if (p.name === '') {
        context.report({ range: [p.start, p.end], messageId: 'empty' });
        continue;
      }
      if (keyRanges.some(([s, e]) => p.start >= s && p.end <= e)) continue;
      const closest = closestKey(p.name, names);
      const inner = p.raw.indexOf(p.name);
      context.report({
        range: [p.start, p.end],
        messageId: closest ? `${messageId}Closest` : messageId,
        data: { raw: p.raw, closest: closest ?? '' },
        suggest: closest ? [{ messageId: 'useClosest', data: { closest }, fix: { range: [p.start + inner, p.start + inner + p.name.length], text: closest } }] : undefined,
      });
    }
  },
});

/** `{{ key }}` → `{{key}}`: certain, the key is the one the author wrote and the deployment provides. */
function reportSpaced(context: RuleContext, p: Placeholder): void {
  const exact = `{{${p.name}}}`;
  context.report({ range: [p.start, p.end], messageId: 'spaced', data: { raw: p.raw, exact }, fix: { range: [p.start, p.end], text: exact } });
}

/** Source ranges of participant-data attribute names written as literals (literal-key reports templates there). */
function participantKeyRanges(context: RuleContext): [number, number][] {
  const out: [number, number][] = [];
  for (const attr of participantAttributes(context.file)) {
    const name = attr.name;
    if (name && (name.kind === 'lit' || name.kind === 'bare') && name.scalar) out.push([name.scalar.range[0], name.scalar.range[1]]);
  }
  return out;
}
