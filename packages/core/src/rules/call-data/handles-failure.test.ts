import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { callDataFlow } from '../../testing/data-action-fixtures.js';
import rule from './handles-failure.js';

const tester = new RuleTester({ describe, it });
const IO = 'inputs:\n  conversationId:\n    exp: Call.ConversationId\nsuccessOutputs:\n  state:\n    var: Flow.state';
const DISCONNECT = 'actions:\n  - disconnect:\n      name: Disconnect';
const path = (name: string, body = DISCONNECT) => `${name}:\n${body.split('\n').map((l) => '  ' + l).join('\n')}`;
// A later action that reads the output: without a reader, a missing failure path changes nothing.
const READER = ['    - setParticipantData:', '        name: Keep the state', '        attributes:', '          - attribute:', '              name:', '                lit: state', '              value:', '                exp: Flow.state', ''].join('\n');
const flow = (outputs?: string, io = IO) => callDataFlow('Lookup State', io, { outputs }) + READER;
const unread = (outputs?: string, io = IO) => callDataFlow('Lookup State', io, { outputs });
// The same reader inside the call's own success path (which runs only when the outputs are set).
const SUCCESS_READER = 'actions:\n' + READER.split('\n').filter(Boolean).map((l) => l.slice(2)).join('\n');

tester.run(rule, {
  valid: [
    { name: 'failure and timeout handled', code: flow([path('success', 'actions: []'), path('failure'), path('timeout')].join('\n')) },
    { name: 'fire-and-forget (no success outputs) is skipped by default', code: flow(undefined, 'inputs:\n  conversationId:\n    exp: Call.ConversationId') },
    { name: 'every success output is noValue: nothing can be NOT_SET for a reader', code: flow(undefined, 'inputs:\n  conversationId:\n    exp: Call.ConversationId\nsuccessOutputs:\n  state:\n    noValue: true') },
    { name: 'the output variable is never read in the flow', code: unread() },
    {
      name: 'the output is read only inside its own success path (the resiliency blueprint: a default kept on failure)',
      code: unread(path('success', SUCCESS_READER)),
    },
  ],
  invalid: [
    {
      name: 'no outputs at all',
      code: flow(),
      errors: [
        {
          messageId: 'unhandled',
          message:
            'Call Data Action `Look up` has no actions on its failure and timeout paths: on failure or timeout the flow skips the success path and carries on after the action with `state` NOT_SET.',
          line: 6,
          column: 7,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'read inside the success path and again after the action: reported',
      code: flow(path('success', SUCCESS_READER)),
      errors: [{ messageId: 'unhandled', message: /with `state` NOT_SET/ }],
    },
    {
      name: 'empty failure path',
      code: flow([path('failure', 'actions: []'), path('timeout')].join('\n')),
      errors: [{ messageId: 'unhandledFailure', message: /no actions on its failure path: on failure the flow/ }],
    },
    {
      name: 'failure handled, timeout missing: suggest handling timeout like failure',
      code: flow([path('success', 'actions: []'), path('failure')].join('\n')),
      errors: [
        {
          messageId: 'unhandledTimeout',
          message: /no actions on its timeout path/,
          suggestions: [{ messageId: 'reuseFailure', output: flow([path('success', 'actions: []'), path('failure'), path('timeout')].join('\n')) }],
        },
      ],
    },
    {
      name: 'an empty timeout path is replaced',
      code: flow([path('failure'), 'timeout:\n  actions: []', path('success', 'actions: []')].join('\n')),
      errors: [{ messageId: 'unhandledTimeout', suggestions: [{ output: flow([path('failure'), path('timeout'), path('success', 'actions: []')].join('\n')) }] }],
    },
    {
      name: 'checkFireAndForget',
      code: flow(undefined, 'inputs:\n  conversationId:\n    exp: Call.ConversationId'),
      options: { checkFireAndForget: true },
      errors: [{ messageId: 'unhandledAnyOutput', message: /with its outputs NOT_SET/ }],
    },
    {
      name: 'checkFireAndForget: only the failure path is empty',
      code: flow(path('timeout'), 'inputs:\n  conversationId:\n    exp: Call.ConversationId'),
      options: { checkFireAndForget: true },
      errors: [{ messageId: 'unhandledFailureAnyOutput', message: "Call Data Action `Look up` has no actions on its failure path: on failure the flow skips the success path and carries on after the action with its outputs NOT_SET." }],
    },
    {
      name: 'checkFireAndForget: only the timeout path is empty',
      code: flow(path('failure'), 'inputs:\n  conversationId:\n    exp: Call.ConversationId'),
      options: { checkFireAndForget: true },
      errors: [{ messageId: 'unhandledTimeoutAnyOutput', message: /no actions on its timeout path: on timeout the flow .* with its outputs NOT_SET\./ }],
    },
    {
      name: 'checkFireAndForget (strict): an output nothing reads is reported too',
      code: unread(),
      options: { checkFireAndForget: true },
      errors: [{ messageId: 'unhandled', message: /with `state` NOT_SET/ }],
    },
  ],
});
