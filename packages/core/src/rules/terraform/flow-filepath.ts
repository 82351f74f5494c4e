import { generatedFilePaths, isFlowFilePath, findAttribute, terraformFlowsIn } from '../../model/terraform.js';
import { defineRule, ruleDocsUrl } from '../rule.js';

const id = 'terraform/flow-filepath';

/**
 * `genesyscloud_flow.filepath` names the Archy YAML Terraform deploys. Without it the resource is invalid; a path
 * to anything but YAML fails in Archy; a path to a file that is not there fails `terraform apply` (usually after a
 * rename or a move that the `.tf` did not follow).
 */
export default defineRule({
  meta: {
    id,
    description: '`genesyscloud_flow.filepath` must be set and name an Archy YAML file that exists in the repository.',
    severity: 'error',
    kinds: ['terraform'],
    crossFile: true,
    docs: { url: ruleDocsUrl(id), recommended: true },
    messages: {
      missing: '`genesyscloud_flow.{{name}}` has no `filepath`; Terraform needs the Archy YAML file to deploy.',
      notYaml: '`filepath` `{{path}}` is not a YAML file; Archy flows are `.yaml` or `.yml`.',
      absent: '`filepath` `{{path}}` does not exist in the repository (looked for `{{expected}}`).',
    },
  },
  check(context) {
    const flows = terraformFlowsIn(context.project, context.file);
    if (!flows.length) return;
    // Without any flow among the files read (one .tf linted alone), "absent" would be a guess.
    const flowsRead = context.project.hasFilesOfKind('flow');
    for (const flow of flows) {
      const { resource, filepath, target } = flow;
      if (filepath === undefined) {
        context.report({ range: resource.headerRange, messageId: 'missing', data: { name: resource.name } });
        continue;
      }
      const range = findAttribute(resource, ['filepath'])?.valueRange ?? resource.headerRange;
      const tail = filepath.slice(filepath.lastIndexOf('}') + 1);
      const base = tail.slice(tail.lastIndexOf('/') + 1);
      // The provider reads any file and fills in substitutions, so `flow.yaml.tftpl` is a YAML flow too.
      const yamlNamed = isFlowFilePath(base) || /\.ya?ml\./i.test(base);
      if (base.includes('.') && !yamlNamed && target.status !== 'remote') {
        context.report({ range, messageId: 'notYaml', data: { path: filepath } });
        continue;
      }
      // Only files cxlint reads (`.yaml`/`.yml`) can be known to be absent; a `.yaml.tftpl` is not read.
      if (target.status === 'missing' && isFlowFilePath(target.expected) && flowsRead && !generatedFilePaths(context.project).has(target.expected)) {
        context.report({ range, messageId: 'absent', data: { path: filepath, expected: target.expected } });
      }
    }
  },
});
