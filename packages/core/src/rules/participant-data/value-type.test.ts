import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { flowWith, setData } from '../../testing/flow-fixtures.js';
import rule from './value-type.js';

const tester = new RuleTester({ describe, it });

// The corpus' shape of declarations (SchedulingBot.yaml, CacheExampleFlow.yaml).
const VARIABLES = [
  '- integerVariable:',
  '    name: Flow.slot_index',
  '    initialValue:',
  '      noValue: true',
  '- booleanVariable:',
  '    name: Flow.promptToSwitch',
  '    initialValue:',
  '      lit: true',
  '- stringVariable:',
  '    name: Flow.booking_id',
  '- dateTimeVariable:',
  '    name: Flow.startedAt',
  '- decimalVariable:',
  '    name: Flow.amount',
  '- stringCollectionVariable:',
  '    name: Flow.end_time',
  '- jsonVariable:',
  '    name: Flow.payload',
].join('\n');
const flow = (attribute: string) => flowWith(setData(attribute), { variables: VARIABLES });
const TASK_FLOW = (value: string) =>
  [
    'inboundCall:',
    '  name: Cache example',
    '  startUpRef: ./tasks/task[cache]',
    '  tasks:',
    '    - task:',
    '        name: Cache',
    '        refId: cache',
    '        variables:',
    '          - integerVariable:',
    '              name: Task.NumIdle',
    '        actions:',
    '          - setParticipantData:',
    '              name: Save idle count',
    '              attributes:',
    '                - attribute:',
    '                    name:',
    '                      lit: numIdle',
    '                    value:',
    `                      ${value}`,
    '',
  ].join('\n');
// With VARIABLES (18 lines) declared, the attribute's `name:` is line 29 and `value:`'s scalar is on line 32, column 22.

tester.run(rule, {
  valid: [
    { name: 'a bot flow: 256 characters is the limit itself', code: flowWith(setData(`name:\n  lit: note\nvalue:\n  lit: ${'x'.repeat(256)}`), { type: 'bot' }) },
    { name: 'string variable', code: flow('name:\n  lit: bookingId\nvalue:\n  exp: Flow.booking_id') },
    { name: 'already converted', code: flow('name:\n  lit: slot\nvalue:\n  exp: ToString(Flow.slot_index)') },
    { name: 'an expression, not a bare reference', code: flow('name:\n  lit: slot\nvalue:\n  exp: Flow.slot_index + 1') },
    { name: 'undeclared (built-in) reference', code: flow('name:\n  lit: phone\nvalue:\n  exp: Call.Ani') },
    { name: 'quoted literal number', code: flow('name:\n  lit: delay\nvalue:\n  lit: "5"') },
    { name: 'string literal', code: flow('name:\n  lit: note\nvalue:\n  lit: hello') },
    { name: 'long literal under a raised limit', code: flow(`name:\n  lit: note\nvalue:\n  lit: ${'x'.repeat(2500)}`), options: { maxValueLength: 3000 } },
    { name: 'Get actions have no value', code: flowWith('- getParticipantData:\n    name: Get\n    attributes:\n      - attribute:\n          name:\n            lit: a\n          variable: Flow.slot_index', { variables: VARIABLES }) },
  ],
  invalid: [
    {
      name: 'a bot flow: a literal value over 256 characters (the documented bot limit)',
      code: flowWith(setData(`name:\n  lit: note\nvalue:\n  lit: ${'x'.repeat(257)}`), { type: 'bot' }),
      errors: [{ messageId: 'tooLongForBot', message: /257 characters long; in a bot flow an attribute value may be at most 256 characters/ }],
      output: null,
    },
    {
      name: 'integer variable without ToString',
      code: flow('name:\n  lit: slot\nvalue:\n  exp: Flow.slot_index'),
      errors: [
        {
          messageId: 'notString',
          message: 'Set Participant Data value `Flow.slot_index` is of type integer; participant data values are strings. Wrap it in `ToString(Flow.slot_index)`.',
          line: 32,
          column: 22,
          endColumn: 37,
        },
      ],
      output: flow('name:\n  lit: slot\nvalue:\n  exp: ToString(Flow.slot_index)'),
    },
    {
      name: 'variable names are case-insensitive; the text as written is kept',
      code: flow('name:\n  lit: switch\nvalue:\n  exp: flow.PromptToSwitch'),
      errors: [{ messageId: 'notString', message: /is of type boolean/ }],
      output: flow('name:\n  lit: switch\nvalue:\n  exp: ToString(flow.PromptToSwitch)'),
    },
    {
      name: 'dateTime and decimal variables in flow style, quoted expression',
      code: flow('name: {lit: started}\nvalue: {exp: "Flow.startedAt"}'),
      // A dateTime has several text forms (ToString, ToDisplayString, a format): the conversion is a suggestion.
      errors: [{ messageId: 'notString', message: /is of type dateTime/, line: 30, column: 28, suggestions: [{ messageId: 'wrapToString', output: flow('name: {lit: started}\nvalue: {exp: ToString(Flow.startedAt)}') }] }],
      output: null,
    },
    {
      name: 'a var: value of a decimal variable becomes an exp: with ToString',
      code: flow('name:\n  lit: amount\nvalue:\n  var: Flow.amount'),
      errors: [{ messageId: 'notString', message: /is of type decimal/ }],
      output: flow('name:\n  lit: amount\nvalue:\n  exp: ToString(Flow.amount)'),
    },
    {
      name: 'collections and JSON: reported, no automatic conversion',
      code: flow('name:\n  lit: times\nvalue:\n  exp: Flow.end_time'),
      errors: [{ messageId: 'notStringNoConversion', message: /is of type stringCollection.*Convert it to a string expression first\./ }],
      output: null,
    },
    {
      name: 'json variable',
      code: flow('name:\n  lit: payload\nvalue:\n  exp: Flow.payload'),
      errors: [{ messageId: 'notStringNoConversion', message: /is of type json/ }],
      output: null,
    },
    {
      name: 'a Task. variable declared in the flow\'s variables',
      code: flowWith(
        ['- setParticipantData:', '    name: Set', '    attributes:', '      - attribute:', '          name:', '            lit: idle', '          value:', '            exp: Task.AgentsIdle'].join('\n'),
        { variables: '- booleanVariable:\n    name: Task.AgentsIdle' },
      ),
      errors: [{ messageId: 'notString', line: 16 }],
      output: flowWith(
        ['- setParticipantData:', '    name: Set', '    attributes:', '      - attribute:', '          name:', '            lit: idle', '          value:', '            exp: ToString(Task.AgentsIdle)'].join('\n'),
        { variables: '- booleanVariable:\n    name: Task.AgentsIdle' },
      ),
    },
    {
      name: 'a variable declared in a task\'s own variables: list (the corpus\' CacheExampleFlow shape)',
      code: TASK_FLOW('exp: Task.NumIdle'),
      errors: [{ messageId: 'notString', message: /`Task.NumIdle` is of type integer/, line: 19, column: 28 }],
      output: TASK_FLOW('exp: ToString(Task.NumIdle)'),
    },
    {
      name: 'literal number: quoted as written',
      code: flow('name:\n  lit: price\nvalue:\n  lit: 5.50'),
      errors: [{ messageId: 'literalNotString', message: 'Set Participant Data literal value `5.50` is a number, not a string; quote it so it is stored as the text "5.50".', line: 32, column: 22, endColumn: 26 }],
      output: flow('name:\n  lit: price\nvalue:\n  lit: "5.50"'),
    },
    {
      name: 'literal boolean',
      code: flow('name: {lit: vip}\nvalue: {lit: true}'),
      errors: [{ messageId: 'literalNotString', message: /`true` is a boolean/ }],
      output: flow('name: {lit: vip}\nvalue: {lit: "true"}'),
    },
    {
      name: 'literal over the default maxValueLength (2000)',
      code: flow(`name:\n  lit: note\nvalue:\n  lit: ${'x'.repeat(2001)}`),
      errors: [{ messageId: 'tooLong', message: /is 2001 characters long, over 2000/, line: 32, column: 22, endColumn: 2023 }],
      output: null,
    },
    {
      name: 'literal over a configured maxValueLength',
      code: flow('name:\n  lit: note\nvalue:\n  lit: "hello world"'),
      options: { maxValueLength: 5 },
      errors: [{ messageId: 'tooLong', message: /is 11 characters long, over 5 \(maxValueLength\)/ }],
      output: null,
    },
  ],
});
