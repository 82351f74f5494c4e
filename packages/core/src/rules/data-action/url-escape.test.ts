import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './url-escape.js';

const tester = new RuleTester({ describe, it });
const url = (u: string) => dataActionJson({ url: u, method: 'GET' });

tester.run(rule, {
  valid: [
    { name: 'escaped with $esc.url', code: url('/api/v2/externalcontacts/contacts?q=$esc.url(${input.note})') },
    { name: 'escaped with $esc.uriEncode, in the path and the query', code: url('/v1/items/$esc.uriEncode(${input.note})?q=$esc.uriEncode(${input.term})') },
    { name: 'escaped with $esc.urlFormEncode in the query', code: url('/v1/items?q=$esc.urlFormEncode(${input.note})') },
    { name: 'Genesys ids (GUIDs) need no escaping', code: url('/api/v2/conversations/${input.conversationId}') },
    { name: 'an integer input', code: url('/api/v2/things?pageSize=${input.count}') },
    { name: 'the host part is not URL-encoded content', code: url('https://${input.stage}.example.com/v1/items') },
    { name: 'a Lambda ARN is not a URL', code: url('arn:aws:lambda:us-east-1:123:function:${input.fn}') },
    { name: 'a leading reference is the base URL itself', code: url('${input.baseUrl}/v1/items?x=1') },
    { name: 'a transformation inside the braces is left alone', code: url('/rows/${input.key.replace(" ", "%20")}') },
    { name: 'not an input', code: url('/api/v2/users/${foo}') },
    { name: 'escaped `\\$` is text', code: url('/api/v2/price/\\$input.note') },
  ],
  invalid: [
    {
      name: 'a search term in the query',
      code: url('/api/v2/externalcontacts/contacts?q=${input.note}'),
      errors: [
        {
          messageId: 'unescapedQuery',
          message:
            '`${input.note}` is printed into the URL query without escaping; a space, `&`, `#` or `+` in `note` changes the request URL. Write `$esc.url(${input.note})` (or `$esc.uriEncode`).',
          line: 7,
          column: 66,
          endLine: 7,
          endColumn: 79,
        },
      ],
      output: url('/api/v2/externalcontacts/contacts?q=$esc.url(${input.note})'),
    },
    {
      name: 'a quiet reference gets a quiet escape (a null input still prints nothing, not the call text)',
      code: url('/api/v2/externalcontacts/contacts?q=$!{input.note}'),
      errors: [{ messageId: 'unescapedQuery', message: /Write `\$!esc\.url\(\$!\{input\.note\}\)`/ }],
      output: url('/api/v2/externalcontacts/contacts?q=$!esc.url($!{input.note})'),
    },
    {
      name: 'path segments (one a short-form reference): $esc.uriEncode, which keeps a space a space',
      code: url('/v1/items/$input.note/parts/${input.part}'),
      errors: [
        {
          messageId: 'unescapedPath',
          message:
            '`$input.note` is printed into the URL path without escaping; a space, `/`, `?`, `#` or `%` in `note` changes the request URL. Write `$esc.uriEncode($input.note)` (`$esc.url` is form encoding: a space becomes `+`, which a path keeps as a plus sign).',
          ...positionOf(url('/v1/items/$input.note/parts/${input.part}'), '$input.note'),
        },
        { messageId: 'unescapedPath', ...positionOf(url('/v1/items/$input.note/parts/${input.part}'), '${input.part}') },
      ],
      output: url('/v1/items/$esc.uriEncode($input.note)/parts/$esc.uriEncode(${input.part})'),
    },
    {
      name: 'the same input in the path and in the query: each escaped for its position',
      code: url('/v1/items/${input.note}?q=${input.note}'),
      errors: [{ messageId: 'unescapedPath' }, { messageId: 'unescapedQuery' }],
      output: url('/v1/items/$esc.uriEncode(${input.note})?q=$esc.url(${input.note})'),
    },
    {
      name: 'a method call after the closing brace is printed as text (Get-Data-Table-Row)',
      code: url("/api/v2/flows/datatables/${input.tableId}/rows/${input.KEY_VALUE}.replace(' ', '%20')?showbrief=false"),
      errors: [
        {
          messageId: 'literalCall',
          message: "`.replace(' ', '%20')` after `${input.KEY_VALUE}` is printed as text, not called: the braces end the reference. Move it inside: `${input.KEY_VALUE.replace(' ', '%20')}`.",
          ...positionOf(url("/api/v2/flows/datatables/${input.tableId}/rows/${input.KEY_VALUE}.replace(' ', '%20')?showbrief=false"), ".replace"),
        },
      ],
      output: url("/api/v2/flows/datatables/${input.tableId}/rows/${input.KEY_VALUE.replace(' ', '%20')}?showbrief=false"),
    },
    {
      name: 'idPattern "" checks ids too',
      code: url('/api/v2/conversations/${input.conversationId}'),
      options: { idPattern: '' },
      errors: 1,
      output: url('/api/v2/conversations/$esc.uriEncode(${input.conversationId})'),
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

const tfUrl = (u: string) => dataActionTf({ url: u, method: 'GET' });
tester.run(
  rule,
  await terraformCases({
    valid: [
      { name: 'Terraform: escaped with $esc.url', code: tfUrl('/api/v2/externalcontacts/contacts?q=$esc.url(${input.note})') },
      { name: 'Terraform: a Genesys id in the path', code: tfUrl('/api/v2/conversations/${input.conversationId}') },
    ],
    invalid: [
      {
        name: 'Terraform: a search term in the query',
        code: tfUrl('/api/v2/externalcontacts/contacts?q=${input.note}'),
        // `    request_url_template = "/api/v2/externalcontacts/contacts?q=$${input.note}"`: column 28 + 37.
        errors: [{ messageId: 'unescapedQuery', line: 6, column: 65, endLine: 6, endColumn: 79 }],
        output: tfUrl('/api/v2/externalcontacts/contacts?q=$esc.url(${input.note})'),
      },
      {
        name: 'Terraform: a call after the braces is moved inside, written with $${',
        code: tfUrl("/rows/${input.key}.replace(' ', '%20')"),
        errors: [{ messageId: 'literalCall', ...positionOf(tfUrl("/rows/${input.key}.replace(' ', '%20')"), '.replace') }],
        output: tfUrl("/rows/${input.key.replace(' ', '%20')}"),
      },
    ],
  }),
);
