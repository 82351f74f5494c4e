import { describe, it } from 'vitest';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './dollar-escape.js';

const tester = new RuleTester({ describe, it });

const D = '$';
function action(urlTemplate: string, requestTemplate = `${D}${D}{input.rawRequest}`): string {
  return `resource "genesyscloud_integration_action" "lookup" {
  name           = var.action_name
  category       = "\${var.category}"
  integration_id = var.integration_id
  contract_input = jsonencode({
    "type" = "object"
  })
  config_request {
    request_url_template = "${urlTemplate}"
    request_type         = "POST"
    request_template     = "${requestTemplate}"
  }
  config_response {
    success_template = "${D}${D}{rawResult}"
  }
}
`;
}

const GOOD = action(`/api/v2/conversations/${D}${D}{input.conversationId}/disconnect`);
const BAD = action(`/api/v2/conversations/${D}{input.conversationId}/disconnect`);
const BAD_BODY = action(`/api/v2/x/${D}${D}{input.id}`, `{\\"id\\": \\"${D}{input.id}\\", \\"env\\": \\"${D}{var.env}\\"}`);
const FIXED_BODY = action(`/api/v2/x/${D}${D}{input.id}`, `{\\"id\\": \\"${D}${D}{input.id}\\", \\"env\\": \\"${D}{var.env}\\"}`);
const LOOP = action(
  `/api/v2/x`,
  `{%{ for obj in var.fields }\\"${D}{obj.field}\\": \\"${D}!{input.${D}{obj.field}}\\",%{ endfor }\\"k\\": \\"${D}${D}{input.k}\\"}`,
);
const HEREDOC_BAD = `resource "genesyscloud_integration_action" "h" {
  name = "H"
  config_request {
    request_type     = "POST"
    request_template = <<EOT
{"id": "${D}{input.id}"}
EOT
  }
}
`;
const HEREDOC_GOOD = HEREDOC_BAD.split(`"${D}{input`).join(`"${D}${D}{input`);
await Promise.all([GOOD, BAD, BAD_BODY, FIXED_BODY, LOOP, HEREDOC_BAD, HEREDOC_GOOD].map((t) => prepareTerraform('main.tf', t)));

tester.run(rule, {
  valid: [
    { name: 'escaped Velocity and Terraform references', code: GOOD },
    { name: 'template loop variables are Terraform (the corpus data-table module)', code: LOOP },
  ],
  invalid: [
    {
      name: 'unescaped ${input.…} in the URL template',
      code: BAD,
      errors: [
        {
          messageId: 'unescaped',
          message:
            '`${input.conversationId}` in `config_request.request_url_template` is Terraform interpolation, not Velocity; write `$${input.conversationId}` so the data action receives `${input.conversationId}`.',
          line: 9,
          column: 51,
          endLine: 9,
          endColumn: 74,
        },
      ],
      output: GOOD,
    },
    {
      name: 'inside an escaped JSON body, next to a real Terraform variable',
      code: BAD_BODY,
      errors: [{ messageId: 'unescaped', line: 11, column: 40 }],
      output: FIXED_BODY,
    },
    {
      name: 'in a heredoc',
      code: HEREDOC_BAD,
      errors: [{ messageId: 'unescaped', line: 6, column: 9 }],
      output: HEREDOC_GOOD,
    },
  ],
});
