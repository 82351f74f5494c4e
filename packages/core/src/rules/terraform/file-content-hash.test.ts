import { describe, expect, it } from 'vitest';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule, { admitsAtLeast, admitsBelow, OPTIONAL_SINCE, READ_ONLY_SINCE } from './file-content-hash.js';

const tester = new RuleTester({ describe, it });

const M = '${path.module}';
const flow = (hashLine: string) => `resource "genesyscloud_flow" "support" {
  filepath          = "${M}/support.yaml"
${hashLine}  substitutions = {
    flow_name = "Support"
  }
}
`;
const providers = (version: string | undefined) => `terraform {
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
${version === undefined ? '' : `      version = "${version}"\n`}    }
  }
}
`;
const WITH_HASH = flow(`  file_content_hash = filesha256("${M}/support.yaml")\n`);
const WITHOUT = flow('');
const RENAMED = flow(`  update_trigger_hash = filesha256("${M}/support.yaml")\n`);
const SAME_LINE = `resource "genesyscloud_flow" "support" { file_content_hash = "abc" }\n`;
const COMMENTED = flow(`  file_content_hash = filesha256("${M}/support.yaml") # detect changes\n`);
const SAME_LINE_RENAMED = SAME_LINE.replace('file_content_hash', 'update_trigger_hash');
const versions = ['>= 1.68.0', '>=1.17.0', '~> 1.60', '~> 1.68.0', '1.68.4', '< 1.68.5', '>= 1.0, < 1.60.0', '1.70.0', '~> 1'];
await Promise.all(
  [WITH_HASH, WITHOUT, RENAMED, SAME_LINE, SAME_LINE_RENAMED, COMMENTED, COMMENTED.replace('file_content_hash', 'update_trigger_hash'), providers(undefined), ...versions.map(providers)].map((t) => prepareTerraform('main.tf', t)),
);

const filename = 'terraform/flows.tf';
const flowFile = { path: 'terraform/support.yaml', text: 'inboundCall:\n  name: "{{flow_name}}"\n  defaultLanguage: en-us\n' };
const versionsFile = (v: string | undefined, path = 'terraform/versions.tf') => ({ path, text: providers(v) });

tester.run(rule, {
  valid: [
    { name: 'no file_content_hash', filename, code: WITHOUT, files: [flowFile] },
    { name: 'update_trigger_hash is the optional replacement', filename, code: RENAMED, files: [flowFile] },
    { name: 'pinned below v1.68.5 (1.68.4)', filename, code: WITH_HASH, files: [flowFile, versionsFile('1.68.4')] },
    { name: 'capped below v1.68.5 (< 1.68.5)', filename, code: WITH_HASH, files: [flowFile, versionsFile('< 1.68.5')] },
    { name: '~> 1.68.0 stops at 1.69 but admits 1.68.5: reported, see invalid; a range that ends at 1.60 is not', filename, code: WITH_HASH, files: [flowFile, versionsFile('>= 1.0, < 1.60.0')] },
    { name: 'the module\'s own constraint wins over another module\'s', filename, code: WITH_HASH, files: [flowFile, versionsFile('1.68.4'), versionsFile('>=1.17.0', 'other/versions.tf')] },
    { name: 'the root module above excludes it', filename: 'terraform/modules/flows/flows.tf', code: WITH_HASH, files: [{ ...flowFile, path: 'terraform/modules/flows/support.yaml' }, versionsFile('1.68.4')] },
  ],
  invalid: [
    {
      name: 'a minimum version only (>=1.17.0, as the public blueprints write): removing is a suggestion (a lock file may pin a release up to v1.67 that requires it), so is renaming',
      filename,
      code: WITH_HASH,
      files: [flowFile, versionsFile('>=1.17.0')],
      errors: [
        {
          messageId: 'readOnly',
          message:
            '`file_content_hash` is computed by the provider since v1.68.5 and cannot be configured: `terraform plan` rejects it, and the constraint `>=1.17.0` (terraform/versions.tf) admits v1.68.5 and later. Remove it (the provider hashes the file itself), or use `update_trigger_hash` to control updates.',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 64,
          suggestions: [{ desc: /^Remove it/, output: WITHOUT }, { desc: 'Rename it to `update_trigger_hash` (updates still follow this hash).', output: RENAMED }],
        },
      ],
      output: null,
    },
    {
      name: 'a constraint that admits only releases where the attribute is optional or computed (>= 1.68.0): removed by the fix',
      filename,
      code: WITH_HASH,
      files: [flowFile, versionsFile('>= 1.68.0')],
      errors: [{ messageId: 'readOnly', suggestions: [{ output: RENAMED }] }],
      output: WITHOUT,
    },
    {
      name: 'no version constraint at all: terraform init installs the newest provider',
      filename,
      code: WITH_HASH,
      files: [flowFile, versionsFile(undefined)],
      errors: [{ messageId: 'readOnlyUnconstrained', message: /no `required_providers` constraint for mypurecloud\/genesyscloud in this module or the folders above it limits the version/, suggestions: [{ desc: /^Remove it/, output: WITHOUT }, { output: RENAMED }] }],
      output: null,
    },
    { name: 'no terraform block in the repository', filename, code: WITH_HASH, files: [flowFile], errors: [{ messageId: 'readOnlyUnconstrained', message: /no `required_providers` constraint/, suggestions: [{ desc: /^Remove it/, output: WITHOUT }, { output: RENAMED }] }], output: null },
    {
      name: 'a constraint in an unrelated folder says nothing about this module',
      filename,
      code: WITH_HASH,
      files: [flowFile, versionsFile('1.68.4', 'other-root/versions.tf')],
      errors: [{ messageId: 'readOnlyUnconstrained', message: /no `required_providers` constraint/ }],
      output: null,
    },
    { name: 'the root module above states it', filename: 'terraform/modules/flows/flows.tf', code: WITH_HASH, files: [{ ...flowFile, path: 'terraform/modules/flows/support.yaml' }, versionsFile('>=1.17.0')], errors: [{ message: /`>=1.17.0` \(terraform\/versions.tf\)/ }], output: null },
    { name: '~> 1.68.0 admits 1.68.5', filename, code: WITH_HASH, files: [flowFile, versionsFile('~> 1.68.0')], errors: [{ message: /`~> 1.68.0`/ }], output: WITHOUT },
    { name: 'pinned at 1.70.0', filename, code: WITH_HASH, files: [flowFile, versionsFile('1.70.0')], errors: 1, output: WITHOUT },
    { name: 'a trailing comment goes with the line', filename, code: COMMENTED, files: [flowFile, versionsFile('1.70.0')], errors: 1, output: WITHOUT },
    {
      name: 'the attribute shares its line: no fix (the line is not its alone), the rename is still suggested',
      filename,
      code: SAME_LINE,
      files: [flowFile, versionsFile('~> 1')],
      errors: [{ messageId: 'readOnly', suggestions: [{ output: SAME_LINE_RENAMED }] }],
      output: null,
    },
  ],
});

describe('admitsAtLeast', () => {
  it('reads Terraform version constraints', () => {
    const cases: [string, boolean | undefined][] = [
      ['>=1.17.0', true], ['~> 1.60', true], ['~> 1.68.0', true], ['~> 1.67.0', false], ['1.68.4', false], ['1.68.5', true],
      ['< 1.68.5', false], ['<= 1.68.5', true], ['>= 1.0, < 1.60.0', false], ['> 1.68.4', true], ['!= 1.70.0', true], ['~> 1', true],
      ['~> 2.0', true], ['= 1.0.0', false], ['latest', undefined],
    ];
    for (const [c, want] of cases) expect(admitsAtLeast(c, READ_ONLY_SINCE), c).toBe(want);
  });
  it('admitsBelow: whether a release that still requires the attribute (up to v1.67) is admitted', () => {
    const cases: [string, boolean | undefined][] = [
      ['>=1.17.0', true], ['>= 1.68.0', false], ['~> 1.68.0', false], ['~> 1.60', true], ['1.70.0', false], ['> 1.67.9', true],
      ['~> 1', true], ['>= 1.68.5, < 2.0.0', false], ['latest', undefined],
    ];
    for (const [c, want] of cases) expect(admitsBelow(c, OPTIONAL_SINCE), c).toBe(want);
  });
});
