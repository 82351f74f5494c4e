import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { flowWith, getData, setData } from '../../testing/flow-fixtures.js';
import { looksLikeVariable } from '../../model/participant-keys.js';
import rule from './key-looks-like-variable.js';

const tester = new RuleTester({ describe, it });
const SESSION = '- stringVariable:\n    name: Flow.userSessionId\n    isInput: true';

// In flowWith(setData(...)), `name:` is line 10 and its `lit:` value starts at line 11, column 22.
tester.run(rule, {
  valid: [
    flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId')),
    { name: 'dotted keys that are not Architect scopes (web chat context fields)', code: flowWith(getData('name:\n  lit: Context.CustomerFirstName\nvariable: State.ChatFirstName')) },
    { name: 'lower-case built-in scope names are ordinary keys', code: flowWith(setData('name:\n  lit: call.reason\nvalue:\n  lit: billing')) },
    { name: 'a scope name alone is not a reference', code: flowWith(setData('name:\n  lit: Flow\nvalue:\n  lit: x')) },
    { name: 'templates are literal-key\'s finding', code: flowWith(setData('name:\n  lit: "{{Flow.x}}"\nvalue:\n  lit: x')) },
    { name: 'expression keys are literal-key\'s finding', code: flowWith(setData('name:\n  exp: Flow.x\nvalue:\n  lit: x')) },
  ],
  invalid: [
    {
      name: 'Flow.x with a value: rename only',
      code: flowWith(setData('name:\n  lit: Flow.userId\nvalue:\n  exp: Flow.userId')),
      errors: [
        {
          messageId: 'looksLikeVariable',
          message:
            'Set Participant Data attribute name `Flow.userId` looks like a variable, but a literal name is stored as written: the attribute is called "Flow.userId", not the value of `Flow.userId`.',
          line: 11,
          column: 22,
          endLine: 11,
          endColumn: 33,
          suggestions: [{ messageId: 'renameKey', desc: 'Rename the key to `userId`.', output: flowWith(setData('name:\n  lit: userId\nvalue:\n  exp: Flow.userId')) }],
        },
      ],
      output: null,
    },
    {
      name: 'flow.input.x with no value, the variable not in the flow: rename only (moving it would read an undeclared variable)',
      code: flowWith(setData('name:\n  lit: flow.input.userSessionId')),
      errors: [
        {
          messageId: 'looksLikeVariable',
          message: /`flow.input.userSessionId` looks like a variable.*not the value of `Flow.userSessionId`/,
          suggestions: [{ messageId: 'renameKey', output: flowWith(setData('name:\n  lit: userSessionId')) }],
        },
      ],
      output: null,
    },
    {
      name: 'flow.input.x with no value, the variable declared: moving it into the value leads, then the rename',
      code: flowWith(setData('name:\n  lit: flow.input.userSessionId'), { variables: SESSION }),
      errors: [
        {
          messageId: 'looksLikeVariable',
          suggestions: [
            {
              messageId: 'moveIntoValue',
              desc: 'Use the key `userSessionId` and store `Flow.userSessionId` as its value.',
              output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId'), { variables: SESSION }),
            },
            { messageId: 'renameKey', output: flowWith(setData('name:\n  lit: userSessionId'), { variables: SESSION }) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'State.x with noValue, written elsewhere in the flow: the move replaces noValue',
      code: flowWith([setData('name:\n  lit: State.OrderNumber\nvalue:\n  noValue: true'), getData('name:\n  lit: order\nvariable: State.OrderNumber')].join('\n')),
      files: [{ path: 'other.yaml', text: flowWith(setData('name:\n  lit: order\nvalue:\n  lit: "1"')) }],
      errors: [
        {
          messageId: 'looksLikeVariable',
          suggestions: [
            { messageId: 'moveIntoValue', output: flowWith([setData('name:\n  lit: OrderNumber\nvalue:\n  exp: State.OrderNumber'), getData('name:\n  lit: order\nvariable: State.OrderNumber')].join('\n')) },
            { messageId: 'renameKey', output: flowWith([setData('name:\n  lit: OrderNumber\nvalue:\n  noValue: true'), getData('name:\n  lit: order\nvariable: State.OrderNumber')].join('\n')) },
          ],
        },
      ],
    },
    {
      name: 'Call.Ani, a built-in',
      code: flowWith(setData('name: {lit: Call.Ani}\nvalue: {lit: ""}')),
      errors: [
        {
          messageId: 'looksLikeVariable',
          line: 10,
          column: 27,
          suggestions: [
            { messageId: 'moveIntoValue', output: flowWith(setData('name: {lit: Ani}\nvalue: {exp: Call.Ani}')) },
            { messageId: 'renameKey', output: flowWith(setData('name: {lit: Ani}\nvalue: {lit: ""}')) },
          ],
        },
      ],
    },
    {
      name: 'Get with a variable-like key nothing sets: no rename to propose',
      code: flowWith(getData('name:\n  lit: Task.delay\nvariable: Task.delay')),
      errors: [{ messageId: 'looksLikeVariable', message: /^Get Participant Data attribute name `Task.delay`/, suggestions: null }],
    },
    {
      name: 'Get with a variable-like key: renamed to the key another flow sets',
      code: flowWith(getData('name:\n  lit: Task.delay\nvariable: Task.delay')),
      files: [{ path: 'other.yaml', text: flowWith(setData('name:\n  lit: delay\nvalue:\n  lit: "5"')) }],
      errors: [{ messageId: 'looksLikeVariable', suggestions: [{ messageId: 'renameKey', output: flowWith(getData('name:\n  lit: delay\nvariable: Task.delay')) }] }],
    },
    {
      name: 'CRLF keeps positions',
      code: flowWith(setData('name:\n  lit: Flow.userId\nvalue:\n  exp: Flow.userId')).replace(/\n/g, '\r\n'),
      errors: [{ line: 11, column: 22, endColumn: 33, suggestions: [{ output: flowWith(setData('name:\n  lit: userId\nvalue:\n  exp: Flow.userId')).replace(/\n/g, '\r\n') }] }],
    },
  ],
});

describe('looksLikeVariable', () => {
  it('matches Architect scopes and the flow.input spelling', () => {
    for (const k of ['Flow.x', 'flow.x', 'FLOW.x', 'flow.input.x', 'State.a_b', 'Task.n1', 'Call.Ani', 'Email.Message.body', 'Slot.Date']) expect(looksLikeVariable(k), k).toBe(true);
  });
  it('leaves ordinary keys alone', () => {
    for (const k of ['customerId', 'Context.CustomerFirstName', 'context.firstName', 'call.Ani', 'Flow', 'Flow.', 'Flow.x y', 'Flow.1x']) expect(looksLikeVariable(k), k).toBe(false);
  });
});
