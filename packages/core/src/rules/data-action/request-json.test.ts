import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './request-json.js';

const tester = new RuleTester({ describe, it });
const body = (b: string, more: Parameters<typeof dataActionJson>[0] = {}) => dataActionJson({ body: b, ...more });

tester.run(rule, {
  valid: [
    { name: 'the default template', code: body('${input.rawRequest}') },
    { name: 'references as values, strings and array elements', code: body('{"a": "${input.note}", "n": ${input.count}, "list": [${input.numbers}]}') },
    { name: 'a reference that prints whole members', code: body('[{"data": { ${input.data} }}]') },
    { name: 'members after a reference', code: body('{"a": 1 ${input.more}}') },
    { name: 'optional members in #if blocks', code: body('{\n"key": "${input.Key}"\n#if("$!{input.a}" != "")\n,"a": "$!{input.a}"\n#end\n}') },
    { name: 'if/else branches each valid', code: body('{#if($input.a)"a": 1#else"b": 2#end}') },
    { name: 'a Velocity comment', code: body('## the body\n{"a": 1}') },
    { name: 'an empty body', code: body('') },
    { name: 'GET ignores the body', code: body('{"a": ', { method: 'GET' }) },
    { name: 'not JSON by content type', code: body('<a>${input.note}</a>', { headers: { 'Content-Type': 'application/xml' } }) },
    { name: 'a #foreach building an array', code: body('[#foreach($x in $input.items)"$x"#if($foreach.hasNext),#end#end]') },
  ],
  invalid: [
    {
      name: 'missing comma between properties',
      code: body('{\n  "queueId": "${input.queueId}"\n  "callbackNumbers": ["${input.number}"]\n}'),
      errors: [
        {
          messageId: 'missingCommaProperties',
          message: 'The POST request body is not valid JSON once Velocity references are filled in: a comma is missing between two properties.',
          line: 10,
          suggestions: [
            { messageId: 'insertComma', output: body('{\n  "queueId": "${input.queueId}",\n  "callbackNumbers": ["${input.number}"]\n}') },
          ],
        },
      ],
    },
    {
      name: 'trailing comma',
      code: body('{"a": 1, "b": 2,}', { method: 'PUT' }),
      errors: [
        {
          messageId: 'trailingCommaObject',
          message: 'The PUT request body is not valid JSON once Velocity references are filled in: a trailing comma comes before `}`.',
          ...positionOf(body('{"a": 1, "b": 2,}'), ',}'),
          suggestions: [{ messageId: 'removeComma', output: body('{"a": 1, "b": 2}', { method: 'PUT' }) }],
        },
      ],
    },
    {
      name: 'a raw line break inside a string',
      code: body('{"text": "line one\nline two"}', { method: 'PATCH' }),
      errors: [
        {
          messageId: 'rawLineBreak',
          message: /a string holds a raw line break \(write `\\n`\)\.$/,
          suggestions: [{ messageId: 'escapeControl', output: body('{"text": "line one\\nline two"}', { method: 'PATCH' }) }],
        },
      ],
    },
    {
      name: 'single quotes are not JSON',
      code: body("{'a': 1}"),
      errors: [{ messageId: 'expectedPropertyName', message: /a property name in double quotes was expected where `'` is\.$/, suggestions: null }],
    },
    {
      name: 'unclosed object',
      code: body('{"a": "${input.note}"'),
      errors: [{ messageId: 'expectedCommaOrBraceAtEnd', message: /the body ends where `,` or `}` was expected after a property\.$/ }],
    },
    {
      name: 'text after the body',
      code: body('{"a": 1} extra'),
      errors: [{ messageId: 'unexpectedAfterBody', message: /`e` follows the end of the JSON body\.$/ }],
    },
    {
      name: 'a bad escape',
      code: body('{"a": "x\\q"}'),
      errors: [{ messageId: 'invalidEscape', message: /`\\q` in a string is not a JSON escape\.$/ }],
    },
    {
      name: 'an unclosed string',
      code: body('{"a": "x}'),
      errors: [{ messageId: 'unterminatedString', message: /a string is never closed\.$/ }],
    },
    {
      name: 'a template reference where `:` belongs',
      code: body('{"a" ${input.rest}}'),
      errors: [{ messageId: 'expectedColon', message: /`:` was expected after the property name, where `\$\{…\}` is\.$/ }],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfBody = (b: string) => dataActionTf({ body: b });
tester.run(
  rule,
  await terraformCases({
    valid: [
      { name: 'Terraform: a valid body', code: tfBody('{"note": "$esc.jsonString(${input.note})", "n": ${input.count}}') },
      {
        name: 'Terraform: a body Terraform writes in part (%{ for }) is not judged',
        code: dataActionTf({ body: '{"a": 1 }' }).replace('{\\"a\\": 1 }', '{ %{ for f in var.fields }\\"${f}\\": 1 %{ endfor } }'),
      },
    ],
    invalid: [
      {
        name: 'Terraform: a missing comma, suggestion written in the HCL string',
        code: tfBody('{"a": "x" "b": "y"}'),
        // At the space before `\"b\"` (column 42 of `    request_template     = "{\"a\": \"x\" \"b\": \"y\"}"`), as in JSON.
        errors: [{ messageId: 'missingCommaProperties', line: 8, column: 42, suggestions: [{ messageId: 'insertComma', output: tfBody('{"a": "x", "b": "y"}') }] }],
      },
      {
        name: 'Terraform: a line break inside a string (written `\\n` in HCL) becomes `\\\\n`',
        code: tfBody('{"a": "x\ny"}'),
        errors: [{ messageId: 'rawLineBreak', line: 8, column: 40, suggestions: [{ messageId: 'escapeControl', output: tfBody('{"a": "x\\ny"}') }] }],
      },
    ],
  }),
);
