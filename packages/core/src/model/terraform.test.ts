import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintFilesAsync } from '../lint.js';
import { lintPaths } from '../node/lint-paths.js';
import { parseFile } from '../parse/parse-file.js';
import { prepareTerraform } from '../parse/terraform.js';
import { builtInRules } from '../rules/index.js';
import { Project } from './project.js';
import { terraformFlows, terraformIntegrationActions } from './terraform.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

async function project(files: Record<string, string>): Promise<Project> {
  const parsed = await Promise.all(Object.entries(files).map(async ([path, text]) => parseFile(path, text, undefined, path.endsWith('.tf') ? await prepareTerraform(path, text) : undefined)));
  return new Project(parsed);
}

const ACTION = `resource "genesyscloud_integration_action" "action" {
  name           = var.action_name
  category       = "Genesys Cloud Data Actions"
  integration_id = var.integration_id
  secure         = false
  contract_input = jsonencode({
    "type" = "object",
    "required" = ["conversationId"],
    "properties" = {
      "conversationId" = { "type" = "string" },
      "count" = { "type" = "integer", "default" = 3 }
    }
  })
  contract_output = jsonencode({ "type" = "object", "properties" = { "name" = { "type" = var.kind } } })
  config_request {
    request_url_template = "/api/v2/conversations/$\${input.conversationId}"
    request_type         = "GET"
    request_template     = "$\${input.rawRequest}"
    headers = {
      Content-Type = "application/json"
    }
  }
  config_response {
    translation_map = { name = "$.name" }
    success_template = "{\\"name\\": $\${name}}"
  }
}
variable "action_name" {
  type    = string
  default = "Get Conversation"
}
`;

describe('Terraform model', () => {
  it('exposes genesyscloud_integration_action like an exported data action', async () => {
    const p = await project({
      'modules/action/main.tf': ACTION,
      'main.tf': 'module "get_conversation" {\n  source      = "./modules/action"\n  action_name = "Get Conversation Details"\n}\n',
    });
    const [a] = terraformIntegrationActions(p);
    expect(a.names.sort()).toEqual(['Get Conversation', 'Get Conversation Details']);
    expect(a.nameExpression).toBe('${var.action_name}');
    expect(a.categories).toEqual(['Genesys Cloud Data Actions']);
    expect(a.categoryExpression).toBe('Genesys Cloud Data Actions');
    expect(a.path).toBe('modules/action/main.tf');
    // The data action it defines, as exported JSON would give it; the name is resolved per project.
    expect(a.action).toMatchObject({ path: 'modules/action/main.tf', origin: 'terraform', keyInputs: [] });
    expect(a.action.name).toBeUndefined();
    expect(a.action.inputSchema).toEqual({
      type: 'object',
      required: ['conversationId'],
      properties: { conversationId: { type: 'string' }, count: { type: 'integer', default: 3 } },
    });
    // A reference inside jsonencode stays a string.
    expect(a.action.successSchema).toEqual({ type: 'object', properties: { name: { type: '${var.kind}' } } });
  });

  it('resolves genesyscloud_flow filepaths and reads substitution keys', async () => {
    const p = await project({
      'flows/main.tf': 'resource "genesyscloud_flow" "f" {\n  filepath = "${path.module}/a.yaml"\n  substitutions = {\n    flow_name = "A"\n    queue = var.q\n  }\n}\n',
      'flows/a.yaml': 'inboundCall:\n  name: "{{flow_name}}"\n  defaultLanguage: en-us\n',
    });
    const [f] = terraformFlows(p);
    expect(f.target).toEqual({ status: 'resolved', paths: ['flows/a.yaml'] });
    expect(f.substitutions).toEqual(['flow_name', 'queue']);
    expect(p.substitutionsFor({ path: 'flows/a.yaml' })).toEqual({ names: new Set(['flow_name', 'queue']), known: true });
  });

  it('reads a .tf with a byte-order mark, positions unchanged', async () => {
    const text = '\uFEFFresource "genesyscloud_flow" "f" {\n  substitutions = {}\n}\n';
    const [r] = await lintFilesAsync([{ path: 'bom.tf', text }, { path: 'x.yaml', text: 'workflow:\n  name: x\n  defaultLanguage: en-us\n' }], {
      isTarget: (p) => p === 'bom.tf',
    });
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['terraform/flow-filepath', 1, 1]]);
  });

  it('reports an HCL syntax error at its line, and lints nothing else in the file', async () => {
    const [r] = await lintFilesAsync([{ path: 'bad.tf', text: 'resource "genesyscloud_flow" "f" {\n  filepath = "a.yaml\n}\n' }]);
    expect(r.messages[0]).toMatchObject({ fatal: true, line: 2 });
    expect(r.messages[0].message).toMatch(/^Parse error: Invalid multi-line string/);
  });
});

describe.skipIf(!existsSync(CORPUS))('the public corpus (../shared/corpus)', () => {
  it('lints with no crash and no parse error; flow and Terraform findings are the known ones', async () => {
    const { results } = await lintPaths(['.'], { cwd: CORPUS });
    const all = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath })));
    expect(all.filter((m) => m.fatal || m.ruleId === null || m.message.startsWith('Internal error'))).toEqual([]);
    const mine = all.filter((m) => /^(flow|terraform)\//.test(m.ruleId ?? ''));
    const byRule: Record<string, number> = {};
    for (const m of mine) byRule[m.ruleId!] = (byRule[m.ruleId!] ?? 0) + 1;
    // Every one was read: the provider example that uses `{{description}}` without declaring it, and
    // `file_content_hash` on 13 genesyscloud_flow resources in 7 files whose modules state no provider
    // constraint or `>=1.17.0` (computed only since v1.68.5). Strict-only now: the 115 unquoted placeholders (no
    // value Terraform substitutes in the corpus changes the YAML) and `flow.ani` (wrong case, works at run time).
    expect(byRule).toEqual({ 'flow/substitution-undefined': 1, 'terraform/file-content-hash': 13 });
    expect(new Set(mine.filter((m) => m.ruleId === 'terraform/file-content-hash').map((m) => m.file)).size).toBe(7);
    expect(mine.filter((m) => m.ruleId !== 'terraform/file-content-hash').map((m) => `${m.file}:${m.line}:${m.column} ${m.message}`).sort()).toEqual([
      'MyPureCloud__terraform-provider-genesyscloud/examples/resources/genesyscloud_flow/inboundcall_flow_example_substitutions.yaml:3:17 `{{description}}` is not provided by the Terraform substitutions or the config for this flow, so Terraform deploys the flow with the literal text `{{description}}`.',
    ]);
  }, 60_000);

  it('a flow whose {{flow_name}} is declared in the Terraform substitutions is not flagged; an undeclared key is', async () => {
    const dir = 'GenesysCloudBlueprints__ani-blacklist/terraform/modules/flow';
    const rules = builtInRules.filter((r) => r.meta.id === 'flow/substitution-undefined');
    const { results } = await lintPaths([dir], { cwd: CORPUS, rules });
    const flow = results.find((r) => r.filePath.endsWith('blacklist.yaml'))!;
    expect(flow.messages).toEqual([]);
    // The same flow with a key flow.tf does not declare.
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${CORPUS}/${dir}/blacklist.yaml`, 'utf8').replace('"{{flow_name}}"', '"{{flow_title}}"');
    const tf = readFileSync(`${CORPUS}/${dir}/flow.tf`, 'utf8');
    const [r] = await lintFilesAsync([{ path: `${dir}/blacklist.yaml`, text }, { path: `${dir}/flow.tf`, text: tf }], {
      rules,
      isTarget: (p) => p.endsWith('.yaml'),
    });
    expect(r.messages.map((m) => [m.line, m.message])).toEqual([
      [2, '`{{flow_title}}` is not provided by the Terraform substitutions or the config for this flow, so Terraform deploys the flow with the literal text `{{flow_title}}`.'],
    ]);
  });

  it('maps every corpus genesyscloud_flow with a literal or ${path.module} filepath to a flow file', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(`${d}/${n}`).isDirectory() ? walk(`${d}/${n}`) : [`${d}/${n}`]));
    const paths = walk(CORPUS).filter((p) => /\.(tf|ya?ml)$/.test(p));
    const files = await Promise.all(
      paths.map(async (abs) => {
        const path = abs.slice(CORPUS.length + 1);
        const text = readFileSync(abs, 'utf8');
        return parseFile(path, text, undefined, path.endsWith('.tf') ? await prepareTerraform(path, text) : undefined);
      }),
    );
    const p = new Project(files);
    const flows = terraformFlows(p);
    const statuses: Record<string, number> = {};
    for (const f of flows) statuses[f.target.status] = (statuses[f.target.status] ?? 0) + 1;
    // 44 resolved; the one `missing` is sms-followup's `.yaml.tftpl` template (not read by cxlint).
    expect(statuses).toEqual({ resolved: 44, missing: 1 });
    expect(terraformIntegrationActions(p).length).toBeGreaterThan(20);
  }, 60_000);
});
