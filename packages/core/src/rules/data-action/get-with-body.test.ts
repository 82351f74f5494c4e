import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './get-with-body.js';

const tester = new RuleTester({ describe, it });
const get = (b: string, method = 'GET') => dataActionJson({ body: b, method });

tester.run(rule, {
  valid: [
    { name: 'the default template', code: get('${input.rawRequest}') },
    { name: 'quiet default', code: get('$!{input.rawRequest}') },
    { name: 'empty', code: get('') },
    { name: 'POST sends its body', code: get('{"a": "${input.note}"}', 'POST') },
  ],
  invalid: [
    {
      name: 'a GET with a JSON body',
      code: get('{"query": "${input.note}"}'),
      errors: [
        {
          messageId: 'ignored',
          message:
            'GET requests send no body, so this `requestTemplate` is ignored and the inputs it uses never reach the service. Put them in `requestUrlTemplate` (query or path) and reset the template to `${input.rawRequest}`.',
          line: 10,
          column: 26,
          endColumn: 58,
          suggestions: [{ messageId: 'reset', output: get('${input.rawRequest}') }],
        },
      ],
      output: null,
    },
    { name: 'DELETE too', code: get('{"id": 1}', 'DELETE'), errors: [{ suggestions: [{ output: get('${input.rawRequest}', 'DELETE') }] }], output: null },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, edits written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: the default template', code: dataActionTf({ method: 'GET' }) }],
    invalid: [
      {
        name: 'Terraform: a custom body on a GET, reset to "$${input.rawRequest}"',
        code: dataActionTf({ method: 'GET', body: '{"note": "${input.note}"}' }),
        errors: [{ messageId: 'ignored', line: 8, column: 28, endLine: 8, endColumn: 60, suggestions: [{ messageId: 'reset', output: dataActionTf({ method: 'GET' }) }] }],
        output: null,
      },
      {
        name: 'Terraform: a heredoc body is replaced by a quoted string',
        code: dataActionTf({ method: 'DELETE', body: '{"note": "${input.note}"}', heredoc: true }),
        errors: [{ messageId: 'ignored', line: 8, column: 28, endLine: 10, endColumn: 4, suggestions: [{ messageId: 'reset', output: dataActionTf({ method: 'DELETE' }) }] }],
        output: null,
      },
    ],
  }),
);
