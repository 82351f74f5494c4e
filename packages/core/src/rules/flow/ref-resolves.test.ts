import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './ref-resolves.js';

const tester = new RuleTester({ describe, it });

function flow(startUpRef: string, jump = './tasks/task[Other_11]'): string {
  return `inboundCall:
  name: Refs
  defaultLanguage: en-us
  startUpRef: ${startUpRef}
  menus:
    - menu:
        name: Main Menu
        refId: Main Menu_10
        choices:
          - menuJumpToTask:
              name: Jump
              targetTaskRef: ${jump}
  tasks:
    - task:
        name: Other
        refId: Other_11
        actions:
          - disconnect:
              name: Bye
`;
}

tester.run(rule, {
  valid: [
    { name: 'absolute ref to a menu', code: flow('"/inboundCall/menus/menu[Main Menu_10]"') },
    { name: 'relative ref to a task', code: flow('./tasks/task[Other_11]') },
    { name: 'a substituted ref is filled in at deploy time', code: flow('"./menus/menu[{{start}}]"') },
  ],
  invalid: [
    {
      name: 'startUpRef to a refId that does not exist: closest refId suggested',
      code: flow('"/inboundCall/menus/menu[Main Menu_12]"'),
      errors: [
        {
          messageId: 'unresolvedClosest',
          message: '`startUpRef` names menu `Main Menu_12`, but no menu in this flow has that refId (did you mean `Main Menu_10`?).',
          line: 4,
          column: 40,
          endColumn: 52,
          suggestions: [{ messageId: 'useClosest', output: flow('"/inboundCall/menus/menu[Main Menu_10]"') }],
        },
      ],
    },
    {
      name: 'targetTaskRef with a typo',
      code: flow('./tasks/task[Other_11]', './tasks/task[Othr_11]'),
      errors: [{ messageId: 'unresolvedClosest', line: 12, column: 43, suggestions: [{ output: flow('./tasks/task[Other_11]') }] }],
    },
    {
      name: 'a ref to a kind the flow has none of',
      code: flow('./states/state[Start_1]'),
      errors: [{ messageId: 'unresolvedNoTargets', message: '`startUpRef` names state `Start_1`, but no state in this flow has that refId (the flow has no states).', suggestions: null }],
    },
    {
      name: 'a task ref naming a menu refId',
      code: flow('./tasks/task[Main Menu_10]'),
      errors: [{ messageId: 'unresolved', message: /no task in this flow has that refId/, suggestions: null }],
    },
    {
      name: 'ref into another flow type',
      code: flow('"/workflow/menus/menu[Main Menu_10]"'),
      errors: [
        {
          messageId: 'wrongFlowType',
          message:
            '`startUpRef` points into `/workflow/…`, but this is an `inboundCall` flow; use `/inboundCall/menus/menu[Main Menu_10]` or `./menus/menu[Main Menu_10]`.',
          suggestions: [{ messageId: 'useRelative', output: flow('"./menus/menu[Main Menu_10]"') }],
        },
      ],
    },
    { name: 'malformed ref', code: flow('Main Menu_10'), errors: [{ messageId: 'malformed', line: 4, column: 15 }] },
  ],
});
