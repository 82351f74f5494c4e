import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { flowWith, getData, setData } from '../../testing/flow-fixtures.js';
import rule from './key-case-drift.js';

const tester = new RuleTester({ describe, it });

const set = (key: string) => setData(`name:\n  lit: ${key}\nvalue:\n  exp: Call.Ani`);
const get = (key: string) => getData(`name:\n  lit: ${key}\nvariable: Flow.out`);
const file = (path: string, ...actions: string[]) => ({ path, text: flowWith(actions.join('\n')) });

tester.run(rule, {
  valid: [
    { name: 'one spelling everywhere', code: flowWith(set('customerId')), files: [file('b.yaml', get('customerId'))] },
    { name: 'the majority spelling is not reported', code: flowWith(set('customerId')), files: [file('b.yaml', get('customerId')), file('c.yaml', get('CustomerID'))] },
    { name: 'different keys', code: flowWith(set('customerId')), files: [file('b.yaml', get('customerIds'))] },
  ],
  invalid: [
    {
      name: 'the minority spelling is reported, with the majority as the suggestion',
      code: flowWith(get('CustomerID')),
      files: [file('b.yaml', set('customerId')), file('c.yaml', get('customerId'))],
      errors: [
        {
          messageId: 'caseDrift',
          message: 'Participant data key `CustomerID` is spelled `customerId` elsewhere in the project (`customerId` ×2); keys are case-sensitive, so these are different attributes.',
          line: 11,
          column: 22,
          endColumn: 32,
          suggestions: [{ messageId: 'usePreferred', desc: 'Use the spelling `customerId`.', output: flowWith(get('customerId')) }],
        },
      ],
      output: null,
    },
    {
      name: 'a tie goes to the first set spelling (here: the other file sets it, this file only reads)',
      code: flowWith(get('OrderNumber')),
      files: [file('b.yaml', set('orderNumber'))],
      errors: [{ messageId: 'caseDrift', message: /`OrderNumber` is spelled `orderNumber`/, suggestions: [{ output: flowWith(get('orderNumber')) }] }],
    },
    {
      name: 'a tie between two set spellings goes to the first file by path, whatever order files are given in',
      code: flowWith(set('OrderNumber')),
      filename: 'z.yaml',
      files: [file('a.yaml', set('orderNumber'))],
      errors: [{ messageId: 'caseDrift', suggestions: [{ output: flowWith(set('orderNumber')) }] }],
    },
    {
      name: 'settings.knownParticipantKeys spellings count and come first',
      code: flowWith(get('Context.FirstName')),
      settings: { knownParticipantKeys: ['context.firstName'] },
      errors: [{ messageId: 'caseDrift', message: /spelled `context.firstName`/, suggestions: [{ output: flowWith(get('context.firstName')) }] }],
    },
    {
      name: 'drift inside one file: each minority occurrence is reported',
      code: flowWith([set('delay'), get('Delay'), get('delay'), get('DELAY')].join('\n')),
      errors: [
        { messageId: 'caseDrift', line: 19, message: /`Delay` is spelled `delay`.*\(`delay` ×2, `DELAY` ×1\)/ },
        { messageId: 'caseDrift', line: 33 },
      ],
    },
  ],
});
