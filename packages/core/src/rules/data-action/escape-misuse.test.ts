import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './escape-misuse.js';

const tester = new RuleTester({ describe, it });
// DEFAULT_INPUT_SCHEMA: conversationId (string), note (string), count (integer).
const body = (b: string, more: Parameters<typeof dataActionJson>[0] = {}) => dataActionJson({ body: b, ...more });

tester.run(rule, {
  valid: [
    { name: '$esc.jsonString inside a JSON string', code: body('{"note": "$esc.jsonString(${input.note})"}') },
    { name: 'a number input printed bare through jsonString is a valid number', code: body('{"count": $esc.jsonString(${input.count})}') },
    { name: 'GET has no body', code: body('{"note": $esc.jsonString(${input.note})}', { method: 'GET' }) },
    { name: 'a form body is not JSON', code: body('note=$esc.javascript(${input.note})', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }) },
  ],
  invalid: [
    {
      name: '$esc.jsonString outside a string, the input a string: quoted by the fix',
      code: body('{"note": $esc.jsonString(${input.note})}'),
      errors: [
        {
          messageId: 'jsonStringOutside',
          message:
            '`$esc.jsonString(${input.note})` is not inside a JSON string: `$esc.jsonString` prints the escaped text without quotes, so a string value renders bare and the body is invalid JSON. Put it in quotes: `"$esc.jsonString(${input.note})"`.',
          ...positionOf(body('{"note": $esc.jsonString(${input.note})}'), '$esc.jsonString'),
          suggestions: [{ desc: 'Put it in quotes: `"$esc.jsonString(${input.note})"`.', output: body('{"note": "$esc.jsonString(${input.note})"}') }],
        },
      ],
      output: body('{"note": "$esc.jsonString(${input.note})"}'),
    },
    {
      name: 'an input without a type: quoting is only suggested',
      code: body('{"x": $esc.jsonString(${input.other})}', { inputSchema: { type: 'object', properties: { other: {} } } }),
      errors: [{ messageId: 'jsonStringOutside', suggestions: [{ output: body('{"x": "$esc.jsonString(${input.other})"}', { inputSchema: { type: 'object', properties: { other: {} } } }) }] }],
      output: null,
    },
    {
      name: '$esc.javascript in a JSON body: replaced by $esc.jsonString',
      code: body('{"note": "$esc.javascript(${input.note})"}'),
      errors: [{ messageId: 'javascript', message: /an apostrophe becomes `\\'`, which JSON does not allow/ }],
      output: body('{"note": "$esc.jsonString(${input.note})"}'),
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfBody = (b: string) => dataActionTf({ body: b });
tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: $esc.jsonString inside a string', code: tfBody('{"a": "$esc.jsonString(${input.note})"}') }],
    invalid: [
      {
        name: 'Terraform: $esc.javascript',
        code: tfBody('{"a": "$esc.javascript(${input.note})"}'),
        errors: [{ messageId: 'javascript', ...positionOf(tfBody('{"a": "$esc.javascript(${input.note})"}'), '$esc.javascript') }],
        output: tfBody('{"a": "$esc.jsonString(${input.note})"}'),
      },
      {
        name: 'Terraform: $esc.jsonString outside a string: quotes written as `\\"` in HCL',
        code: tfBody('{"a": $esc.jsonString(${input.note})}'),
        errors: [{ messageId: 'jsonStringOutside', line: 8, column: 37, suggestions: [{ messageId: 'addQuotes', output: tfBody('{"a": "$esc.jsonString(${input.note})"}') }] }],
        output: tfBody('{"a": "$esc.jsonString(${input.note})"}'),
      },
    ],
  }),
);
