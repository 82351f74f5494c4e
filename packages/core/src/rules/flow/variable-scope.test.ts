import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './variable-scope.js';

const tester = new RuleTester({ describe, it });

function flow(variables: string, condition: string): string {
  return `workflow:
  name: Vars
  defaultLanguage: en-us
  startUpRef: "/workflow/states/state[s1]"
  variables:
${variables.split('\n').map((l) => `    ${l}`).join('\n')}
  states:
    - state:
        name: Initial
        refId: s1
        actions:
          - decision:
              name: Check
              condition:
                exp: ${condition}
`;
}

const ANI = '- stringVariable:\n    name: Flow.ani\n    isInput: true';

tester.run(rule, {
  valid: [
    { name: 'declared variable', code: flow(ANI, 'IsNotSetOrEmpty(Flow.ani)') },
    { name: 'case of the name does not matter (Architect names are case-insensitive)', code: flow(ANI, 'IsSet(Flow.ANI)') },
    { name: 'built-ins and other scopes', code: flow(ANI, 'Flow.StartDateTimeUtc > GetCurrentDateTimeUtc() or IsSet(Call.Ani)') },
    {
      name: 'Flow.HoldPrompt is built into in-queue flows (corpus regression: 4 in-queue flows read it)',
      code: flow(ANI, 'IsSet(Flow.HoldPrompt)').replace(/^workflow:/, 'inqueueCall:'),
    },
    { name: 'text inside a string literal is not a variable', code: flow(ANI, 'Contains(Flow.ani, "flow.x Task.y")') },
    {
      name: 'a variable written by an action (var:) may be read elsewhere',
      code: flow(ANI, 'IsSet(Flow.ani)').replace(
        '          - decision:',
        '          - getParticipantData:\n              name: g\n              attributes:\n                - attribute:\n                    name:\n                      lit: k\n                    variable: Flow.k\n          - updateData:\n              name: u\n              statements:\n                - string:\n                    variable: Task.t\n                    value:\n                      exp: Flow.k + Task.t\n          - decision:',
      ),
    },
    { name: 'recommended: a wrong-case prefix works at run time (names are case-insensitive)', code: flow(ANI, 'IsSet(flow.ani)') },
    { name: 'recommended: a wrong-case declaration prefix too', code: flow('- stringVariable:\n    name: "task.ani"', 'true') },
  ],
  invalid: [
    {
      name: 'strict (checkCase): wrong-case prefix, fixed',
      code: flow(ANI, 'IsSet(flow.ani)'),
      options: { checkCase: true },
      errors: [{ messageId: 'wrongCase', message: '`flow.ani` should be written `Flow.ani` (the scope prefix is `Flow`).', line: 17, column: 28, endColumn: 36 }],
      output: flow(ANI, 'IsSet(Flow.ani)'),
    },
    {
      name: 'read but never declared: closest declared name suggested',
      code: flow(ANI, 'IsSet(Flow.anni)'),
      errors: [
        {
          messageId: 'undeclaredClosest',
          message: '`Flow.anni` is read but never declared or assigned in this flow, so it is NOT_SET at run time (did you mean `Flow.ani`?).',
          line: 17,
          column: 28,
          suggestions: [{ messageId: 'useDeclared', output: flow(ANI, 'IsSet(Flow.ani)') }],
        },
      ],
      output: null,
    },
    {
      name: 'a read of an unprefixed declaration is reported once, at the declaration',
      code: flow('- stringVariable:\n    name: ani', 'IsSet(Flow.ani)'),
      errors: [{ messageId: 'noPrefix', line: 7 }],
    },
    {
      name: 'declaration without a prefix: one suggestion per scope',
      code: flow('- stringVariable:\n    name: ani', 'true'),
      errors: [
        {
          messageId: 'noPrefix',
          line: 7,
          column: 15,
          suggestions: [
            { output: flow('- stringVariable:\n    name: Flow.ani', 'true') },
            { output: flow('- stringVariable:\n    name: State.ani', 'true') },
            { output: flow('- stringVariable:\n    name: Task.ani', 'true') },
          ],
        },
      ],
    },
    {
      name: 'strict (checkCase): declaration with a wrong-case prefix, in a quoted scalar',
      code: flow('- stringVariable:\n    name: "task.ani"', 'true'),
      options: { checkCase: true },
      errors: [{ messageId: 'wrongCase', line: 7, column: 15 }],
      output: flow('- stringVariable:\n    name: "Task.ani"', 'true'),
    },
  ],
});
