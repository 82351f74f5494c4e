import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './participant-attributes.js';

const tester = new RuleTester({ describe, it });
const PATCH_URL = '/api/v2/conversations/${input.conversationId}/participants/${input.participantId}/attributes';
const patch = (body: string, url = PATCH_URL) => dataActionJson({ method: 'PATCH', url, body });

tester.run(rule, {
  valid: [
    { name: 'literal keys, string values', code: patch('{"attributes": {"callbackReason": "$esc.jsonString(${input.reason})", "source": "ivr"}}') },
    { name: 'an escaped templated key (the supported dynamic key)', code: patch('{"attributes": {"$esc.jsonString(${input.key})": "$esc.jsonString($!{input.value})"}}') },
    { name: 'the whole map from an input', code: patch('{\n  "attributes": ${input.attributes}\n}') },
    { name: 'not a participant-attributes call', code: dataActionJson({ method: 'PATCH', url: '/api/v2/routing/conversations/${input.conversationId}', body: '{"priority": 5}' }) },
    { name: 'a POST to the same path is another API', code: dataActionJson({ method: 'POST', url: PATCH_URL, body: '{"attributes": {"n": 5}}' }) },
  ],
  invalid: [
    {
      name: 'the public Set-Participant-Attribute module: the unescaped value is the error, fixed; the key is strict-only',
      code: patch('{\n"attributes": { "${input.key}": "$!{input.value}" }\n}'),
      errors: [
        {
          messageId: 'unescapedValue',
          message:
            'Participant attribute `${input.key}` takes its value from `$!{input.value}` inside a JSON string without escaping; a `"`, `\\` or line break in `value` makes the PATCH body invalid JSON (400). Write `$!esc.jsonString($!{input.value})`.',
          ...positionOf(patch('{\n"attributes": { "${input.key}": "$!{input.value}" }\n}'), '$!{input.value}'),
        },
      ],
      output: patch('{\n"attributes": { "${input.key}": "$!esc.jsonString($!{input.value})" }\n}'),
    },
    {
      name: 'strict (checkTemplatedKeys): templated key without escaping',
      code: patch('{\n"attributes": { "${input.key}": "$esc.jsonString($!{input.value})" }\n}'),
      options: { checkTemplatedKeys: true },
      errors: [
        {
          messageId: 'templatedKey',
          message: 'The attribute key `${input.key}` is templated without escaping; a `"` or `\\` in `key` breaks the request body. Write `$esc.jsonString(${input.key})`.',
          ...positionOf(patch('{\n"attributes": { "${input.key}": "$esc.jsonString($!{input.value})" }\n}'), '${input.key}'),
          endColumn: positionOf(patch('{\n"attributes": { "${input.key}": "$esc.jsonString($!{input.value})" }\n}'), '${input.key}').column + 12,
          suggestions: [{ messageId: 'escapeRef', output: patch('{\n"attributes": { "$esc.jsonString(${input.key})": "$esc.jsonString($!{input.value})" }\n}') }],
        },
      ],
    },
    {
      name: 'number and boolean values',
      code: patch('{"attributes": {"retries": 3, "vip": true}}'),
      errors: [
        {
          messageId: 'nonString',
          message: 'Participant attribute `retries` has a number value; participant data values are strings, so the PATCH is rejected (400). Quote it.',
          ...positionOf(patch('{"attributes": {"retries": 3, "vip": true}}'), '3,'),
          suggestions: [{ messageId: 'quoteValue', desc: 'Quote the value: `"3"`.', output: patch('{"attributes": {"retries": "3", "vip": true}}') }],
        },
        { messageId: 'nonStringLiteral', message: /`vip` has the value `true`;/, suggestions: [{ output: patch('{"attributes": {"retries": 3, "vip": "true"}}') }] },
      ],
    },
    {
      name: 'an object value',
      code: patch('{"attributes": {"ctx": {"a": "b"}}}'),
      errors: [{ messageId: 'nonString', message: /`ctx` has a object value/, suggestions: null }],
    },
    {
      name: 'an unquoted reference as the value',
      code: patch('{"attributes": {"score": ${input.score}}}'),
      errors: [
        {
          messageId: 'unquotedRef',
          ...positionOf(patch('{"attributes": {"score": ${input.score}}}'), '${input.score}'),
          suggestions: [{ messageId: 'escapeRef', output: patch('{"attributes": {"score": "$esc.jsonString(${input.score})"}}') }],
        },
      ],
    },
    {
      name: '`attributes` that is not an object',
      code: patch('{"attributes": "a=b"}'),
      errors: [{ messageId: 'shape', message: 'The participant-attributes body `attributes` is not an object; the API takes `{"attributes": {"key": "value"}}`.' }],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfPatch = (b: string) => dataActionTf({ method: 'PATCH', url: '/api/v2/conversations/${input.conversationId}/participants/${input.pid}/attributes', body: b });
tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: escaped values', code: tfPatch('{"attributes": {"k": "$esc.jsonString(${input.note})"}}') }],
    invalid: [
      {
        name: 'Terraform: the corpus module: `$!{input.value}` unescaped in the value',
        code: tfPatch('{"attributes": {"k": "$!{input.note}"}}'),
        // `    request_template     = "{\"attributes\": {\"k\": \"$!{input.note}\"}}"`: `$!{` needs no HCL escape.
        errors: [{ messageId: 'unescapedValue', line: 8, column: 56, endLine: 8, endColumn: 70 }],
        output: tfPatch('{"attributes": {"k": "$!esc.jsonString($!{input.note})"}}'),
      },
      {
        name: 'Terraform: a number value, quoted by the suggestion as HCL writes it',
        code: tfPatch('{"attributes": {"k": 42}}'),
        errors: [{ messageId: 'nonString', ...positionOf(tfPatch('{"attributes": {"k": 42}}'), '42'), suggestions: [{ messageId: 'quoteValue', output: tfPatch('{"attributes": {"k": "42"}}') }] }],
      },
    ],
  }),
);
