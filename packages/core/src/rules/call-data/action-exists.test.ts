import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import { callDataFlow, dataActionJson } from '../../testing/data-action-fixtures.js';
import { prepareTerraform } from '../../parse/terraform.js';
import rule from './action-exists.js';

const tester = new RuleTester({ describe, it });
const TF_ACTION =
  'resource "genesyscloud_integration_action" "agents" {\n  name           = "Agents Logged Into Queue"\n  category       = "Genesys Cloud Data Actions"\n  integration_id = var.integration_id\n  contract_input  = jsonencode({ type = "object", properties = {} })\n  contract_output = jsonencode({ type = "object", properties = {} })\n}\n';
// Terraform is parsed asynchronously (WebAssembly); prepare once so the synchronous RuleTester sees it parsed.
await prepareTerraform('main.tf', TF_ACTION);
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
      name: 'defined by a Terraform genesyscloud_integration_action',
      code: call('Agents Logged Into Queue'),
      files: [
        exported('Other'),
        { path: 'main.tf', text: TF_ACTION },
      ],
    },
  ],
  invalid: [
    {
      name: 'a typo of a defined action',
      code: call('Lookup Stat'),
      files: [exported('Lookup State - Exported 2024-10-28 @ 16:06'), exported('Create Callback', 'b.json')],
      errors: [
        {
          messageId: 'unknown',
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
