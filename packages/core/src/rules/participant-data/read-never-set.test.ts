import { describe, expect, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { flowWith, getData, setData } from '../../testing/flow-fixtures.js';
import { lintFiles } from '../../lint.js';
import type { ProjectContributor } from '../../model/project.js';
import { createLinter } from '../../linter.js';
import { closestKey } from '../closest-name.js';
import rule from './read-never-set.js';

const tester = new RuleTester({ describe, it });

const setter = (key: string, path = 'setter.yaml') => ({ path, text: flowWith(setData(`name:\n  lit: ${key}\nvalue:\n  exp: Call.Ani`)) });
const reader = (key: string, type?: string) => flowWith(getData(`name:\n  lit: ${key}\nvariable: Flow.out`), { type });

tester.run(rule, {
  valid: [
    { name: 'set in another flow of the project', code: reader('customerId'), files: [setter('customerId')] },
    { name: 'set in the same flow', code: flowWith([setData('name:\n  lit: delay\nvalue:\n  lit: "5"'), getData('name:\n  lit: delay\nvariable: Task.delay')].join('\n')) },
    { name: 'declared in settings.knownParticipantKeys', code: reader('context.firstName'), settings: { knownParticipantKeys: ['context.firstName'] } },
    { name: 'same key in another case is key-case-drift\'s finding', code: reader('CustomerId'), files: [setter('customerId')] },
    { name: 'templated keys are literal-key\'s finding', code: reader('"{{flow.input.x}}"') },
    { name: 'variable-looking keys are key-looks-like-variable\'s finding', code: reader('Flow.customerId') },
    { name: 'a chat flow reading a key its client sets (no near miss)', code: reader('Context.CustomerFirstName', 'inboundChat'), files: [setter('OrderNumber')] },
    { name: 'a message flow reading a key its client sets', code: reader('ogConversationId', 'inboundShortMessage') },
    { name: 'a file with parse errors elsewhere does not count as setting keys, but reading a set key is fine', code: reader('a'), files: [setter('a'), { path: 'broken.yaml', text: 'inboundCall:\n  name: [oops\n' }] },
  ],
  invalid: [
    {
      name: 'set nowhere, nothing close',
      code: reader('ogConversationId'),
      files: [setter('delay')],
      errors: [
        {
          messageId: 'neverSet',
          message:
            'Get Participant Data reads `ogConversationId`, but no flow, data action or config in this project sets it, so the variable stays empty at run time. If something outside the repository sets it, add it to `settings.knownParticipantKeys`.',
          line: 11,
          column: 22,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a typo of a key set in another flow: suggest the closest',
      code: reader('custmerId'),
      files: [setter('customerId'), setter('delay', 'b.yaml')],
      errors: [
        {
          messageId: 'neverSetClosest',
          message: /reads `custmerId`.*did you mean `customerId`\?/,
          suggestions: [{ messageId: 'useClosest', desc: 'Read `customerId` instead.', output: reader('customerId') }],
        },
      ],
    },
    {
      name: 'closest key from settings.knownParticipantKeys',
      code: reader('context.firstNme'),
      settings: { knownParticipantKeys: ['context.firstName'] },
      errors: [{ messageId: 'neverSetClosest', suggestions: [{ output: reader('context.firstName') }] }],
    },
    {
      name: 'a chat flow still reports a near miss of a set key',
      code: reader('OrderNumbr', 'inboundChat'),
      files: [setter('OrderNumber')],
      errors: [{ messageId: 'neverSetClosest', suggestions: [{ output: reader('OrderNumber', 'inboundChat') }] }],
    },
    {
      name: 'clientFlows: report reports every unset read in chat flows too',
      code: reader('ogConversationId', 'inboundShortMessage'),
      options: { clientFlows: 'report' },
      errors: [{ messageId: 'neverSet' }],
    },
    {
      name: 'a key only read (by two flows) is still never set',
      code: reader('sessionId'),
      files: [{ path: 'other.yaml', text: reader('sessionId') }],
      errors: [{ messageId: 'neverSet' }],
    },
    {
      name: 'a key "set" only through an expression key: the read points at the broken writer',
      code: reader('userSessionId'),
      files: [{ path: 'setter.yaml', text: flowWith(setData('name:\n  exp: Flow.userSessionId\nvalue:\n  exp: Flow.userSessionId')) }],
      errors: [
        {
          messageId: 'setOnlyDynamically',
          message:
            'Get Participant Data reads `userSessionId`, which is only "set" through a dynamic key (`Flow.userSessionId`, see the related location) that is stored literally or rejected; fix that key (participant-data/literal-key) and this read works.',
          suggestions: null,
        },
      ],
    },
    {
      name: "the seed's template key: the read points at it",
      code: reader('userSessionId'),
      files: [{ path: 'seed.yaml', text: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"')) }],
      errors: [{ messageId: 'setOnlyDynamically', message: /only "set" through a dynamic key \(`\{\{flow\.input\.userSessionId\}\}`, see the related location\)/ }],
    },
    {
      name: 'a declared substitution in the writer\'s key is not a dynamic key',
      code: reader('userSessionId'),
      settings: { substitutions: ['userSessionId'] },
      files: [{ path: 'seed.yaml', text: flowWith(setData('name:\n  lit: "{{userSessionId}}"')) }],
      // The writer's key is whatever deployment fills in; reading the same placeholder is the near miss.
      errors: [{ messageId: 'neverSetClosest', suggestions: [{ output: reader('"{{userSessionId}}"') }] }],
    },
  ],
});

describe('read-never-set with project contributors', () => {
  it('counts keys a contributor given to createLinter says a data action sets', () => {
    const text = reader('fromDataAction');
    const config = { extends: [], rules: { [rule.meta.id]: 'warn' as const } };
    const before = lintFiles([{ path: 'flow.yaml', text }], { rules: [rule], config });
    expect(before[0].messages.map((m) => m.messageId)).toEqual(['neverSet']);
    const fromAction: ProjectContributor = {
      participantKeysSet: (file) => (file.path === 'action.json' ? [{ key: 'fromDataAction', path: file.path, range: [0, 1], origin: 'data-action' }] : []),
    };
    const linter = createLinter({ rules: [rule], contributors: [fromAction] });
    const action = JSON.stringify({ name: 'Set attr', contract: {}, config: { request: { requestUrlTemplate: '/x', requestType: 'PATCH' } } });
    const after = linter.lintFiles([{ path: 'flow.yaml', text }, { path: 'action.json', text: action }], { config });
    expect(after.find((r) => r.filePath === 'flow.yaml')!.messages).toEqual([]);
    // Nothing registered globally: the default linter still does not know this contributor.
    expect(lintFiles([{ path: 'flow.yaml', text }, { path: 'action.json', text: action }], { rules: [rule], config })[0].messages.map((m) => m.messageId)).toEqual(['neverSet']);
  });
});

describe('read-never-set and the place of the broken writer', () => {
  const config = { extends: [], rules: { [rule.meta.id]: 'warn' as const } };
  const seed = (above = '') => ({ path: 'seed.yaml', text: above + flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"')) });
  const readerFile = { path: 'reader.yaml', text: reader('userSessionId') };

  it('names the writer as a related location, not in the message', () => {
    const [, r] = lintFiles([seed(), readerFile], { rules: [rule], config });
    const [m] = r.messages;
    expect(m.message).not.toMatch(/seed\.yaml|:\d+/);
    expect(m.related).toEqual([
      { path: 'seed.yaml', line: 11, column: expect.any(Number), endLine: 11, endColumn: expect.any(Number), message: expect.stringContaining('`{{flow.input.userSessionId}}`') },
    ]);
  });

  it('an edit above the writer moves the related location, never the message', () => {
    const [, before] = lintFiles([seed(), readerFile], { rules: [rule], config });
    const [, after] = lintFiles([seed('# a comment\n# another\n'), readerFile], { rules: [rule], config });
    expect(after.messages[0].message).toBe(before.messages[0].message);
    expect(after.messages[0].related![0].line).toBe(before.messages[0].related![0].line + 2);
  });
});

describe('closestKey', () => {
  it('takes the nearest key within a third of the length', () => {
    expect(closestKey('custmerId', ['delay', 'customerId', 'customerIds'])).toBe('customerId');
    expect(closestKey('ogConversationId', ['delay', 'phoneNumber'])).toBeUndefined();
    expect(closestKey('ab', ['ac'])).toBe('ac');
    expect(closestKey('ab', ['cd'])).toBeUndefined();
  });
  it('keeps the first of equally close keys', () => {
    expect(closestKey('keyX', ['keyA', 'keyB'])).toBe('keyA');
  });
});
