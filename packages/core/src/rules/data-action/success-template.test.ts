import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './success-template.js';

const tester = new RuleTester({ describe, it });
const schema = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, ...extra });
const response = (successTemplate: string, translationMap: Record<string, string>, successSchema = schema({ lastName: { type: 'string' }, phone: { type: 'string' }, phones: { type: 'array', items: { type: 'string' } } })) =>
  dataActionJson({ method: 'GET', successTemplate, translationMap, successSchema });

tester.run(rule, {
  valid: [
    { name: 'values inserted unquoted', code: response('{"lastName": ${lastName}}', { lastName: '$.name.last' }) },
    { name: 'an escaped value inside a longer string is the author\'s choice', code: response('{"lastName": "Mr $esc.jsonString(${lastName})"}', { lastName: '$.name.last' }) },
    { name: 'a filter mapped to an array output', code: response('{"phones": ${phones}}', { phones: "$.items[?(@.type=='home')].number" }) },
    { name: 'firstFromArray unwraps it', code: response('{"phone": $successTemplateUtils.firstFromArray("${phones}")}', { phones: "$.items[?(@.type=='home')].number" }) },
    { name: '${rawResult} as the whole output', code: response('${rawResult}', {}) },
    { name: 'additionalProperties: true accepts other keys', code: response('{"other": ${lastName}}', { lastName: '$.a' }, schema({ lastName: { type: 'string' } }, { additionalProperties: true })) },
  ],
  invalid: [
    {
      name: 'a quoted string reference: suggestion removes the quotes',
      code: response('{"lastName": "${lastName}"}', { lastName: '$.name.last' }),
      errors: [
        {
          messageId: 'quoted',
          message:
            '`"${lastName}"` quotes a translation-map value, but the value is inserted as JSON (a string already carries its quotes), so a string prints as `""…""` and the response fails to resolve. Write `${lastName}` without the quotes.',
          ...positionOf(response('{"lastName": "${lastName}"}', { lastName: '$.name.last' }), '\\"${lastName}'),
          suggestions: [{ desc: 'Remove the quotes around `${lastName}`.', output: response('{"lastName": ${lastName}}', { lastName: '$.name.last' }) }],
        },
      ],
      output: null,
    },
    {
      name: 'a filter mapped onto a string output',
      code: response('{"phone": ${phones}}', { phones: "$.items[?(@.type=='home')].number" }),
      errors: [{ messageId: 'arrayToScalar', message: /`\$\{phones\}` is the translation-map path `\$\.items\[\?\(@\.type=='home'\)\]\.number`, which has a filter and always yields an array, but the success schema types `phone` as string/ }],
    },
    {
      name: 'a union mapped onto a string output',
      code: response('{"phone": ${two}}', { two: '$.items[0,1].number' }),
      errors: [{ messageId: 'arrayToScalarUnionOrSlice', message: /`\$\{two\}` is the translation-map path `\$\.items\[0,1\]\.number`, which has a union or slice and always yields an array/ }],
    },
    {
      name: 'a wildcard and a deep scan',
      code: response('{"phone": ${all}, "lastName": ${deep}}', { all: '$.items[*].number', deep: '$..last' }),
      errors: [{ messageId: 'arrayToScalarWildcard', message: /wildcard/ }, { messageId: 'arrayToScalarDeepScan', message: /deep scan/ }],
    },
    {
      name: 'a key the success schema does not declare (case differs)',
      code: response('{"LastName": ${lastName}}', { lastName: '$.name.last' }),
      errors: [
        {
          messageId: 'undeclaredKeyCase',
          message: "`LastName` is not a property of the success schema, so no flow can read it (Architect offers only the schema's properties as outputs) (the schema has `lastName`; names are case-sensitive).",
          ...positionOf(response('{"LastName": ${lastName}}', { lastName: '$.name.last' }), '\\"LastName'),
        },
      ],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfTpl = (t: string, more: Parameters<typeof dataActionTf>[0] = {}) => dataActionTf({ translationMap: { state: '$.state' }, successTemplate: t, ...more });
tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: an unquoted value', code: tfTpl('{"state": ${state}}') }],
    invalid: [
      {
        name: 'Terraform: a quoted translation-map value',
        code: tfTpl('{"state": "${state}"}'),
        errors: [{ messageId: 'quoted', ...positionOf(tfTpl('{"state": "${state}"}'), '\\"$${state}\\"'), suggestions: [{ messageId: 'unquote', output: tfTpl('{"state": ${state}}') }] }],
      },
      {
        name: 'Terraform: inside jsonencode({...}) the quotes are Terraform\'s: reported, no suggestion',
        code: tfTpl('-').replace('success_template         = "-"', () => 'success_template         = jsonencode({ state = "$${state}" })'),
        errors: [{ messageId: 'quoted', ...positionOf(tfTpl('-').replace('success_template         = "-"', () => 'success_template         = jsonencode({ state = "$${state}" })'), '"$${state}"'), suggestions: null }],
      },
      {
        name: 'Terraform: a key the success schema does not declare',
        code: tfTpl('{"stat": ${state}}', { successSchema: { type: 'object', properties: { state: { type: 'string' } }, additionalProperties: false } }),
        errors: [{ messageId: 'undeclaredKey', line: 14, column: 34 }],
      },
    ],
  }),
);
