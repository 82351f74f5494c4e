import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { callDataFlow, dataActionJson } from '../../testing/data-action-fixtures.js';
import { prepareTerraform } from '../../parse/terraform.js';
import rule from './contract.js';

const tester = new RuleTester({ describe, it });
const TF_ACTION =
  'resource "genesyscloud_integration_action" "agents" {\n  name           = "Agents Logged Into Queue"\n  category       = "Genesys Cloud Data Actions"\n  integration_id = var.integration_id\n  contract_input  = jsonencode({ type = "object", required = ["QueueID"], properties = { QueueID = { type = "string" } } })\n  contract_output = jsonencode({ type = "object", properties = {} })\n}\n';
// Terraform is parsed asynchronously (WebAssembly); prepare once so the synchronous RuleTester sees it parsed.
await prepareTerraform('main.tf', TF_ACTION);
const action = { path: 'actions/lookup.json', text: dataActionJson({ name: 'Lookup State - Exported 2024-10-28 @ 16:06' }) };
const call = (body: string) => callDataFlow('Lookup State', body);
const CONV = 'conversationId:\n    exp: Call.ConversationId';
// Every failure output name, laid out as Architect exports them (the corpus flows list all 13).
const ALL_FAILURE_OUTPUTS = [
  'errorCode', 'status', 'correlationId', 'entityId', 'entityName', 'userMessage', 'userParamsMessage',
  'userParams.key', 'userParams.value', 'details.errorCode', 'details.fieldName', 'details.entityId', 'details.entityName',
].map((n) => `  ${n}:\n    noValue: true`).join('\n');
const failures = (entries: string) => `inputs:\n  ${CONV}\nfailureOutputs:\n${entries}`;

tester.run(rule, {
  valid: [
    { name: 'inputs and outputs from the contract', code: call(`inputs:\n  ${CONV}\n  note:\n    lit: hello\nsuccessOutputs:\n  state:\n    var: Flow.state`), files: [action] },
    { name: 'nested outputs are flattened with dots', code: call(`inputs:\n  ${CONV}\nsuccessOutputs:\n  conversation.id:\n    var: Flow.cid`), files: [action] },
    { name: 'a literal of the right type', code: call(`inputs:\n  ${CONV}\n  count:\n    lit: 3`), files: [action] },
    { name: 'an expression is not checked for type', code: call(`inputs:\n  ${CONV}\n  count:\n    exp: Flow.text`), files: [action] },
    { name: 'a substitution in a literal is filled at deploy time', code: call(`inputs:\n  ${CONV}\n  count:\n    lit: {{retries}}`), files: [action] },
    { name: 'an unknown action is action-exists\' finding', code: callDataFlow('Other', 'inputs:\n  bogus:\n    lit: x'), files: [action] },
    { name: 'templated input names are not checked', code: call('inputs:\n  {{input_name}}:\n    exp: Call.Ani'), files: [action] },
    {
      name: 'an array-of-objects success schema offers its items\' properties',
      code: call(`inputs:\n  ${CONV}\nsuccessOutputs:\n  Name:\n    var: Flow.name`),
      files: [{ path: 'a.json', text: dataActionJson({ successSchema: { type: 'array', items: { type: 'object', properties: { Name: { type: 'string' } } } } }) }],
    },
    { name: 'every failure output Architect exports', code: call(failures(ALL_FAILURE_OUTPUTS)), files: [action] },
    { name: 'failure outputs of an action the repository does not define', code: callDataFlow('Elsewhere', failures('  errorCode:\n    var: Flow.err\n  details.fieldName:\n    var: Flow.field')) },
    { name: 'the containers of flattened failure outputs (unverified, accepted)', code: call(failures('  details:\n    var: Flow.d\n  userParams:\n    var: Flow.p')), files: [action] },
    { name: 'a templated failure output name', code: call(failures('  {{error_output}}:\n    var: Flow.err')), files: [action] },
  ],
  invalid: [
    {
      name: 'a failure output with a typo: the closest name is suggested',
      code: call(failures('  errorcode:\n    var: Flow.err\n  status:\n    var: Flow.status')),
      files: [action],
      errors: [
        {
          messageId: 'unknownFailureOutputClosest',
          message: '`errorcode` is not a failure output of a Call Data Action; did you mean `errorCode`?',
          line: 16,
          column: 19,
          endLine: 16,
          endColumn: 28,
          suggestions: [{ messageId: 'rename', desc: 'Use `errorCode`.', output: call(failures('  errorCode:\n    var: Flow.err\n  status:\n    var: Flow.status')) }],
        },
      ],
    },
    {
      name: 'a flattened failure output misspelled, on an action the repository does not define',
      code: callDataFlow('Elsewhere', 'failureOutputs:\n  detail.fieldName:\n    var: Flow.field'),
      errors: [
        {
          messageId: 'unknownFailureOutputClosest',
          line: 13,
          column: 19,
          suggestions: [{ output: callDataFlow('Elsewhere', 'failureOutputs:\n  details.fieldName:\n    var: Flow.field') }],
        },
      ],
    },
    {
      name: 'a failure output nothing is close to: the names are listed',
      code: call(failures('  httpStatusCode:\n    var: Flow.code')),
      files: [action],
      errors: [
        {
          messageId: 'unknownFailureOutput',
          message:
            '`httpStatusCode` is not a failure output of a Call Data Action (failure outputs: `errorCode`, `status`, `correlationId`, `entityId`, `entityName`, `userMessage`, `userParamsMessage`, `userParams.key`, …).',
          suggestions: null,
        },
      ],
    },
    {
      name: 'a failure output already used is not suggested twice',
      code: call(failures('  status:\n    var: Flow.a\n  Status:\n    var: Flow.b')),
      files: [action],
      errors: [{ messageId: 'unknownFailureOutput', line: 18, message: /`Status` is not a failure output of a Call Data Action \(failure outputs:/, suggestions: null }],
    },
    {
      name: 'an input the contract does not have, close to one it has',
      code: call(`inputs:\n  ${CONV}\n  cont:\n    lit: 2`),
      files: [action],
      errors: [
        {
          messageId: 'unknownInput',
          message: '`cont` is not an input of data action `Lookup State` (inputs: `conversationId`, `note`, `count`).',
          line: 15,
          column: 19,
          endColumn: 23,
          suggestions: [{ messageId: 'rename', desc: 'Use `count`.', output: call(`inputs:\n  ${CONV}\n  count:\n    lit: 2`) }],
        },
      ],
    },
    {
      name: 'a required input missing: suggest adding it',
      code: call('inputs:\n  note:\n    lit: hi'),
      files: [action],
      errors: [
        {
          messageId: 'missingRequired',
          message: 'Data action `Lookup State` requires the input `conversationId`, which this Call Data Action does not set.',
          line: 12,
          column: 17,
          suggestions: [{ messageId: 'addInput', output: call('inputs:\n  note:\n    lit: hi\n  conversationId:\n    lit: ""') }],
        },
      ],
    },
    {
      name: 'a required input set to no value',
      code: call('inputs:\n  conversationId:\n    noValue: true'),
      files: [action],
      errors: [{ messageId: 'requiredNoValue' }],
    },
    {
      name: 'a literal of the wrong JSON type (validated with ajv): string for an integer',
      code: call(`inputs:\n  ${CONV}\n  count:\n    lit: "3"`),
      files: [action],
      errors: [
        {
          messageId: 'wrongType',
          message: 'Input `count` of `Lookup State` must be integer, but the literal is the string "3".',
          line: 16,
          column: 26,
          suggestions: [{ messageId: 'convert', desc: 'Write the literal as `3`.', output: call(`inputs:\n  ${CONV}\n  count:\n    lit: 3`) }],
        },
      ],
    },
    {
      name: 'a number for a string input',
      code: call(`inputs:\n  ${CONV}\n  note:\n    lit: 42`),
      files: [action],
      errors: [{ messageId: 'wrongTypeNumber', message: /must be string, but the literal is the number 42/, suggestions: [{ output: call(`inputs:\n  ${CONV}\n  note:\n    lit: "42"`) }] }],
    },
    {
      name: 'a boolean for a string input',
      code: call(`inputs:\n  ${CONV}\n  note:\n    lit: true`),
      files: [action],
      errors: [{ messageId: 'wrongTypeBoolean', message: 'Input `note` of `Lookup State` must be string, but the literal is the boolean true.' }],
    },
    {
      name: 'null for a string input',
      code: call(`inputs:\n  ${CONV}\n  note:\n    lit: null`),
      files: [action],
      errors: [{ messageId: 'wrongTypeNull', message: 'Input `note` of `Lookup State` must be string, but the literal is null.' }],
    },
    {
      name: 'an input or output of an action whose contract declares none',
      code: callDataFlow('Empty', 'inputs:\n  a:\n    lit: x\nsuccessOutputs:\n  b:\n    var: Flow.b'),
      files: [{ path: 'actions/empty.json', text: dataActionJson({ name: 'Empty', inputSchema: { type: 'object', properties: {} }, successSchema: { type: 'object', properties: {} } }) }],
      errors: [
        { messageId: 'unknownInputNone', message: '`a` is not an input of data action `Empty`, which has no inputs.' },
        { messageId: 'unknownOutputNone', message: '`b` is not an output of data action `Empty`, which has no outputs.' },
      ],
    },
    {
      name: 'an output the contract does not have',
      code: call(`inputs:\n  ${CONV}\nsuccessOutputs:\n  stat:\n    var: Flow.state\n  conversation.uuid:\n    var: Flow.cid`),
      files: [action],
      errors: [
        {
          messageId: 'unknownOutput',
          message: '`stat` is not an output of data action `Lookup State` (outputs: `state`, `conversation`, `conversation.id`).',
          suggestions: [{ output: call(`inputs:\n  ${CONV}\nsuccessOutputs:\n  state:\n    var: Flow.state\n  conversation.uuid:\n    var: Flow.cid`) }],
        },
        { messageId: 'unknownOutput', message: /`conversation.uuid` is not an output/ },
      ],
    },
    {
      name: 'the contract of a Terraform-defined action',
      code: callDataFlow('Agents Logged Into Queue', 'inputs:\n  QueueId:\n    exp: Flow.q'),
      files: [
        { path: 'main.tf', text: TF_ACTION },
      ],
      errors: [
        { messageId: 'missingRequired', line: 12 },
        { messageId: 'unknownInput', line: 13, suggestions: [{ output: callDataFlow('Agents Logged Into Queue', 'inputs:\n  QueueID:\n    exp: Flow.q') }] },
      ],
    },
  ],
});
