import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../lint.js';
import { parseFile } from '../../parse/parse-file.js';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import { dataActionJson } from '../../testing/data-action-fixtures.js';
import { flowWith, getData, setData } from '../../testing/flow-fixtures.js';
import contract from '../call-data/contract.js';
import handlesFailure from '../call-data/handles-failure.js';
import rule from './literal-key.js';

const tester = new RuleTester({ describe, it });
const SESSION_VARIABLE = '- stringVariable:\n    name: Flow.userSessionId\n    isInput: true';
const KEY_VARIABLE = '- stringVariable:\n    name: Flow.key\n    isInput: true';

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
      name: "the seed's bug: a template key with no value, the variable not in the flow: a rename suggestion, no fix",
      code: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"')),
      errors: [
        {
          messageId: 'templateKey',
          message:
            'Set Participant Data attribute name `{{flow.input.userSessionId}}` contains the template `{{flow.input.userSessionId}}`, which is not a declared substitution, so it is stored literally (braces and all). Choose a literal key (for example `userSessionId`) and put the dynamic part in the value.',
          line: 11,
          column: 22,
          endLine: 11,
          endColumn: 52,
          suggestions: [{ desc: 'Use the literal key `userSessionId` (then set its value).', output: flowWith(setData('name:\n  lit: userSessionId')) }],
        },
      ],
      output: null,
    },
    {
      name: 'a template key with no value, the variable declared: the suggestion stores it as the value (still no fix: the name is a guess)',
      code: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"'), { variables: SESSION_VARIABLE }),
      errors: [
        {
          messageId: 'templateKey',
          suggestions: [
            {
              desc: 'Use the literal key `userSessionId` and store `Flow.userSessionId` as its value.',
              output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId'), { variables: SESSION_VARIABLE }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an unquoted undeclared substitution as the whole key',
      code: flowWith(setData('name:\n  lit: {{flow.input.userSessionId}}'), { variables: SESSION_VARIABLE }),
      errors: [{ messageId: 'templateKey', line: 15, column: 22, endColumn: 50, suggestions: [{ output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId'), { variables: SESSION_VARIABLE }) }] }],
      output: null,
    },
    {
      name: 'expression key with a value: a rename suggestion that keeps the value, no fix',
      code: flowWith(setData('name:\n  exp: Flow.userSessionId\nvalue:\n  exp: Call.Ani')),
      errors: [
        {
          messageId: 'dynamicKey',
          message: /attribute name is the expression `Flow.userSessionId`; attribute names must be literal strings\. Choose a literal key \(for example `userSessionId`\)/,
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
      output: null,
    },
    {
      name: 'a constant string expression as the key: fixed, the (empty) value left alone',
      code: flowWith(setData('name:\n  exp: "\\"customerId\\""')),
      errors: [
        {
          messageId: 'constantKey',
          message: 'Set Participant Data attribute name is the constant expression `"customerId"`; attribute names must be literal strings. Write the literal key `customerId`.',
          suggestions: [{ desc: 'Use the literal key `customerId` and keep the current value.', output: flowWith(setData('name:\n  lit: customerId')) }],
        },
      ],
      output: flowWith(setData('name:\n  lit: customerId')),
    },
    {
      name: 'Append of string literals is a constant: the whole string, not its last part',
      code: flowWith(setData('name:\n  exp: Append("Account", "Type")\nvalue:\n  exp: Call.Ani')),
      errors: [{ messageId: 'constantKey', message: /Write the literal key `AccountType`\./ }],
      output: flowWith(setData('name:\n  lit: AccountType\nvalue:\n  exp: Call.Ani')),
    },
    {
      name: 'Append with a variable is not a constant: no fix',
      code: flowWith(setData('name:\n  exp: Append("Account", Flow.kind)\nvalue:\n  exp: Call.Ani'), { variables: '- stringVariable:\n    name: Flow.kind' }),
      errors: [{ messageId: 'dynamicKey', suggestions: [{ desc: 'Use the literal key `kind` and keep the current value.', output: flowWith(setData('name:\n  lit: kind\nvalue:\n  exp: Call.Ani'), { variables: '- stringVariable:\n    name: Flow.kind' }) }] }],
      output: null,
    },
    {
      name: 'variable key with noValue: the suggestion moves the variable into the value',
      code: flowWith(setData('name:\n  var: Flow.key\nvalue:\n  noValue: true'), { variables: KEY_VARIABLE }),
      errors: [
        {
          messageId: 'variableKey',
          message: /is the variable `Flow.key`/,
          line: 15,
          column: 22,
          suggestions: [{ desc: 'Use the literal key `key` and store `Flow.key` as its value.', output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Flow.key'), { variables: KEY_VARIABLE }) }],
        },
      ],
      output: null,
    },
    {
      name: 'mixed static text and template: the static text is the suggested key',
      code: flowWith(setData('name:\n  lit: "{{flow.input.customerId}}_tier"\nvalue:\n  lit: gold')),
      errors: [{ messageId: 'templateKey', message: /contains the template `\{\{flow.input.customerId\}\}`.*for example `tier`/, suggestions: [{ desc: 'Use the literal key `tier` and keep the current value.', output: flowWith(setData('name:\n  lit: tier\nvalue:\n  lit: gold')) }] }],
      output: null,
    },
    {
      name: 'a declared substitution stays, the undeclared template is reported',
      code: flowWith(setData('name:\n  lit: "{{env}}_{{flow.input.id}}"\nvalue:\n  lit: x')),
      settings: { substitutions: ['env'] },
      errors: [
        {
          messageId: 'unfilledTemplateKey',
          message: /the template `\{\{flow.input.id\}\}`, which the deployment does not fill in \(no such substitution\).*for example `\{\{env\}\}`/,
          suggestions: [{ output: flowWith(setData('name:\n  lit: "{{env}}"\nvalue:\n  lit: x')) }],
        },
      ],
      output: null,
    },
    {
      name: 'a misspelt substitution: the declared one is suggested first',
      code: flowWith(setData('name:\n  lit: "{{customer_kye}}"\nvalue:\n  lit: x')),
      settings: { substitutions: ['customer_key'] },
      errors: [
        {
          messageId: 'unfilledTemplateKey',
          suggestions: [
            { desc: 'Use the declared substitution `{{customer_key}}`.', output: flowWith(setData('name:\n  lit: "{{customer_key}}"\nvalue:\n  lit: x')) },
            { desc: 'Use the literal key `customer_kye` and keep the current value.', output: flowWith(setData('name:\n  lit: customer_kye\nvalue:\n  lit: x')) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Velocity ${…} with a value: rename suggested, value kept',
      code: flowWith(setData('name:\n  lit: "${input.customerId}"\nvalue:\n  exp: Flow.customerId'), { variables: '- stringVariable:\n    name: Flow.customerId' }),
      errors: [{ messageId: 'templateKey', message: /the template `\$\{input.customerId\}`.*for example `customerId`/, line: 14, column: 22 }],
      output: null,
    },
    {
      name: 'Velocity ${…} with no value: rename, then set the value yourself',
      code: flowWith(setData('name:\n  lit: "$!{input.customerId}"')),
      errors: [{ messageId: 'templateKey', suggestions: [{ desc: 'Use the literal key `customerId` (then set its value).', output: flowWith(setData('name:\n  lit: customerId')) }] }],
      output: null,
    },
    {
      name: 'Get with an expression key nothing sets: no rename to propose',
      code: flowWith(getData('name:\n  exp: Flow.key\nvariable: Flow.out'), { variables: KEY_VARIABLE }),
      errors: [{ messageId: 'dynamicKey', message: /^Get Participant Data attribute name is the expression `Flow.key`/, line: 15, column: 22, suggestions: null }],
      output: null,
    },
    {
      name: 'Get with a template key: the key another flow sets is suggested',
      code: flowWith(getData('name:\n  lit: "{{flow.input.customerId}}"\nvariable: Flow.out')),
      files: [{ path: 'other.yaml', text: flowWith(setData('name:\n  lit: customerId\nvalue:\n  exp: Call.Ani')) }],
      errors: [{ messageId: 'templateKey', message: /^Get Participant Data/, suggestions: [{ desc: 'Use the literal key `customerId`.', output: flowWith(getData('name:\n  lit: customerId\nvariable: Flow.out')) }] }],
      output: null,
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
      code: flowWith(setData('name: {lit: "{{flow.input.userSessionId}}"}'), { variables: SESSION_VARIABLE }),
      errors: [{ messageId: 'templateKey', line: 14, column: 27, suggestions: [{ output: flowWith(setData('name: {lit: userSessionId}\nvalue:\n  exp: Flow.userSessionId'), { variables: SESSION_VARIABLE }) }] }],
      output: null,
    },
    {
      name: 'flow-style attribute map: the value is added inline',
      code: flowWith(setData('{name: {lit: "{{flow.input.userSessionId}}"}}').replace('- attribute:\n          {', '- attribute: {'), { variables: SESSION_VARIABLE }),
      errors: [{ messageId: 'templateKey', line: 13, column: 37, suggestions: [{ output: flowWith(setData('{name: {lit: userSessionId}, value: {exp: Flow.userSessionId}}').replace('- attribute:\n          {', '- attribute: {'), { variables: SESSION_VARIABLE }) }] }],
      output: null,
    },
    {
      name: 'flow-style attribute map with a constant key',
      code: flowWith(setData('{name: {exp: "\\"customerId\\""}, value: {exp: Call.Ani}}').replace('- attribute:\n          {', '- attribute: {')),
      errors: [{ messageId: 'constantKey', line: 9, column: 37 }],
      output: flowWith(setData('{name: {lit: customerId}, value: {exp: Call.Ani}}').replace('- attribute:\n          {', '- attribute: {')),
    },
    {
      name: 'CRLF file: positions stay exact and the added lines use CRLF',
      code: flowWith(setData('name:\n  lit: "{{flow.input.userSessionId}}"'), { variables: SESSION_VARIABLE }).replace(/\n/g, '\r\n'),
      errors: [
        {
          messageId: 'templateKey',
          line: 15,
          column: 22,
          endLine: 15,
          endColumn: 52,
          suggestions: [{ output: flowWith(setData('name:\n  lit: userSessionId\nvalue:\n  exp: Flow.userSessionId'), { variables: SESSION_VARIABLE }).replace(/\n/g, '\r\n') }],
        },
      ],
      output: null,
    },
    {
      name: 'two constant keys in one action are both reported and both fixed',
      code: flowWith(
        ['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            exp: "\\"a\\""', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            exp: Append("b", "c")', '          value:', '            exp: Call.Ani'].join('\n'),
      ),
      errors: [
        { messageId: 'constantKey', line: 11 },
        { messageId: 'constantKey', line: 16 },
      ],
      output: flowWith(
        ['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            lit: a', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            lit: bc', '          value:', '            exp: Call.Ani'].join('\n'),
      ),
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// A key that really is dynamic: the Set-Participant-Attribute data action, when the project defines one.

const SET_ATTRIBUTE_JSON = {
  path: 'actions/set-participant-attribute.json',
  text: dataActionJson({
    name: 'Set Participant Attribute - Exported 2024-10-28 @ 16:06',
    method: 'PATCH',
    url: '/api/v2/conversations/${input.conversationId}/participants/${input.participantId}/attributes',
    body: '{\n"attributes": { "${input.key}": "$!{input.value}" }\n}',
    inputSchema: { type: 'object', properties: { conversationId: { type: 'string' }, participantId: { type: 'string' }, key: { type: 'string' }, value: { type: 'string' } } },
    successSchema: { type: 'object', properties: {} },
  }),
};
// The public module's shape (GenesysCloudDevOps/public-api-set-participant-attribute-data-action-module), with
// other input names: the suggestion maps inputs by the role the request gives them, not by name.
const SET_ATTRIBUTE_TF = {
  path: 'main.tf',
  text: [
    'resource "genesyscloud_integration_action" "set_attr" {',
    '  name           = "Set Attr"',
    '  category       = "Genesys Cloud Data Actions"',
    '  integration_id = var.integration_id',
    '  contract_input  = jsonencode({ type = "object", properties = { conv = { type = "string" }, who = { type = "string" }, k = { type = "string" }, v = { type = "string" } } })',
    '  contract_output = jsonencode({ type = "object", properties = {} })',
    '  config_request {',
    '    request_url_template = "/api/v2/conversations/$${input.conv}/participants/$${input.who}/attributes"',
    '    request_type         = "PATCH"',
    '    request_template     = "{\\"attributes\\": {\\"$${input.k}\\": \\"$${input.v}\\"}}"',
    '  }',
    '}',
    '',
  ].join('\n'),
};
await prepareTerraform(SET_ATTRIBUTE_TF.path, SET_ATTRIBUTE_TF.text);
const SET_ATTRIBUTE_ESCAPED = {
  ...SET_ATTRIBUTE_JSON,
  text: SET_ATTRIBUTE_JSON.text.replace('\\"${input.key}\\": \\"$!{input.value}\\"', '\\"$esc.jsonString(${input.key})\\": \\"$esc.jsonString($!{input.value})\\"'),
};

const callDataLines = (category: string, action: string, inputs: [string, string][], label = 'Set data') => [
  '- callData:',
  `    name: ${label}`,
  '    category:',
  `      ${category}:`,
  '        dataAction:',
  `          ${action}:`,
  '            inputs:',
  ...inputs.flatMap(([k, v]) => [`              ${k}:`, `                ${v}`]),
  '            failureOutputs:',
  '              errorCode:',
  '                noValue: true',
  '              status:',
  '                noValue: true',
  '    outputs:',
  '      success:',
  '        actions: []',
  '      failure:',
  '        actions: []',
  '      timeout:',
  '        actions: []',
];

const VARIABLE_KEY = flowWith(setData('name:\n  exp: Flow.key\nvalue:\n  exp: Call.Ani'));
const VIA_JSON = flowWith(
  callDataLines('"<data action category>"', 'Set Participant Attribute', [
    ['conversationId', 'exp: Call.ConversationId'],
    ['participantId', 'noValue: true'],
    ['key', 'exp: Flow.key'],
    ['value', 'exp: Call.Ani'],
  ]).join('\n'),
);
// A flow that already looked up the customer's participant id (as the public blueprints do) passes it.
// Its failure and timeout paths are handled: the suggested call reads `Flow.pId`, and call-data/handles-failure
// would rightly report a lookup whose output is then read with no failure handling.
const lookup = [
  '- callData:', '    name: Get Customer Participant Id', '    category:', '      Genesys Cloud Data Actions:', '        dataAction:', '          Get Participant Id:',
  '            successOutputs:', '              customerParticipantId:', '                var: Flow.pId',
  '    outputs:', '      failure:', '        actions:', '          - disconnect:', '              name: Disconnect', '      timeout:', '        actions:', '          - disconnect:', '              name: Disconnect',
];
const SESSION_KEY = { type: 'inboundShortMessage', variables: '- stringVariable:\n    name: Flow.sessionKey\n    isInput: true' };
const TEMPLATE_KEY_MESSAGE_FLOW = flowWith([...lookup, setData('name:\n  lit: "{{flow.input.sessionKey}}"\nvalue:\n  lit: yes')].join('\n'), SESSION_KEY);
const VIA_TERRAFORM = flowWith(
  [
    ...lookup,
    ...callDataLines('Genesys Cloud Data Actions', 'Set Attr', [
      ['conv', 'exp: Message.ConversationId'],
      ['who', 'exp: Flow.pId'],
      ['k', 'exp: Flow.sessionKey'],
      ['v', 'lit: "yes"'],
    ]),
  ].join('\n'),
  SESSION_KEY,
);

tester.run(rule, {
  valid: [{ name: 'the suggested call itself (exported action)', code: VIA_JSON, files: [SET_ATTRIBUTE_JSON] }],
  invalid: [
    {
      name: 'dynamic key with a value, exported Set-Participant-Attribute action: calling it is the lead suggestion (placeholders for what is unknown)',
      code: VARIABLE_KEY,
      files: [SET_ATTRIBUTE_JSON],
      errors: [
        {
          messageId: 'dynamicKey',
          suggestions: [
            {
              desc: 'Keep the key dynamic: call the data action `Set Participant Attribute` (PATCH …/participants/{pid}/attributes) instead (then fill in the category and `participantId`).',
              output: VIA_JSON,
            },
            { desc: 'Use the literal key `key` and keep the current value.', output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Call.Ani')) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'template key in a message flow, Terraform action: category from Terraform, inputs by role, the participant id the flow looked up',
      code: TEMPLATE_KEY_MESSAGE_FLOW,
      files: [SET_ATTRIBUTE_TF],
      errors: [
        {
          messageId: 'templateKey',
          suggestions: [
            { desc: 'Keep the key dynamic: call the data action `Set Attr` (PATCH …/participants/{pid}/attributes) instead.', output: VIA_TERRAFORM },
            { desc: 'Use the literal key `sessionKey` and keep the current value.', output: TEMPLATE_KEY_MESSAGE_FLOW.replace('"{{flow.input.sessionKey}}"', 'sessionKey') },
          ],
        },
      ],
    },
    {
      name: 'template key naming a variable the flow does not have: no data-action call (it would read an undeclared variable)',
      code: flowWith([...lookup, setData('name:\n  lit: "{{flow.input.sessionKey}}"\nvalue:\n  lit: yes')].join('\n'), { type: 'inboundShortMessage' }),
      files: [SET_ATTRIBUTE_TF],
      errors: [{ messageId: 'templateKey', suggestions: [{ desc: 'Use the literal key `sessionKey` and keep the current value.' , output: flowWith([...lookup, setData('name:\n  lit: sessionKey\nvalue:\n  lit: yes')].join('\n'), { type: 'inboundShortMessage' }) }] }],
    },
    {
      name: 'the action with its key and value escaped ($esc.jsonString, as data-action/participant-attributes asks) still qualifies',
      code: VARIABLE_KEY,
      files: [SET_ATTRIBUTE_ESCAPED],
      errors: [{ messageId: 'dynamicKey', suggestions: [{ output: VIA_JSON }, { output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Call.Ani')) }] }],
    },
    {
      name: 'CRLF file: the call is written with CRLF',
      code: VARIABLE_KEY.replace(/\n/g, '\r\n'),
      files: [SET_ATTRIBUTE_JSON],
      errors: [{ messageId: 'dynamicKey', suggestions: [{ output: VIA_JSON.replace(/\n/g, '\r\n') }, { output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Call.Ani')).replace(/\n/g, '\r\n') }] }],
    },
    {
      name: 'an expression no literal key can be read from: the message proposes none',
      code: flowWith(setData('name:\n  exp: 1 + 2\nvalue:\n  lit: x')),
      errors: [
        {
          messageId: 'dynamicKeyNoExample',
          message:
            'Set Participant Data attribute name is the expression `1 + 2`; attribute names must be literal strings. Choose a literal key and put the dynamic part in the value; for a key that really must be dynamic, use the Set-Participant-Attribute data action (PATCH /api/v2/conversations/{conversationId}/participants/{participantId}/attributes).',
          suggestions: null,
        },
      ],
    },
    {
      name: 'an empty template: no literal key to propose',
      code: flowWith(getData('name:\n  lit: "{{}}"\nvariable: Flow.out')),
      errors: [
        {
          messageId: 'templateKeyNoExample',
          message: 'Get Participant Data attribute name `{{}}` contains the template `{{}}`, which is not a declared substitution, so it is stored literally (braces and all). Choose a literal key and put the dynamic part in the value.',
        },
      ],
    },
    {
      name: 'an empty template where the deployment declares substitutions',
      code: flowWith(getData('name:\n  lit: "{{}}"\nvariable: Flow.out')),
      settings: { substitutions: ['env'] },
      errors: [{ messageId: 'unfilledTemplateKeyNoExample', message: /which the deployment does not fill in \(no such substitution\), so it is stored literally \(braces and all\)\. Choose a literal key and put/ }],
    },
    {
      // What the suggestion leaves to fill in picks its sentence: the descs are asserted below.
      name: 'Terraform action (category known), no participant id in the flow: the suggestion leaves the participant id',
      code: VARIABLE_KEY,
      files: [SET_ATTRIBUTE_TF],
      errors: [{ messageId: 'dynamicKey' }],
    },
    {
      name: 'exported action (no category), the participant id the flow looked up: the suggestion leaves the category',
      code: TEMPLATE_KEY_MESSAGE_FLOW,
      files: [SET_ATTRIBUTE_JSON],
      errors: [{ messageId: 'templateKey' }],
    },
    {
      name: 'no Set-Participant-Attribute action in the project: no data-action suggestion',
      code: VARIABLE_KEY,
      files: [{ path: 'actions/other.json', text: dataActionJson({ name: 'Other' }) }],
      errors: [{ messageId: 'dynamicKey', suggestions: [{ desc: 'Use the literal key `key` and keep the current value.', output: flowWith(setData('name:\n  lit: key\nvalue:\n  exp: Call.Ani')) }] }],
      output: null,
    },
    {
      name: 'two attributes in the action: no data-action suggestion (one call cannot replace both)',
      code: flowWith(['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            exp: Flow.key', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            lit: b', '          value:', '            exp: Call.Ani'].join('\n')),
      files: [SET_ATTRIBUTE_JSON],
      errors: [{ messageId: 'dynamicKey', suggestions: [{ desc: 'Use the literal key `key` and keep the current value.', output: flowWith(['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', '          name:', '            lit: key', '          value:', '            exp: Call.Ani', '      - attribute:', '          name:', '            lit: b', '          value:', '            exp: Call.Ani'].join('\n')) }] }],
      output: null,
    },
    {
      name: 'Get with a dynamic key: the data action only sets, no data-action suggestion; the key it would read is set by no one',
      code: flowWith(getData('name:\n  exp: Flow.key\nvariable: Flow.out')),
      files: [SET_ATTRIBUTE_JSON],
      errors: [{ messageId: 'dynamicKey', suggestions: null }],
      output: null,
    },
  ],
});

describe('the Set-Participant-Attribute suggestion says what is left to fill in', () => {
  const descs = (code: string, files: { path: string; text: string }[]) => {
    const [r] = lintFiles([{ path: 'flow.yaml', text: code }, ...files], { rules: [rule], config: { rules: { [rule.meta.id]: 'error' } }, isTarget: (p) => p === 'flow.yaml' });
    return r.messages.flatMap((m) => m.suggestions ?? []).filter((s) => (s.messageId ?? "").startsWith('useSetAttributeAction')).map((s) => [s.messageId, s.desc]);
  };
  const sentence = (tail: string) => `Keep the key dynamic: call the data action \`Set Attr\` (PATCH …/participants/{pid}/attributes) instead${tail}.`;

  it('nothing, one input, the category, or the category and inputs', () => {
    expect(descs(TEMPLATE_KEY_MESSAGE_FLOW, [SET_ATTRIBUTE_TF])).toEqual([['useSetAttributeAction', sentence('')]]);
    expect(descs(VARIABLE_KEY, [SET_ATTRIBUTE_TF])).toEqual([['useSetAttributeActionFillIn', sentence(' (then fill in `who`)')]]);
    expect(descs(TEMPLATE_KEY_MESSAGE_FLOW, [SET_ATTRIBUTE_JSON])).toEqual([
      ['useSetAttributeActionFillInCategory', 'Keep the key dynamic: call the data action `Set Participant Attribute` (PATCH …/participants/{pid}/attributes) instead (then fill in the category).'],
    ]);
    expect(descs(VARIABLE_KEY, [SET_ATTRIBUTE_JSON])).toEqual([
      ['useSetAttributeActionFillInCategoryAnd', 'Keep the key dynamic: call the data action `Set Participant Attribute` (PATCH …/participants/{pid}/attributes) instead (then fill in the category and `participantId`).'],
    ]);
  });
});

describe('the Set-Participant-Attribute suggestion output', () => {
  it('the escaped fixture really is escaped', () => {
    expect(SET_ATTRIBUTE_ESCAPED.text).toContain('$esc.jsonString(${input.key})');
  });

  it('parses, and literal-key, call-data/contract and call-data/handles-failure report nothing on it', () => {
    for (const [code, files] of [
      [VIA_JSON, [SET_ATTRIBUTE_JSON]],
      [VIA_TERRAFORM, [SET_ATTRIBUTE_TF]],
    ] as const) {
      expect(parseFile('flow.yaml', code).errors).toEqual([]);
      const results = lintFiles([{ path: 'flow.yaml', text: code }, ...files], {
        rules: [rule, contract, handlesFailure],
        config: { rules: { [rule.meta.id]: 'error', [contract.meta.id]: 'error', [handlesFailure.meta.id]: 'error' } },
        isTarget: (p) => p === 'flow.yaml',
      });
      // Only the generated call is judged (the lookup before it is a fixture without failure paths).
      const from = code.split('\n').findIndex((l) => l.includes('name: Set data'));
      expect(results.flatMap((r) => r.messages).filter((m) => m.line >= from)).toEqual([]);
    }
  });
});
