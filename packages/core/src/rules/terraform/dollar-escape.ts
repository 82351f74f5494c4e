import { findAttribute, isTerraformReference, terraformResources, type TerraformResource } from '../../model/terraform.js';
import { defineRule, ruleDocsUrl, type RuleContext } from '../rule.js';

const id = 'terraform/dollar-escape';

/** Attributes that are Terraform expressions, not Velocity templates. */
const NOT_TEMPLATES = new Set(['contract_input', 'contract_output', 'name', 'category', 'integration_id', 'secure', 'depends_on']);

/** `${…}` not preceded by another `$` (HCL's escape for a literal `${` is `$${`). */
const INTERPOLATION = /(?<!\$)\$\{([^{}]*)\}/g;

/**
 * Data-action templates are Velocity (`${input.id}`), and HCL reads `${…}` in any string as Terraform
 * interpolation: `terraform plan` fails with "Reference to undeclared resource" or "Invalid reference", or, when
 * the name happens to exist, deploys the wrong text. A literal `${` must be written `$${` in HCL.
 */
export default defineRule({
  meta: {
    id,
    description: 'Velocity `${…}` in a Terraform data-action template must be escaped as `$${…}`.',
    severity: 'error',
    kinds: ['terraform'],
    fixable: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      unescaped:
        '`${{{expression}}}` in `{{attribute}}` is Terraform interpolation, not Velocity; write `$${{{expression}}}` so the data action receives `${{{expression}}}`.',
    },
  },
  check(context) {
    for (const resource of terraformResources(context.file)) {
      if (!resource.type.startsWith('genesyscloud_integration')) continue;
      for (const [key, value] of Object.entries(resource.body)) {
        if (!NOT_TEMPLATES.has(key)) visit(context, resource, [key], value);
      }
    }
  },
});

function visit(context: RuleContext, resource: TerraformResource, path: string[], value: unknown): void {
  if (typeof value === 'string') {
    checkString(context, resource, path, value);
  } else if (Array.isArray(value)) {
    // hcl2json writes a nested block as a list of one object; the path to it has no index.
    for (const v of value) visit(context, resource, path, v);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) visit(context, resource, [...path, k], v);
  }
}

function checkString(context: RuleContext, resource: TerraformResource, path: string[], value: string): void {
  if (value.indexOf('${') === -1) return;
  const bad: { expression: string; nth: number }[] = [];
  let nth = 0;
  INTERPOLATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  // `%{ for obj in var.fields }…${obj.field}…%{ endfor }`: template loop variables are Terraform's too.
  const loopVariables = new Set<string>();
  for (const f of value.matchAll(/%\{~?\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/g)) {
    loopVariables.add(f[1]);
    if (f[2]) loopVariables.add(f[2]);
  }
  while ((m = INTERPOLATION.exec(value))) {
    const first = /^\s*([A-Za-z_][\w-]*)/.exec(m[1])?.[1];
    if (!isTerraformReference(m[1]) && !(first && loopVariables.has(first))) bad.push({ expression: m[1], nth });
    nth++;
  }
  if (!bad.length) return;
  const where = findAttribute(resource, path);
  if (!where) return;
  // The same `${` occurrences, in order, in the attribute's text (hcl2json keeps templates as written).
  const raw = context.text.slice(where.valueRange[0], where.valueRange[1]);
  const offsets: number[] = [];
  INTERPOLATION.lastIndex = 0;
  while ((m = INTERPOLATION.exec(raw))) offsets.push(where.valueRange[0] + m.index);
  const attribute = path.join('.');
  for (const b of bad) {
    const at = offsets[b.nth];
    if (at === undefined) continue;
    context.report({
      range: [at, at + b.expression.length + 3],
      messageId: 'unescaped',
      data: { expression: b.expression, attribute },
      fix: { range: [at, at], text: '$' },
    });
  }
}
