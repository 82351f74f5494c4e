import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { flowWith, getData, setData } from '../../testing/flow-fixtures.js';
import rule from './literal-key.js';

const tester = new RuleTester({ describe, it });

// In flowWith(setData(...)), the attribute's first line is line 10, column 11.
tester.run(rule, {
  valid: [
    { name: 'literal key with an expression value', code: flowWith(setData('name:\n  lit: phoneNumber\nvalue:\n  exp: ToPhoneNumber(Call.Ani).e164')) },
    { name: 'get with a literal key', code: flowWith(getData('name:\n  lit: ogConversationId\nvariable: Flow.og_cId')) },
    { name: 'flow-style maps', code: flowWith(setData('name: {lit: customerId}\nvalue: {exp: Flow.customerId}')) },
    { name: 'quoted literal key', code: flowWith(setData('name:\n  lit: "session id"\nvalue:\n  lit: x')) },
    {
      name: 'declared substitution (settings.substitutions) is filled in at deploy time',
      code: flowWith(setData('name:\n  lit: "{{env}}_customerId"\nvalue:\n  exp: Flow.customerId')),
      settings: { substitutions: ['env'] },
    },
    {
      name: 'unquoted declared substitution as the whole key',
      code: flowWith(setData('name:\n  lit: {{key_name}}\nvalue:\n  exp: Flow.customerId')),
      settings: { substitutions: ['key_name'] },
    },
    { name: 'a dollar sign without braces is just text', code: flowWith(setData('name:\n  lit: price$\nvalue:\n  lit: "5"')) },
  ],
  invalid: [
    {
      name: "the seed's bug: a template key with no value",
      code: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"')),
      errors: [
        {
          messageId: 'templateKey',
          message:
            'Set Participant Data attribute name `{{flow.input.userSessionId}}` contains the template `{{flow.input.userSessionId}}`, which is not a declared substitution, so it is stored literally (braces and all). Use the literal key `userSessionId` and put the dynamic part in the value.',
          line: 11,
          column: 22,
          endLine: 11,
          endColumn: 52,
          suggestions: [
            {
              desc: 'Use the literal key `userSessionId` and store `Flow.userSessionId` as its value.',
              output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId')),
            },
          ],
        },
      ],
      output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId')),
    },
    {
      name: 'an unquoted undeclared substitution as the whole key',
      code: flowWith(setData('name:\n  lit: {{flow.input.userSessionId}}')),
      errors: [{ messageId: 'templateKey', line: 11, column: 22, endColumn: 50 }],
      output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId')),
    },
    {
      name: 'expression key with a value: only the key changes',
      code: flowWith(setData('name:\n  exp: Flow.userSessionId\nvalue:\n  exp: Call.Ani')),
      errors: [
        {
          messageId: 'dynamicKey',
          message: /attribute name is the expression `Flow.userSessionId`; attribute names must be literal strings\. Use the literal key `userSessionId`/,
          line: 11,
          column: 22,
          suggestions: [
            {
              desc: 'Use the literal key `userSessionId` and keep the current value.',
              output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Call.Ani')),
            },
          ],
        },
      ],
      output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Call.Ani')),
    },
    {
      name: 'a constant string expression as the key: renamed, the (empty) value left alone',
      code: flowWith(setData('name:\n  exp: "\\"customerId\\""')),
      errors: [{ messageId: 'dynamicKey', suggestions: [{ desc: 'Use the literal key `customerId` and keep the current value.', output: flowWith(setData('name:\n  lit: customerId')) }] }],
      output: flowWith(setData('name:\n  lit: customerId')),
    },
    {
      name: 'variable key with noValue: the variable becomes the value',
      code: flowWith(setData('name:\n  var: Flow.key\nvalue:\n  noValue: true')),
      errors: [{ messageId: 'dynamicKey', message: /is the variable `Flow.key`/, line: 11, column: 22 }],
      output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Flow.key')),
    },
    {
      name: 'mixed static text and template: the static text is the key',
      code: flowWith(setData('name:\n  lit: "session_{{flow.input.id}}"')),
      errors: [{ messageId: 'templateKey', message: /contains the template `\{\{flow.input.id\}\}`.*literal key `session`/ }],
      output: flowWith(setData('name:\n  lit: session\nvalue:\n  exp: Flow.id')),
    },
    {
      name: 'a declared substitution stays, the undeclared template is reported',
      code: flowWith(setData('name:\n  lit: "{{env}}_{{flow.input.id}}"')),
      settings: { substitutions: ['env'] },
      errors: [{ messageId: 'templateKey', message: /the template `\{\{flow.input.id\}\}`.*literal key `\{\{env\}\}`/ }],
      output: flowWith(setData('name:\n  lit: "{{env}}"\nvalue:\n  exp: Flow.id')),
    },
    {
      name: 'Velocity ${…} with a value: renamed, value kept',
      code: flowWith(setData('name:\n  lit: "${input.customerId}"\nvalue:\n  exp: Flow.customerId')),
      errors: [{ messageId: 'templateKey', message: /the template `\$\{input.customerId\}`.*literal key `customerId`/, line: 11, column: 22 }],
      output: flowWith(setData('name:\n  lit: customerId\nvalue:\n  exp: Flow.customerId')),
    },
    {
      name: 'Velocity ${…} with no value: no automatic fix (there is no Architect expression to store), a suggestion',
      code: flowWith(setData('name:\n  lit: "$!{input.customerId}"')),
      errors: [
        {
          messageId: 'templateKey',
          suggestions: [
            { desc: 'Use the literal key `customerId` (then set its value).', output: flowWith(setData('name:\n  lit: customerId')) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Get with an expression key: the key becomes literal, the output variable stays',
      code: flowWith(getData('name:\n  exp: Flow.key\nvariable: Flow.out')),
      errors: [{ messageId: 'dynamicKey', message: /^Get Participant Data attribute name is the expression `Flow.key`/, line: 11, column: 22 }],
      output: flowWith(getData('name:\n  lit: key\nvariable: Flow.out')),
    },
    {
      name: 'Get with a template key',
      code: flowWith(getData('name:\n  lit: "{{flow.input.customerId}}"\nvariable: Flow.out')),
      errors: [{ messageId: 'templateKey', message: /^Get Participant Data/ }],
      output: flowWith(getData('name:\n  lit: customerId\nvariable: Flow.out')),
    },
    {
      name: 'empty literal key',
      code: flowWith(setData('name:\n  lit: ""\nvalue:\n  exp: Call.Ani')),
      errors: [{ messageId: 'emptyKey', message: 'Set Participant Data attribute name is empty; the action takes its error path at run time.', line: 11, column: 22, suggestions: null }],
      output: null,
    },
    {
      name: 'blank key (noValue)',
      code: flowWith(getData('name:\n  noValue: true\nvariable: Flow.out')),
      errors: [{ messageId: 'emptyKey', line: 11, column: 17 }],
      output: null,
    },
    {
      name: 'flow-style value map inside a block attribute: the value is added as a block pair',
      code: flowWith(setData('name: {lit: "{{flow.input.userSessionId}}"}')),
      errors: [{ messageId: 'templateKey', line: 10, column: 27 }],
      output: flowWith(setData('name: {lit: userSessionId}\nvalue:\n  exp: Flow.userSessionId')),
    },
    {
      name: 'flow-style attribute map: the value is added inline',
      code: flowWith(setData('{name: {lit: "{{flow.input.userSessionId}}"}}').replace('- attribute:\n          {', '- attribute: {')),
      errors: [{ messageId: 'templateKey', line: 9, column: 37 }],
      output: flowWith(setData('{name: {lit: userSessionId}, value: {exp: Flow.userSessionId}}').replace('- attribute:\n          {', '- attribute: {')),
    },
    {
      name: 'flow-style attribute map with an expression key',
      code: flowWith(setData('{name: {exp: Flow.userSessionId}, value: {exp: Call.Ani}}').replace('- attribute:\n          {', '- attribute: {')),
      errors: [{ messageId: 'dynamicKey', line: 9, column: 37 }],
      output: flowWith(setData('{name: {lit: userSessionId}, value: {exp: Call.Ani}}').replace('- attribute:\n          {', '- attribute: {')),
    },
    {
      name: 'CRLF file: positions stay exact and the added lines use CRLF',
      code: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"')).replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'templateKey', line: 11, column: 22, endLine: 11, endColumn: 52 }],
      output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId')).replace(/\n/g, '\r\n'),
    },
    {
      name: 'two bad keys in one action are both reported and both fixed',
      code: flowWith(
        ['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            exp: Flow.a', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            lit: "{{flow.input.b}}"'].join('\n'),
      ),
      errors: [
        { messageId: 'dynamicKey', line: 11 },
        { messageId: 'templateKey', line: 16 },
      ],
      output: flowWith(
        ['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            lit: a', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            lit: b', '          value:', '            exp: Flow.b'].join('\n'),
      ),
    },
  ],
});
