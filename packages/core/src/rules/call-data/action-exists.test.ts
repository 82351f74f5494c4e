import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { callDataFlow, dataActionJson } from '../../testing/data-action-fixtures.js';
import { prepareTerraform } from '../../parse/terraform.js';
import rule from './action-exists.js';

const tester = new RuleTester({ describe, it });
const TF_ACTION =
  'resource "genesyscloud_integration_action" "agents" {\n  name           = "Agents Logged Into Queue"\n  category       = "Genesys Cloud Data Actions"\n  integration_id = var.integration_id\n  contract_input  = jsonencode({ type = "object", properties = {} })\n  contract_output = jsonencode({ type = "object", properties = {} })\n}\n';
const tfAction = (name: string, category: string, extra = '') =>
  `resource "genesyscloud_integration_action" "a" {\n  name           = "${name}"\n  category       = ${category}\n  integration_id = var.integration_id\n}\n${extra}`;
const TF_CATEGORY_VAR = tfAction('Get Queue', 'var.action_category', 'variable "action_category" {\n  default = "Queue Actions"\n}\n');
const TF_CATEGORY_UNKNOWN = tfAction('Get Queue', 'var.action_category', 'variable "action_category" {\n  type = string\n}\n');
const TF_TWO_CATEGORIES =
  tfAction('Get Queue', 'var.action_category', 'variable "action_category" {\n  default = "Queue Actions"\n}\n') +
  'module "other" {\n  source          = "./"\n  action_category = "Routing Actions"\n}\n';
// Terraform is parsed asynchronously (WebAssembly); prepare once so the synchronous RuleTester sees it parsed.
for (const text of [TF_ACTION, TF_CATEGORY_VAR, TF_CATEGORY_UNKNOWN, TF_TWO_CATEGORIES]) await prepareTerraform('main.tf', text);
const GDA = 'Genesys Cloud Data Actions';
const exported = (name: string, path = 'actions/lookup.json') => ({ path, text: dataActionJson({ name }) });
const call = (action: string, category?: string) => callDataFlow(action, 'inputs:\n  conversationId:\n    exp: Call.ConversationId', { category });

tester.run(rule, {
  valid: [
    { name: 'defined by an exported data action (export suffix ignored)', code: call('Lookup State'), files: [exported('Lookup State - Exported 2024-10-28 @ 16:06')] },
    { name: 'names differing only in case', code: call('lookup state'), files: [exported('Lookup State')] },
    { name: 'no data actions in the repository: nothing to compare with', code: call('Lookup State') },
    { name: 'a {{substitution}} as the action name', code: call('{{data_action_name}}', '{{data_action_category}}'), files: [exported('Other')] },
    { name: 'a Terraform ${var} as the action name', code: call('${dataAction}-data-action', '${dataAction}-Lambda'), files: [exported('Other')] },
    {
      name: 'defined by a Terraform genesyscloud_integration_action, in its category',
      code: call('Agents Logged Into Queue', GDA),
      files: [
        exported('Other'),
        { path: 'main.tf', text: TF_ACTION },
      ],
    },
    { name: 'the category differs only in case', code: call('Agents Logged Into Queue', 'genesys cloud data actions'), files: [{ path: 'main.tf', text: TF_ACTION }] },
    { name: 'the category resolved through a variable default', code: call('Get Queue', 'Queue Actions'), files: [{ path: 'main.tf', text: TF_CATEGORY_VAR }] },
    { name: 'a {{substitution}} as the category is filled at deploy time', code: call('Agents Logged Into Queue', '{{data_action_category}}'), files: [{ path: 'main.tf', text: TF_ACTION }] },
    { name: 'the Terraform category is a variable with no value in the repository', code: call('Get Queue', 'Anything'), files: [{ path: 'main.tf', text: TF_CATEGORY_UNKNOWN }] },
    {
      name: 'the action is also an exported data action (which carries no category)',
      code: call('Agents Logged Into Queue', 'Other Integration'),
      files: [exported('Agents Logged Into Queue'), { path: 'main.tf', text: TF_ACTION }],
    },
    { name: 'any of the categories a module is given', code: call('Get Queue', 'Routing Actions'), files: [{ path: 'main.tf', text: TF_TWO_CATEGORIES }] },
  ],
  invalid: [
    {
      name: 'a category other than the Terraform resource\'s',
      code: call('Agents Logged Into Queue', 'Genesys Cloud Data Action'),
      files: [{ path: 'main.tf', text: TF_ACTION }],
      errors: [
        {
          messageId: 'wrongCategory',
          message:
            'Call Data Action `Look up` calls `Agents Logged Into Queue` in the category `Genesys Cloud Data Action`, but Terraform defines `Agents Logged Into Queue` in `Genesys Cloud Data Actions`.',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 36,
          suggestions: [{ messageId: 'useCategory', desc: `Use the category \`${GDA}\`.`, output: call('Agents Logged Into Queue', GDA) }],
        },
      ],
    },
    {
      name: 'two possible categories: the nearest is suggested first',
      code: call('Get Queue', 'Routing Action'),
      files: [{ path: 'main.tf', text: TF_TWO_CATEGORIES }],
      errors: [
        {
          messageId: 'wrongCategory',
          message: 'Call Data Action `Look up` calls `Get Queue` in the category `Routing Action`, but Terraform defines `Get Queue` in `Routing Actions` or `Queue Actions`.',
          suggestions: [
            { messageId: 'useCategory', output: call('Get Queue', 'Routing Actions') },
            { messageId: 'useCategory', output: call('Get Queue', 'Queue Actions') },
          ],
        },
      ],
    },
    {
      name: 'a typo of a defined action',
      code: call('Lookup Stat'),
      files: [exported('Lookup State - Exported 2024-10-28 @ 16:06'), exported('Create Callback', 'b.json')],
      errors: [
        {
          messageId: 'unknownClosest',
          message: 'Call Data Action `Look up` calls `Lookup Stat`, which no data action in the repository defines; did you mean `Lookup State`?',
          line: 11,
          column: 15,
          endColumn: 26,
          suggestions: [{ messageId: 'rename', desc: 'Call `Lookup State` instead.', output: call('Lookup State') }],
        },
      ],
    },
    {
      name: 'nothing close',
      code: call('Send Email'),
      files: [exported('Lookup State')],
      errors: [{ messageId: 'unknown', message: /calls `Send Email`, which no data action in the repository defines\.$/, suggestions: null }],
    },
  ],
});
