import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './contract-schema.js';

const tester = new RuleTester({ describe, it });
const draft04 = 'http://json-schema.org/draft-04/schema#';

/** An exported action whose contract has no `successSchema`. */
function withoutSuccessSchema(): string {
  const action = JSON.parse(dataActionJson());
  delete action.contract.output.successSchema;
  return JSON.stringify(action, null, 2);
}

tester.run(rule, {
  valid: [
    { name: 'the default contract', code: dataActionJson() },
    {
      name: 'a draft-04 schema as Genesys exports write them',
      code: dataActionJson({ inputSchema: { $schema: draft04, title: 'Req', type: 'object', required: ['a'], properties: { a: { type: 'number' } }, additionalProperties: true } }),
    },
    {
      name: 'a success schema that is an array of objects (Salesforce search exports)',
      code: dataActionJson({ successSchema: { $schema: draft04, type: 'array', properties: {}, items: { type: 'object', properties: { Name: { type: 'string' } } } } }),
    },
    { name: 'annotations Genesys adds are not errors', code: dataActionJson({ inputSchema: { type: 'object', displayName: 'x', properties: { a: { type: 'string', 'x-note': 1 } } } }) },
  ],
  invalid: [
    {
      name: 'a misspelled type',
      code: dataActionJson({ inputSchema: { type: 'object', properties: { a: { type: 'strng' } } } }),
      errors: [
        {
          messageId: 'invalid',
          message: /^`inputSchema` is not a valid JSON Schema: `inputSchema\/properties\/a\/type` must be/,
          ...positionOf(dataActionJson({ inputSchema: { type: 'object', properties: { a: { type: 'strng' } } } }), '"strng"'),
        },
      ],
    },
    {
      name: 'required must be an array',
      code: dataActionJson({ inputSchema: { type: 'object', required: 'a', properties: { a: { type: 'string' } } } }),
      errors: [{ messageId: 'invalid', message: /`inputSchema\/required` must be array/, ...positionOf(dataActionJson({ inputSchema: { type: 'object', required: 'a', properties: { a: { type: 'string' } } } }), '"a",') }],
    },
    {
      name: 'an input contract that is not an object',
      code: dataActionJson({ inputSchema: { type: 'string' } }),
      errors: [{ messageId: 'inputNotObject', message: '`inputSchema` must describe an object (`"type": "object"`): Architect maps its properties to the action\'s inputs.' }],
    },
    {
      name: 'a success contract that is a string',
      code: dataActionJson({ successSchema: { type: 'string' } }),
      errors: [{ messageId: 'successNotObject', message: /^`successSchema` must describe an object .* or an array of objects/ }],
    },
    {
      name: 'a contract without a success schema',
      code: withoutSuccessSchema(),
      errors: [{ messageId: 'missing', message: 'The contract has no `successSchema`; the platform rejects the action on import.' }],
    },
    {
      name: 'a draft-04 boolean exclusiveMinimum is fine in draft-04, a draft-07 one is not',
      code: dataActionJson({ inputSchema: { type: 'object', properties: { n: { type: 'number', minimum: 0, exclusiveMinimum: true } } } }),
      errors: [{ messageId: 'invalid', message: /exclusiveMinimum` must be number/ }],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: jsonencode({...}) contracts', code: dataActionTf() }],
    invalid: [
      {
        name: 'Terraform: an invalid type inside jsonencode, at its value',
        code: dataActionTf({ inputSchema: { type: 'object', properties: { a: { type: 'strin' } } } }),
        errors: [{ messageId: 'invalid', ...positionOf(dataActionTf({ inputSchema: { type: 'object', properties: { a: { type: 'strin' } } } }), '"strin"') }],
      },
      {
        name: 'Terraform: a contract_input that is not an object',
        code: dataActionTf({ inputSchema: { type: 'string' } }),
        errors: [{ messageId: 'inputNotObject', ...positionOf(dataActionTf({ inputSchema: { type: 'string' } }), '"string"') }],
      },
    ],
  }),
);
