import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './schema.js';

const tester = new RuleTester({ describe, it });

/** A task flow whose startup task holds `actions` (indented for `actions:` at column 9). */
function flow(actions: string): string {
  const body = actions.split('\n').map((l) => (l ? `          ${l}` : l)).join('\n');
  return `inboundCall:
  name: Test flow
  defaultLanguage: en-us
  startUpRef: ./tasks/task[t1]
  tasks:
    - task:
        name: Main
        refId: t1
        actions:
${body}
`;
}

const SET = `- setParticipantData:
    name: Save ANI
    attributes:
      - attribute:
          name:
            lit: phoneNumber
          value:
            exp: Call.Ani`;

tester.run(rule, {
  valid: [
    { name: 'known actions with their fields', code: flow(`${SET}\n- disconnect:\n    name: Bye`) },
    { name: 'an action cxlint does not model is accepted', code: flow('- playRingtone:\n    name: x\n    whatever: 1') },
    {
      name: 'callData with substituted category and action names',
      code: flow(`- callData:
    name: Lookup
    category:
      {{category}}:
        dataAction:
          {{action}}:
            inputs:
              id:
                exp: Call.Ani
    outputs:
      success:
        actions:
          - disconnect:
              name: done`),
    },
    { name: 'any <type>Variable declaration', code: 'workflow:\n  name: w\n  defaultLanguage: en-us\n  variables:\n    - phoneNumberVariable:\n        name: Flow.p\n' },
  ],
  invalid: [
    {
      name: 'action name in the wrong case: fixed',
      code: flow(SET.replace('setParticipantData', 'setParticipantdata')),
      errors: [
        {
          messageId: 'unknownAction',
          message: 'Unknown action `setParticipantdata`: did you mean `setParticipantData`? Archy rejects the flow (names are case-sensitive).',
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 31,
          suggestions: [{ messageId: 'rename', output: flow(SET) }],
        },
      ],
      output: flow(SET),
    },
    {
      name: 'misspelt action: a suggestion, not a fix',
      code: flow(SET.replace('setParticipantData', 'setParticipantDat')),
      errors: [{ messageId: 'unknownAction', line: 10, column: 13, suggestions: [{ messageId: 'rename', output: flow(SET) }] }],
      output: null,
    },
    {
      name: 'misspelt field of a known action, with the closest field',
      code: flow(SET.replace('          name:\n            lit', '          nme:\n            lit')),
      errors: [
        { messageId: 'missing', message: '`attribute` is missing the required `name`.', line: 13, column: 19 },
        {
          messageId: 'unknownKeyClosest',
          message: '`attribute` has no field `nme` (did you mean `name`?); Archy rejects or ignores it.',
          line: 14,
          column: 21,
          endColumn: 24,
          suggestions: [{ messageId: 'rename', output: flow(SET) }],
        },
      ],
    },
    {
      name: 'missing required field',
      code: flow('- setParticipantData:\n    name: nothing to set'),
      errors: [{ messageId: 'missing', message: '`setParticipantData` is missing the required `attributes`.', line: 10, column: 13 }],
    },
    {
      name: 'wrong type',
      code: flow('- decision:\n    name: d\n    condition:\n      exp: true\n    outputs: yes'),
      errors: [{ messageId: 'mustBeMap', message: '`outputs` must be a map.', line: 14, column: 24 }],
    },
    {
      name: 'a field nothing is close to: the fields the schema allows are listed',
      code: flow(SET + '\n          qqqqqqqq: 1'),
      errors: [{ messageId: 'unknownKeyExpected', message: '`attribute` has no field `qqqqqqqq` (expected one of `name`, `value`); Archy rejects or ignores it.', line: 18, column: 21, suggestions: null }],
    },
    {
      name: 'an empty list where one item is needed',
      code: flow('- setParticipantData:\n    name: Save\n    attributes: []'),
      errors: [{ messageId: 'tooFewItems', message: '`attributes` needs at least 1 item(s).', line: 12, column: 15 }],
    },
    {
      name: 'an empty map where a value is needed',
      code: flow('- decision:\n    name: d\n    condition: {}\n    outputs:\n      yes:\n        actions: []'),
      errors: [{ messageId: 'empty', message: '`condition` must not be empty.', line: 12, column: 15 }],
    },
    {
      name: 'an action item with two keys',
      code: flow('- disconnect:\n    name: a\n  transferToAcd:\n    name: b'),
      errors: [{ messageId: 'notOneKey', message: '`actions[0]` must have exactly one key (it has 2).', line: 10, column: 13 }],
    },
    {
      name: 'wrong type where the schema also allows empty',
      code: flow('nothing'),
      errors: [{ messageId: 'mustBeListOrEmpty', message: '`actions` must be a list or empty.' }],
    },
    {
      name: 'misspelt menu choice and variable type',
      code: `inboundCall:
  name: m
  defaultLanguage: en-us
  variables:
    - stringVariabel:
        name: Flow.x
  menus:
    - menu:
        name: Main
        refId: main
        choices:
          - menuDisconect:
              name: Bye
`,
      errors: [
        { messageId: 'unknownVariableType', message: /Unknown variable type `stringVariabel`: did you mean `stringVariable`\?/, line: 5, column: 7 },
        { messageId: 'unknownMenuChoice', message: /Unknown menu choice `menuDisconect`: did you mean `menuDisconnect`\?/, line: 12, column: 13 },
      ],
    },
    {
      name: 'flow without the required name',
      code: 'workflow:\n  defaultLanguage: en-us\n',
      errors: [{ messageId: 'missing', message: '`workflow` is missing the required `name`.', line: 1, column: 1 }],
    },
  ],
});
