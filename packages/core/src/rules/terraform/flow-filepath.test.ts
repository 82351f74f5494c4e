import { describe, it } from 'vitest';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './flow-filepath.js';

const tester = new RuleTester({ describe, it });

function flowResource(filepath: string | undefined): string {
  return `resource "genesyscloud_flow" "support" {
${filepath === undefined ? '' : `  filepath = "${filepath}"\n`}  substitutions = {
    flow_name = "Support"
  }
}
`;
}
const M = '${path.module}';
const OK = flowResource(`${M}/support.yaml`);
const ROOT_RELATIVE = flowResource('./modules/flows/support.yaml');
const MISSING = flowResource(undefined);
const NOT_YAML = flowResource(`${M}/support.json`);
const ABSENT = flowResource(`${M}/supprt.yaml`);
const TEMPLATE = flowResource(`${M}/support.yaml.tftpl`);
const S3 = flowResource('s3://bucket/flows/support.yaml');
const LOCALS = flowResource('${local.dir}/elsewhere.yaml');
const GENERATED = `resource "local_file" "gen" {
  content  = templatefile("flow.tftpl", {})
  filename = "${M}/generated.yaml"
}
${flowResource(`${M}/generated.yaml`)}`;
await Promise.all([OK, ROOT_RELATIVE, MISSING, NOT_YAML, ABSENT, TEMPLATE, S3, LOCALS, GENERATED].map((t) => prepareTerraform('main.tf', t)));

const filename = 'terraform/modules/flows/flow.tf';
const flowFile = { path: 'terraform/modules/flows/support.yaml', text: 'inboundCall:\n  name: "{{flow_name}}"\n  defaultLanguage: en-us\n' };

tester.run(rule, {
  valid: [
    { name: '${path.module}/support.yaml exists', filename, code: OK, files: [flowFile] },
    { name: 'relative to the root module', filename, code: ROOT_RELATIVE, files: [flowFile] },
    {
      name: 'relative to a root module beside this folder (envs/prod calling ../../terraform/modules/flows)',
      filename,
      code: ROOT_RELATIVE,
      files: [{ ...flowFile, path: 'envs/prod/modules/flows/support.yaml' }],
    },
    { name: 'a .yaml.tftpl template is a YAML flow too (not read, so not checked)', filename, code: TEMPLATE, files: [flowFile] },
    { name: 'remote (S3) paths are not checked', filename, code: S3, files: [flowFile] },
    { name: 'an unresolvable ${local.…} prefix is not guessed', filename, code: LOCALS, files: [flowFile] },
    { name: 'a file written by local_file at apply time', filename, code: GENERATED, files: [flowFile] },
    { name: 'no flow files read at all (a .tf linted alone): absence is not reported', filename, code: ABSENT },
  ],
  invalid: [
    {
      name: 'filepath missing',
      filename,
      code: MISSING,
      files: [flowFile],
      errors: [{ messageId: 'missing', message: '`genesyscloud_flow.support` has no `filepath`; Terraform needs the Archy YAML file to deploy.', line: 1, column: 1, endColumn: 39 }],
    },
    { name: 'not YAML', filename, code: NOT_YAML, files: [flowFile], errors: [{ messageId: 'notYaml', line: 2, column: 14, endColumn: 43 }] },
    {
      name: 'file absent (a typo or a rename the .tf did not follow)',
      filename,
      code: ABSENT,
      files: [flowFile],
      errors: [
        {
          messageId: 'absent',
          message: '`filepath` `${path.module}/supprt.yaml` does not exist in the repository (looked for `terraform/modules/flows/supprt.yaml`).',
          line: 2,
        },
      ],
    },
  ],
});
