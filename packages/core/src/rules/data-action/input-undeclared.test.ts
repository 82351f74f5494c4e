import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson, positionOf, dataActionTf, terraformCases } from '../../testing/data-action-fixtures.js';
import rule from './input-undeclared.js';

const tester = new RuleTester({ describe, it });
// DEFAULT_INPUT_SCHEMA declares conversationId, note and count.
const action = (url: string, body = '${input.rawRequest}') => dataActionJson({ url, body });

tester.run(rule, {
  valid: [
    { name: 'declared inputs in the URL and the body', code: action('/api/v2/conversations/${input.conversationId}', '{"n": $esc.jsonString(${input.note}), "c": ${input.count}}') },
    { name: 'input.rawRequest is the whole input, always there', code: action('/x/${input.conversationId}') },
    { name: 'a condition is evaluated, not printed', code: action('/x/${input.conversationId}', '{#if($input.optional)"a": 1#end}') },
    { name: 'no inputSchema properties: nothing to compare with', code: dataActionJson({ url: '/x/${input.any}', inputSchema: { type: 'object' } }) },
  ],
  invalid: [
    {
      name: 'a typo in the URL: formal notation prints the reference text',
      code: action('/api/v2/conversations/${input.conversationID}'),
      errors: [
        {
          messageId: 'undeclaredClosest',
          message:
            '`${input.conversationID}` reads the input `conversationID`, which `inputSchema.properties` does not declare (did you mean `conversationId`?): it is always null, so Velocity prints the text `${input.conversationID}` into the request.',
          ...positionOf(action('/api/v2/conversations/${input.conversationID}'), '${input.conversationID}'),
          suggestions: [{ desc: 'Use the declared input `conversationId`.', output: action('/api/v2/conversations/${input.conversationId}') }],
        },
      ],
      output: null,
    },
    {
      name: 'silent notation with a close declared input',
      code: action('/x/${input.conversationId}', '{"a": "$!{input.conversationID}"}'),
      errors: [{ messageId: 'undeclaredQuietClosest', message: /does not declare \(did you mean `conversationId`\?\): it is always null, so it prints nothing\.$/ }],
    },
    {
      name: 'silent notation in the body prints nothing; inside an escape call too',
      code: action('/x/${input.conversationId}', '{"a": "$!{input.comment}", "b": $esc.jsonString(${input.nothingLikeIt})}'),
      errors: [
        { messageId: 'undeclaredQuiet', message: /it is always null, so it prints nothing\./, suggestions: null },
        { messageId: 'undeclared', message: /`nothingLikeIt`.*Velocity prints the text/ },
      ],
    },
  ],
});

// The same rule on a data action written in Terraform (`genesyscloud_integration_action`): positions in the .tf
// file, fixes and suggestions written as HCL (`$${` for Velocity's `${`, `\\"` inside a quoted string).

tester.run(
  rule,
  await terraformCases({
    valid: [{ name: 'Terraform: declared inputs', code: dataActionTf({ body: '{"n": "$esc.jsonString(${input.note})"}' }) }],
    invalid: [
      {
        name: 'Terraform: a wrongly cased input in the URL',
        code: dataActionTf({ url: '/api/v2/conversations/${input.conversationID}' }),
        // `    request_url_template = "/api/v2/conversations/$${input.conversationID}"`: the quote is at column 28, the
        // reference (`$${…}`, 24 characters in the file) at 51.
        errors: [
          {
            messageId: 'undeclaredClosest',
            line: 6,
            column: 51,
            endLine: 6,
            endColumn: 75,
            suggestions: [{ messageId: 'useDeclared', output: dataActionTf({ url: '/api/v2/conversations/${input.conversationId}' }) }],
          },
        ],
      },
    ],
  }),
);
