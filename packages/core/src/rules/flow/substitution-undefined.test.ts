import { describe, it } from 'vitest';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './substitution-undefined.js';

const tester = new RuleTester({ describe, it });

const FLOW = `inboundCall:
  name: "{{flow_name}}"
  defaultLanguage: en-us
  division: {{division}}
`;

function tf(filepath: string, substitutions: string): string {
  return `resource "genesyscloud_flow" "support" {
  filepath = "${filepath}"
  substitutions = ${substitutions}
}
`;
}

const BOTH = tf('$' + '{path.module}/support.yaml', '{\n    flow_name = "Support"\n    division  = var.division\n  }');
const NAME_ONLY = tf('$' + '{path.module}/support.yaml', '{\n    flow_name = "Support"\n  }');
const AS_EXPRESSION = tf('$' + '{path.module}/support.yaml', 'var.flow_substitutions');
const FROM_ROOT = tf('./modules/flow/support.yaml', '{\n    flow_name = "Support"\n  }');
const OTHER_FLOW = tf('$' + '{path.module}/other.yaml', '{\n    flow_name = "Other"\n  }');
// Terraform is parsed asynchronously (WebAssembly); prepare once so the synchronous RuleTester sees it parsed.
await Promise.all([BOTH, NAME_ONLY, AS_EXPRESSION, FROM_ROOT, OTHER_FLOW].map((t) => prepareTerraform('main.tf', t)));

const filename = 'infra/flows/support.yaml';

tester.run(rule, {
  valid: [
    { name: 'every placeholder declared in the Terraform substitutions', filename, code: FLOW, files: [{ path: 'infra/flows/main.tf', text: BOTH }] },
    { name: 'no source describes this flow: nothing can be known', filename, code: FLOW },
    { name: 'a .tf that deploys another flow says nothing about this one', filename, code: FLOW, files: [{ path: 'infra/flows/main.tf', text: OTHER_FLOW }] },
    { name: 'substitutions written as an expression: keys unknown', filename, code: FLOW, files: [{ path: 'infra/flows/main.tf', text: AS_EXPRESSION }] },
    { name: 'settings.substitutions', filename, code: FLOW, settings: { substitutions: ['flow_name', 'division'] } },
    {
      name: 'Terraform plus settings.substitutions',
      filename,
      code: FLOW,
      settings: { substitutions: ['division'] },
      files: [{ path: 'infra/flows/main.tf', text: NAME_ONLY }],
    },
    {
      name: 'spaces inside the braces: reported only where Terraform deploys the flow (Archy unverified)',
      filename,
      code: FLOW.replace('{{division}}', '{{ division }}'),
      settings: { substitutions: ['flow_name', 'division'] },
    },
    {
      name: 'an Archy options file named in settings.archyOptionsFiles',
      filename,
      code: FLOW,
      settings: { archyOptionsFiles: ['archy/options.yaml'] },
      files: [{ path: 'archy/options.yaml', text: 'substitutions:\n  flow_name: Support\n  division: Home\n' }],
    },
  ],
  invalid: [
    {
      name: 'a placeholder the Terraform resource does not declare',
      filename,
      code: FLOW,
      files: [{ path: 'infra/flows/main.tf', text: NAME_ONLY }],
      errors: [
        {
          messageId: 'undefined',
          message:
            '`{{division}}` is not provided by the Terraform substitutions or the config for this flow, so Terraform deploys the flow with the literal text `{{division}}`.',
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a misspelt key: the declared one is suggested',
      filename,
      code: FLOW.replace('{{flow_name}}', '{{flow_nam}}'),
      files: [{ path: 'infra/flows/main.tf', text: BOTH }],
      errors: [{ messageId: 'undefinedClosest', line: 2, column: 10, suggestions: [{ messageId: 'useClosest', output: FLOW }] }],
    },
    {
      name: 'filepath relative to the root module (an ancestor of the module folder)',
      filename: 'infra/modules/flow/support.yaml',
      code: FLOW,
      files: [{ path: 'infra/modules/flow/flow.tf', text: FROM_ROOT }],
      errors: [{ messageId: 'undefined', line: 4 }],
    },
    {
      name: 'an options file without the key',
      filename,
      code: FLOW,
      settings: { archyOptionsFiles: ['archy/options.yaml'] },
      files: [{ path: 'archy/options.yaml', text: 'substitutions:\n  flow_name: Support\n' }],
      errors: [{ messageId: 'undefinedNotTerraformOptionsFiles', message: /Archy options files for this flow, so the flow is deployed with the literal text \(Terraform\) or the deployment stops at the unknown key \(Archy\)/, line: 4 }],
    },
    {
      name: 'settings.substitutions without the key, no Terraform: Terraform or Archy may deploy it',
      filename,
      code: FLOW,
      settings: { substitutions: ['flow_name'] },
      errors: [
        {
          messageId: 'undefinedNotTerraform',
          message:
            '`{{division}}` is not provided by the Terraform substitutions or the config for this flow, so the flow is deployed with the literal text (Terraform) or the deployment stops at the unknown key (Archy).',
        },
      ],
    },
    {
      name: 'settings.substitutions with a close key, no Terraform',
      filename,
      code: FLOW,
      settings: { substitutions: ['flow_name', 'divisions'] },
      errors: [{ messageId: 'undefinedNotTerraformClosest', message: /the deployment stops at the unknown key \(Archy\) \(did you mean `divisions`\?\)\.$/ }],
    },
    {
      name: 'an options file configured, Terraform deploys the flow',
      filename,
      code: FLOW,
      settings: { archyOptionsFiles: ['archy/options.yaml'] },
      files: [{ path: 'archy/options.yaml', text: 'substitutions:\n  flow_name: Support\n' }, { path: 'infra/flows/main.tf', text: NAME_ONLY }],
      errors: [
        {
          messageId: 'undefinedOptionsFiles',
          message:
            '`{{division}}` is not provided by the Terraform substitutions, the config or the Archy options files for this flow, so Terraform deploys the flow with the literal text `{{division}}`.',
        },
      ],
    },
    {
      name: 'a placeholder with spaces is never replaced by Terraform: fixed to the exact text',
      filename,
      code: FLOW.replace('{{division}}', '{{ division }}'),
      files: [{ path: 'infra/flows/main.tf', text: BOTH }],
      errors: [
        {
          messageId: 'spaced',
          message:
            '`{{ division }}` has spaces inside the braces; the CX-as-Code provider replaces only the exact text `{{division}}`, so Terraform deploys the flow with the literal text `{{ division }}`. Write `{{division}}`.',
          line: 4,
          column: 13,
        },
      ],
      output: FLOW,
    },
    {
      name: 'an undeclared placeholder inside a participant-data key is literal-key\'s finding; one elsewhere is still reported',
      filename,
      code: FLOW + '  startUpTaskActions:\n    - setParticipantData:\n        name: Set\n        attributes:\n          - attribute:\n              name:\n                lit: "{{session}}"\n              value:\n                lit: x\n',
      files: [{ path: 'infra/flows/main.tf', text: NAME_ONLY }],
      errors: [{ messageId: 'undefined', line: 4 }],
    },
  ],
});
