import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './json-escape.js';

const tester = new RuleTester({ describe, it });
const body = (b: string, more: Parameters<typeof dataActionJson>[0] = {}) => dataActionJson({ body: b, ...more });

tester.run(rule, {
  valid: [
    { name: 'escaped with $esc.jsonString', code: body('{"note": "$esc.jsonString(${input.note})"}') },
    { name: 'a reference outside quotes is not in a string', code: body('{"count": ${input.count}}') },
    { name: 'Genesys ids (GUIDs) need no escaping', code: body('{"conversationId": "${input.conversationId}"}') },
    { name: 'an integer input cannot hold a quote', code: body('{"count": "${input.count}"}') },
    {
      name: 'an enum of plain words',
      code: body('{"mode": "${input.mode}"}', { inputSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['asc', 'desc'] } } } }),
    },
    { name: 'a uuid format', code: body('{"q": "${input.q}"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', format: 'uuid' } } } }) },
    { name: 'any format (email) is strict-only', code: body('{"q": "${input.q}"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', format: 'email' } } } }) },
    { name: 'an anchored pattern of digits (a phone number)', code: body('{"q": "${input.q}"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', pattern: '^\\+?[0-9]{7,15}$' } } } }) },
    { name: 'GET ignores the body', code: body('{"note": "${input.note}"}', { method: 'GET' }) },
    { name: 'a non-JSON content type', code: body('note=${input.note}', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }) },
    { name: 'a reference in an #if condition is not printed', code: body('{#if("${input.note}" != "")"a": 1#end}') },
    { name: 'a hand-made transformation is left alone', code: body('{"note": "${input.note.replace(\'"\', \'\')}"}') },
    { name: 'participant attribute keys are participant-attributes\' finding', code: body('{"attributes": {"${input.note}": "$esc.jsonString(${input.note})"}}', { url: '/api/v2/conversations/${input.conversationId}/participants/${input.pid}/attributes', method: 'PATCH' }) },
  ],
  invalid: [
    {
      name: 'an unescaped input in a string, after escapes in the same JSON string',
      code: body('{\n  "title": "say \\"hi\\"",\n  "note": "${input.note}"\n}'),
      errors: [
        {
          messageId: 'unescaped',
          message:
            '`${input.note}` is printed inside a JSON string without escaping; a `"`, `\\` or line break in `note` makes the request body invalid JSON. Write `$esc.jsonString(${input.note})`.',
          // The decoded template has the reference at index 36; in the file each `\n` and `\"` is two characters
          // and `\\\"` four, so the column is 28 + 50.
          line: 10,
          column: 78,
          endLine: 10,
          endColumn: 91,
        },
      ],
      output: body('{\n  "title": "say \\"hi\\"",\n  "note": "$esc.jsonString(${input.note})"\n}'),
    },
    {
      name: '$! (quiet) references too, and several in one body',
      code: body('{"a": "$!{input.note}", "b": "x-${input.other}-y"}'),
      errors: [
        { messageId: 'unescaped', ...positionOf(body('{"a": "$!{input.note}", "b": "x-${input.other}-y"}'), '$!{input.note}') },
        { messageId: 'unescaped', ...positionOf(body('{"a": "$!{input.note}", "b": "x-${input.other}-y"}'), '${input.other}') },
      ],
      output: body('{"a": "$!esc.jsonString($!{input.note})", "b": "x-$esc.jsonString(${input.other})-y"}'),
    },
    {
      name: 'short form $input.x and $Input.x',
      code: body('{"a": "$input.note", "b": "$Input.text"}'),
      errors: 2,
      output: body('{"a": "$esc.jsonString($input.note)", "b": "$esc.jsonString($Input.text)"}'),
    },
    {
      name: 'idPattern "" checks ids too',
      code: body('{"conversationId": "${input.conversationId}"}'),
      options: { idPattern: '' },
      errors: [{ messageId: 'unescaped' }],
      output: body('{"conversationId": "$esc.jsonString(${input.conversationId})"}'),
    },
    {
      name: 'strict (checkSchemaSafeInputs): the schema-safe inputs are reported too',
      code: body('{"q": "${input.q}", "n": "${input.count}"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', pattern: '^[0-9]+$' }, count: { type: 'integer' } } } }),
      options: { checkSchemaSafeInputs: true },
      errors: 2,
      output: body('{"q": "$esc.jsonString(${input.q})", "n": "$esc.jsonString(${input.count})"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', pattern: '^[0-9]+$' }, count: { type: 'integer' } } } }),
    },
    {
      name: 'a pattern that lets anything through (.*) still needs escaping',
      code: body('{"q": "${input.q}"}', { inputSchema: { type: 'object', properties: { q: { type: 'string', pattern: '^.*$' } } } }),
      errors: 1,
    },
    {
      name: 'inside both branches of an #if/#else',
      code: body('{#if($input.note)"a": "${input.note}"#else"a": "${input.other}"#end}'),
      errors: 2,
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfBody = (b: string, more: Parameters<typeof dataActionTf>[0] = {}) => dataActionTf({ body: b, ...more });
const UNESCAPED = tfBody('{"note": "${input.note}"}').replace('$${input.note}', () => '${input.note}');
// Terraform writes `{"count":1,"note":"x ${input.note}","to":{"id":"${input.conversationId}"}}` (keys sorted).
const JSONENCODED = tfBody('-').replace('"-"', () => 'jsonencode({\n      note  = "x $${input.note}"\n      count = 1\n      to    = { id = "$${input.conversationId}" }\n    })');
tester.run(
  rule,
  await terraformCases({
    valid: [
      { name: 'Terraform: escaped with $esc.jsonString', code: tfBody('{"note": "$esc.jsonString(${input.note})"}') },
      { name: 'Terraform: GET ignores the body', code: tfBody('{"note": "${input.note}"}', { method: 'GET' }) },
      { name: 'Terraform: a Genesys id', code: tfBody('{"conversationId": "${input.conversationId}"}') },
    ],
    invalid: [
      {
        name: 'Terraform: an unescaped input in a quoted HCL string, after HCL escapes on the same line',
        code: tfBody('{"title": "say \\"hi\\"", "note": "${input.note}"}'),
        // Line 8 is `    request_template     = "{\"title\": \"say \\\"hi\\\"\", \"note\": \"$${input.note}\"}"`:
        // the reference is written `$${input.note}` (14 characters) from column 73.
        errors: [{ messageId: 'unescaped', line: 8, column: 73, endLine: 8, endColumn: 87 }],
        output: tfBody('{"title": "say \\"hi\\"", "note": "$esc.jsonString(${input.note})"}'),
      },
      {
        name: 'Terraform: in a heredoc',
        code: tfBody('{\n  "note": "${input.note}"\n}', { heredoc: true }),
        errors: [{ messageId: 'unescaped', line: 10, column: 12, endLine: 10, endColumn: 26 }],
        output: tfBody('{\n  "note": "$esc.jsonString(${input.note})"\n}', { heredoc: true }),
      },
      {
        name: 'Terraform: request_template = jsonencode({...}): found in the HCL string, fixed there',
        code: JSONENCODED,
        errors: [{ messageId: 'unescaped', ...positionOf(JSONENCODED, '$${input.note}') }],
        output: JSONENCODED.replace('"x $${input.note}"', () => '"x $esc.jsonString($${input.note})"'),
      },
      {
        // Written `${input.note}` it is Terraform interpolation: terraform/dollar-escape's fix (`$`) goes first, at the
        // same place; a second insertion there would give `$$esc.jsonString(…)`. The next --fix pass wraps it.
        name: 'Terraform: an unescaped `${` (Terraform interpolation) is reported without a fix',
        code: UNESCAPED,
        errors: [{ messageId: 'unescaped', ...positionOf(UNESCAPED, '${input.note}') }],
        output: null,
      },
      {
        name: 'Terraform: the fix is written with $${ (checked as text)',
        code: tfBody('{"a": "$!{input.note}"}'),
        errors: [{ messageId: 'unescaped', ...positionOf(tfBody('{"a": "$!{input.note}"}'), '$!{input.note}') }],
        output: tfBody('{"a": "$!{input.note}"}').replace('\\"$!{input.note}\\"', '\\"$!esc.jsonString($!{input.note})\\"'),
      },
    ],
  }),
);
