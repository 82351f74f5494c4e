import { describe, expect, it } from 'vitest';
import { lintFiles } from '../lint.js';
import { parseFile } from '../parse/parse-file.js';
import readNeverSet from '../rules/participant-data/read-never-set.js';
import { flowWith, getData } from '../testing/flow-fixtures.js';
import { Project } from './project.js';
import { keysSetThroughDataActions } from './set-attribute-calls.js';
import { extractFacts } from './facts.js';

// The public Set-Participant-Attribute action's shape (GenesysCloudDevOps' module in the corpus).
const ACTION = JSON.stringify(
  {
    name: 'Set Participant Attribute - Exported 2024-10-28 @ 16:06',
    integrationType: 'purecloud-data-actions',
    actionType: 'custom',
    config: {
      request: {
        requestUrlTemplate: '/api/v2/conversations/${input.conversationId}/participants/${input.participantId}/attributes',
        requestType: 'PATCH',
        headers: {},
        requestTemplate: '{\n"attributes": { "${input.key}": "$!{input.value}" }\n}',
      },
      response: { translationMap: {}, translationMapDefaults: {}, successTemplate: '${rawResult}' },
    },
    contract: {
      input: { inputSchema: { type: 'object', properties: { conversationId: { type: 'string' }, participantId: { type: 'string' }, key: { type: 'string' }, value: { type: 'string' } } } },
      output: { successSchema: { type: 'object', properties: {} } },
    },
    secure: false,
  },
  null,
  2,
);

const caller = (key: string) =>
  flowWith(
    [
      '- callData:',
      '    name: Save the session id',
      '    category:',
      '      Genesys Cloud Data Actions:',
      '        dataAction:',
      '          Set Participant Attribute:',
      '            inputs:',
      '              conversationId:',
      '                exp: Call.ConversationId',
      '              participantId:',
      '                exp: Call.CurrentParticipantId',
      `              key: ${key}`,
      '              value:',
      '                exp: Flow.sessionId',
      '    outputs:',
      '      success: {actions: []}',
      '      failure: {actions: []}',
      '      timeout: {actions: []}',
    ].join('\n'),
  );

describe('keys set through the Set-Participant-Attribute data action', () => {
  it('a flow passing a literal key sets that key', () => {
    const flow = parseFile('caller.yaml', caller('{lit: userSessionId}'));
    const project = new Project([flow, parseFile('set-attr.json', ACTION)]);
    const found = keysSetThroughDataActions(extractFacts(flow), project);
    expect(found.map((o) => o.key)).toEqual(['userSessionId']);
    expect(flow.source.text.slice(found[0].range[0], found[0].range[1])).toBe('userSessionId');
    expect(project.participantKeysSet().has('userSessionId')).toBe(true);
  });

  it('the action with its key escaped ($esc.jsonString(${input.key})) works the same', () => {
    const escaped = ACTION.replace('\\"${input.key}\\"', '\\"$esc.jsonString(${input.key})\\"');
    expect(escaped).toContain('$esc.jsonString(${input.key})');
    const flow = parseFile('caller.yaml', caller('{lit: userSessionId}'));
    expect(keysSetThroughDataActions(extractFacts(flow), new Project([flow, parseFile('set-attr.json', escaped)])).map((o) => o.key)).toEqual(['userSessionId']);
  });

  it('a dynamic key, or an action that is not in the project, sets nothing', () => {
    const dynamic = parseFile('caller.yaml', caller('{exp: Flow.key}'));
    expect(keysSetThroughDataActions(extractFacts(dynamic), new Project([dynamic, parseFile('set-attr.json', ACTION)]))).toEqual([]);
    const alone = parseFile('caller.yaml', caller('{lit: userSessionId}'));
    expect(keysSetThroughDataActions(extractFacts(alone), new Project([alone]))).toEqual([]);
  });

  it('read-never-set counts it: no false "never set" for a key written through the data action', () => {
    const reader = flowWith(getData('name:\n  lit: userSessionId\nvariable: Flow.out'));
    const lint = (files: { path: string; text: string }[]) =>
      lintFiles([{ path: 'reader.yaml', text: reader }, ...files], { rules: [readNeverSet], config: { extends: [], rules: { [readNeverSet.meta.id]: 'warn' } }, isTarget: (p) => p === 'reader.yaml' })[0].messages;
    expect(lint([{ path: 'caller.yaml', text: caller('{exp: Flow.key}') }, { path: 'set-attr.json', text: ACTION }]).map((m) => m.messageId)).toEqual(['neverSet']);
    expect(lint([{ path: 'caller.yaml', text: caller('{lit: userSessionId}') }, { path: 'set-attr.json', text: ACTION }])).toEqual([]);
  });
});
