import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { lintPaths } from '../node/lint-paths.js';
import * as nodes from '../parse/nodes.js';
import { parseFile, type ParsedFile } from '../parse/parse-file.js';
import { prepareTerraform } from '../parse/terraform.js';
import { SourceText } from '../source/source-text.js';
import { callDataActions } from './call-data.js';
import { dataActionIndex } from './data-actions.js';
import { extractFacts, FACTS_VERSION, type FileFacts } from './facts.js';
import { participantAttributes } from './participant-data.js';
import { Project } from './project.js';
import { generatedFilePaths, substitutionValues, terraformFlows, terraformIntegrationActions, variableValues } from './terraform.js';

// Counts full walks over a tree (the module's namespace cannot be spied on; its export can be wrapped).
const walks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../parse/nodes.js', async (original) => {
  const actual = await original<typeof nodes>();
  return { ...actual, walk: (...args: Parameters<typeof actual.walk>) => (walks.count++, actual.walk(...args)) };
});

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const EXAMPLES = join(REPO, 'examples');
const CORPUS = resolve(REPO, '../shared/corpus');

async function parse(path: string, text: string): Promise<ParsedFile> {
  return parseFile(path, text, undefined, path.endsWith('.tf') ? await prepareTerraform(path, text) : undefined);
}

/** JSON round trip: what a cache stores and reads back. */
function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Every object reachable from `value` (through arrays, plain objects, Maps and Sets) that is a parse tree, a
 * parsed file or a source text, or any object that is not plain data, with where it was found.
 */
function treesIn(value: unknown, where: string, seen = new Set<unknown>(), out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') out.push(`${where}: a function`);
    return out;
  }
  if (seen.has(value)) return out;
  seen.add(value);
  if (value instanceof SourceText) out.push(`${where}: a SourceText`);
  else if (value instanceof Map) for (const [k, v] of value) { treesIn(k, `${where}<key>`, seen, out); treesIn(v, `${where}.get(${String(k)})`, seen, out); }
  else if (value instanceof Set) for (const v of value) treesIn(v, `${where}<item>`, seen, out);
  else if (Array.isArray(value)) value.forEach((v, i) => treesIn(v, `${where}[${i}]`, seen, out));
  else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) out.push(`${where}: an instance of ${proto?.constructor?.name}`);
    // A parsed file has `source` and `root`; a node has `range` and `type`; a Terraform resource block has `body` and `file`.
    for (const key of ['root', 'source', 'file', 'node', 'resource']) if (Object.hasOwn(value, key)) out.push(`${where}.${key}`);
    for (const [k, v] of Object.entries(value)) treesIn(v, `${where}.${k}`, seen, out);
  }
  return out;
}

const FLOW = `inboundCall:
  name: Main
  defaultLanguage: en-us
  startUpRef: ./menus/menu[Main_10]
  initialGreeting:
    tts: Hi
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: Pick
        choices:
          - menuDisconnect:
              name: Bye
              dtmf: digit_1
  tasks:
    - task:
        name: T
        refId: T_1
        actions:
          - setParticipantData:
              name: Set
              attributes:
                - attribute:
                    name:
                      lit: customerId
                    value:
                      exp: Call.Ani
          - getParticipantData:
              name: Get
              attributes:
                - attribute:
                    name:
                      lit: reason
                    variable: Task.reason
          - callData:
              name: Call
              category:
                Genesys Cloud Data Actions:
                  dataAction:
                    Set Attribute:
                      inputs:
                        key:
                          lit: segment
`;

const ACTION_TF = `terraform {
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = ">= 1.17.0"
    }
  }
}
variable "action_name" {
  default = "Set Attribute"
}
module "child" {
  source = "./child"
  label  = "from root"
  other  = var.action_name
}
resource "genesyscloud_integration_action" "set" {
  name     = var.action_name
  category = "Genesys Cloud Data Actions"
  contract_input = jsonencode({
    "type" = "object",
    "properties" = {
      "conversationId" = { "type" = "string" },
      "participantId" = { "type" = "string" },
      "key" = { "type" = "string" },
      "value" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({ "type" = "object" })
  config_request {
    request_url_template = "/api/v2/conversations/$\${input.conversationId}/participants/$\${input.participantId}/attributes"
    request_type         = "PATCH"
    request_template     = "{\\"attributes\\": {\\"$\${input.key}\\": \\"$\${input.value}\\", \\"fixed\\": \\"x\\"}}"
  }
}
resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    greeting = "Hello"
    name     = var.action_name
  }
}
resource "genesyscloud_flow" "z_expr" {
  filepath      = "gone.yaml"
  substitutions = var.subs
}
resource "local_file" "gen" {
  filename = "\${path.module}/generated.yaml"
  content  = "x"
}
`;

describe('extractFacts', () => {
  it('gives every kind one plain record that a JSON round trip leaves unchanged, with no tree in it', async () => {
    const files = [
      await parse('flows/main.yaml', FLOW),
      await parse('flows/main.tf', ACTION_TF),
      parseFile('actions/a.json', JSON.stringify({ name: 'Get Queue - Exported 2024-10-28 @ 16:06', integrationType: 'purecloud-data-actions', contract: { input: { inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }, output: { successSchema: { type: 'object' } } }, config: { request: { requestUrlTemplate: '/api/v2/routing/queues/${input.q}', requestType: 'GET', headers: {}, requestTemplate: '${input.rawRequest}' }, response: { translationMap: {}, successTemplate: '${rawResult}' } } })),
      parseFile('options.yaml', 'substitutions:\n  env: prod\n  region: eu\n'),
      parseFile('README.md', '# not ours\n'),
      parseFile('broken.yaml', 'inboundCall:\n  name: [\n'),
    ];
    const facts = files.map(extractFacts);
    expect(FACTS_VERSION).toBeGreaterThanOrEqual(1);
    expect(roundTrip(facts)).toStrictEqual(facts);
    expect(treesIn(facts, 'facts')).toEqual([]);
    // The check finds a tree where there is one.
    expect(treesIn(files, 'files')).toEqual(expect.arrayContaining(['files[0].source', 'files[0].root', 'files[0].source: a SourceText']));
    const [flow, tf, action, options, readme, broken] = facts;
    expect(flow.flow?.keysSet.map((o) => o.key)).toEqual(['customerId']);
    expect(flow.flow?.keysRead.map((o) => o.key)).toEqual(['reason']);
    expect(flow.flow?.calls).toEqual([{ actionName: 'Set Attribute', inputs: [{ name: 'key', text: 'segment', range: expect.any(Array) }] }]);
    expect(tf.terraform).toMatchObject({
      flows: [
        { name: 'main', filepath: '${path.module}/main.yaml', substitutions: ['greeting', 'name'], substitutionValues: [{ key: 'greeting', literal: 'Hello' }, { key: 'name', variable: 'action_name' }] },
        { name: 'z_expr', filepath: 'gone.yaml', substitutions: null, substitutionValues: [] },
      ],
      variables: [{ name: 'action_name', default: 'Set Attribute' }],
      moduleCalls: [{ dir: 'flows/child', args: [{ name: 'label', value: 'from root' }] }],
      generatedFiles: ['flows/generated.yaml'],
      providerConstraints: ['>= 1.17.0'],
      integrationActions: [{ name: { variable: 'action_name' }, nameExpression: '${var.action_name}', category: { literal: 'Genesys Cloud Data Actions' } }],
    });
    // The same data-action fact an exported JSON action gives: `key` is an input that names an attribute, `fixed` a literal key.
    expect(tf.terraform?.integrationActions[0].action).toMatchObject({ origin: 'terraform', keyInputs: ['key'] });
    expect(tf.terraform?.keysSet.map((o) => [o.key, o.origin, ACTION_TF.slice(o.range[0], o.range[1])])).toEqual([['fixed', 'terraform', 'fixed']]);
    expect(action.dataAction?.action).toMatchObject({ path: 'actions/a.json', origin: 'json', name: 'Get Queue - Exported 2024-10-28 @ 16:06', baseName: 'Get Queue' });
    expect(options).toEqual({ path: 'options.yaml', kind: 'unknown', archyOptions: { substitutions: ['env', 'region'] } });
    expect(readme).toEqual({ path: 'README.md', kind: 'unknown' });
    expect(broken).toEqual({ path: 'broken.yaml', kind: 'flow', parseFailed: true });
  });

  it('reads contract numbers JSON cannot hold (-0, 1e400) as JSON gives them back, in exported JSON and in Terraform', async () => {
    const tf = `resource "genesyscloud_integration_action" "pay" {
  name            = "Pay"
  category        = "Payments"
  contract_input  = jsonencode({ type = "object", properties = { amount = { type = "number", minimum = -0, maximum = 1e400 } } })
  contract_output = jsonencode({ type = "object" })
  config_request {
    request_url_template = "/pay"
    request_type         = "POST"
  }
}
`;
    const json = '{"name": "Pay", "contract": {"input": {"inputSchema": {"type": "object", "properties": {"amount": {"type": "number", "minimum": -0, "maximum": 1e400}}}}, "output": {"successSchema": {"type": "object"}}}, "config": {"request": {"requestUrlTemplate": "/pay", "requestType": "POST"}, "response": {}}}';
    const facts = [extractFacts(await parse('pay.tf', tf)), extractFacts(parseFile('pay.json', json))];
    expect(roundTrip(facts)).toStrictEqual(facts);
    const amount = { type: 'number', minimum: 0, maximum: null };
    expect(facts[0].terraform?.integrationActions[0].action.inputSchema).toStrictEqual({ type: 'object', properties: { amount } });
    expect(facts[1].dataAction?.action?.inputSchema).toStrictEqual({ type: 'object', properties: { amount } });
  });

  it('keeps the run going when an extractor throws: the file has its path and the reason, nothing else', () => {
    const hostile = { json: { get resource(): never { throw new Error('boom'); } }, jsonencoded: new Map() };
    const facts = extractFacts(parseFile('bad.tf', 'resource "x" "y" {}\n', 'terraform', hostile));
    expect(facts).toEqual({ path: 'bad.tf', kind: 'terraform', extractError: 'Internal error while reading the facts of bad.tf: boom. Please report it.' });
    expect(terraformFlows(Project.fromFacts([facts]))).toEqual([]);
  });
});

describe('flow facts', () => {
  it('are read in one walk over the tree, which the Set/Get and Call Data models then reuse, finding what their own walks find', () => {
    const file = parseFile('flows/main.yaml', FLOW);
    walks.count = 0;
    const facts = extractFacts(file);
    expect(walks.count).toBe(1);
    const attributes = participantAttributes(file);
    const calls = callDataActions(file);
    expect(walks.count).toBe(1);
    expect(facts.flow?.keysSet.map((o) => o.key)).toEqual(['customerId']);
    expect(facts.flow?.calls.map((c) => c.actionName)).toEqual(['Set Attribute']);

    // The same as each model finds walking on its own (a fresh parse: nothing remembered), in document order.
    const fresh = parseFile('flows/main.yaml', FLOW);
    walks.count = 0;
    const own = { attributes: participantAttributes(fresh), calls: callDataActions(fresh) };
    expect(walks.count).toBe(2);
    const shape = (a: { attributes: typeof attributes; calls: typeof calls }) => ({
      attributes: a.attributes.map((x) => [x.op, x.name?.text, x.actionLabel, x.actionPair.key.range]),
      calls: a.calls.map((c) => [c.label, c.category, c.actionName, c.inputs.map((e) => e.name), c.actionKey.range]),
    });
    expect(shape({ attributes, calls })).toEqual(shape(own));
    expect(shape(own).attributes.map(([op]) => op)).toEqual(['set', 'get']);
  });

  it('walk only for what is missing when a rule already found one of the two', () => {
    const file = parseFile('flows/main.yaml', FLOW);
    const attributes = participantAttributes(file);
    walks.count = 0;
    extractFacts(file);
    expect(walks.count).toBe(1);
    // What the rule holds is still what the model answers.
    expect(participantAttributes(file)).toBe(attributes);
  });
});

describe('the model indexes docs/api.md offers a custom cross-file rule', () => {
  it('are exported by the universal entry (and so by the node one)', async () => {
    const doc = readFileSync(join(REPO, 'docs/api.md'), 'utf8');
    const list = /and the model's\s*\(([^)]*)\)/.exec(doc)?.[1];
    const names = [...(list ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['dataActionIndex', 'terraformFlows', 'substitutionValues']));
    const universal = (await import('../universal.js')) as Record<string, unknown>;
    expect(names.filter((n) => typeof universal[n] !== 'function')).toEqual([]);
  });
});

describe('Project.fromFacts', () => {
  it('answers the indexes from facts that went through JSON, as a project of the parsed files does', async () => {
    const files = [
      await parse('flows/main.yaml', FLOW),
      await parse('flows/main.tf', ACTION_TF),
      await parse('flows/child/vars.tf', 'variable "label" {\n  default = "child default"\n}\n'),
      parseFile('README.md', '# not ours\n'),
    ];
    const fromFiles = new Project(files, { archyOptionsFiles: ['README.md'] });
    const fromFacts = Project.fromFacts(roundTrip(files.map(extractFacts)), { archyOptionsFiles: ['README.md'] });
    for (const p of [fromFiles, fromFacts]) {
      expect(terraformFlows(p).map((f) => [f.name, f.target])).toEqual([
        ['main', { status: 'resolved', paths: ['flows/main.yaml'] }],
        ['z_expr', { status: 'missing', expected: 'flows/gone.yaml' }],
      ]);
      expect(substitutionValues(p, { path: 'flows/main.yaml' })).toEqual(new Map([['greeting', ['Hello']], ['name', ['Set Attribute']]]));
      expect(variableValues(p, 'flows/child', 'label')).toEqual(['from root', 'child default']);
      expect(generatedFilePaths(p)).toEqual(new Set(['flows/generated.yaml', 'flows/flows/generated.yaml']));
      expect(terraformIntegrationActions(p).map((a) => [a.path, a.names, a.categories])).toEqual([['flows/main.tf', ['Set Attribute'], ['Genesys Cloud Data Actions']]]);
      expect(dataActionIndex(p).byName.get('Set Attribute')?.map((d) => [d.path, d.name, d.categories])).toEqual([['flows/main.tf', 'Set Attribute', ['Genesys Cloud Data Actions']]]);
      // In file order: the flow's own Set, its literal through the Terraform action's `key` input, the action's literal key.
      expect([...p.participantKeysSet().keys()]).toEqual(['customerId', 'segment', 'fixed']);
      expect(p.substitutionsFor({ path: 'flows/main.yaml' })).toEqual({ names: new Set(['greeting', 'name']), known: true });
      expect(p.hasPath('README.md')).toBe(true);
      expect(p.pathsEndingWith('/main.yaml')).toEqual(['flows/main.yaml']);
    }
  });

  it('tells onIndexRead every index read, built or memoised, path lookups included', async () => {
    const p = Project.fromFacts([extractFacts(await parse('flows/main.yaml', FLOW))]);
    const reads: [string, unknown][] = [];
    p.onIndexRead = (name, value) => reads.push([name, value]);
    const set = p.participantKeysSet();
    p.participantKeysSet();
    p.hasPath('flows/main.yaml');
    expect(reads.filter(([n]) => n === 'participant-keys-set')).toEqual([['participant-keys-set', set], ['participant-keys-set', set]]);
    // Building the key index read the flows of the project, and the path lookup answered true.
    expect(reads.map(([n]) => n)).toContain('kind:flow');
    expect(reads.at(-1)).toEqual(['path:flows/main.yaml', true]);
  });
});

/** A flow setting `setKey` (with `{{…}}` in its value), reading `reads`, with `extra` actions after. */
const flow = (type: string, name: string, setKey: string, reads: string[], extra = '') => `${type}:
  name: ${name}
  defaultLanguage: en-us
  startUpRef: ./tasks/task[T_1]
  tasks:
    - task:
        name: T
        refId: T_1
        actions:
          - setParticipantData:
              name: Save
              attributes:
                - attribute:
                    name:
                      lit: ${setKey}
                    value:
                      lit: "{{quoted}} {{fromOptions}} {{undefinedSub}}"
${reads.length ? `          - getParticipantData:
              name: Read
              attributes:
${reads.map((k) => `                - attribute:\n                    name:\n                      lit: ${k}\n                    variable: Flow.s\n`).join('')}` : ''}${extra}          - disconnect:
              name: Bye
`;

/** A Call Data Action of `flow`'s task, with literal inputs. */
const call = (category: string, action: string, inputs: Record<string, string>) => `          - callData:
              name: Call ${action}
              category:
                ${category}:
                  dataAction:
                    ${action}:
                      inputs:
${Object.entries(inputs).map(([k, v]) => `                        ${k}:\n                          lit: ${v}\n`).join('')}              outputs:
                success:
                  actions:
                    - disconnect:
                        name: D
`;

/**
 * The proof that the project is facts only: the linter's project is built from facts that went through JSON (as a
 * cache would give them back), and every finding is the same as in a normal run; nothing the project was built
 * from or answered holds a tree.
 */
describe('a lint whose project is built from JSON facts', () => {
  const originalFromFacts = Project.fromFacts.bind(Project);

  async function compare(label: string, paths: string[], cwd: string, configFile?: string) {
    const normal = await lintPaths(paths, { cwd, configFile });
    const projects: Project[] = [];
    const built: FileFacts[][] = [];
    const reads: [string, unknown][] = [];
    const spy = vi.spyOn(Project, 'fromFacts').mockImplementation((facts, settings, contributors) => {
      const json = roundTrip(facts) as FileFacts[];
      // Plain JSON: nothing lost or changed by the round trip (no undefined, Map, Set or class in a fact).
      expect(json, label).toStrictEqual(facts);
      built.push(json);
      const project = originalFromFacts(json, settings, contributors);
      project.onIndexRead = (name, value) => reads.push([name, value]);
      projects.push(project);
      return project;
    });
    let viaJson: Awaited<ReturnType<typeof lintPaths>>;
    try {
      viaJson = await lintPaths(paths, { cwd, configFile });
    } finally {
      spy.mockRestore();
    }
    expect(projects.length, label).toBeGreaterThan(0);
    expect(JSON.stringify(viaJson.results), label).toBe(JSON.stringify(normal.results));
    // Cross-file rules ran and read the project.
    expect(reads.length, label).toBeGreaterThan(0);
    expect(treesIn(built, 'facts'), label).toEqual([]);
    expect(treesIn(reads.map(([, v]) => v), 'index'), label).toEqual([]);
    return { normal, reads };
  }

  it('lints a contract with numbers JSON cannot hold (-0, 1e400) with the same findings, its facts unchanged by JSON', async () => {
    // JSON.parse reads `-0` as -0 and `1e400` as Infinity; JSON.stringify writes them `0` and `null`. A fact holding
    // them would come back from a cache as another schema (`maximum: null` is no schema at all, so the literal
    // checks of call-data/contract would be skipped on a warm run and made on a cold one).
    const dir = mkdtempSync(join(tmpdir(), 'cxlint-facts-json-'));
    try {
      const schema = '{"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number", "minimum": -0, "maximum": 1e400}, "note": {"type": "string"}}}';
      const action = `{"name": "Pay", "integrationType": "purecloud-data-actions", "contract": {"input": {"inputSchema": ${schema}}, "output": {"successSchema": {"type": "object"}}}, "config": {"request": {"requestUrlTemplate": "/pay", "requestType": "POST", "headers": {}, "requestTemplate": "\${input.rawRequest}"}, "response": {"translationMap": {}, "successTemplate": "\${rawResult}"}}}`;
      writeFileSync(join(dir, 'pay.json'), action);
      writeFileSync(join(dir, 'flow.yaml'), flow('inboundCall', 'Pay', 'paid', [], call('Payments', 'Pay', { amount: '5', note: '3' })));
      writeFileSync(join(dir, '.cxlint.yml'), 'root: true\nextends: recommended\n');
      const { normal } = await compare('numbers JSON cannot hold', ['.'], dir);
      const messages = normal.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'call-data/contract').map((m) => m.message));
      // The cold run's answer, which the warm one must give too: the schema is read as JSON gives it back.
      expect(messages).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('lints crafted cross-file cases (modules, var names and categories, local_file, several constraints, options file, HCL and JSON PATCHes, a mistyped deployed flow) with the same findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxlint-facts-crafted-'));
    const patch = (body: string) => `  config_request {
    request_url_template = "/api/v2/conversations/$\${input.conversationId}/participants/$\${input.participantId}/attributes"
    request_type         = "PATCH"
    request_template     = "${body}"
  }
`;
    const files: Record<string, string> = {
      '.cxlint.yml': 'root: true\nextends: strict\nsettings:\n  archyOptionsFiles: [./opts/archy.yaml]\n',
      'opts/archy.yaml': 'substitutions:\n  fromOptions: x\n',
      'modules/flow/main.tf': `variable "flow_name" {}
variable "div" {
  default = "Home"
}
resource "genesyscloud_flow" "a" {
  filepath          = "\${path.module}/flows/a.yaml"
  file_content_hash = filesha256("\${path.module}/flows/a.yaml")
  substitutions = {
    flow_name = var.flow_name
    division  = var.div
    quoted    = "say \\"hi\\""
  }
}
resource "genesyscloud_flow" "b" {
  filepath      = "\${local.dir}/flows/b.yaml"
  substitutions = var.subs
}
resource "genesyscloud_flow" "gen" {
  filepath = "\${path.module}/gen/g.yaml"
}
resource "local_file" "g" {
  filename = "\${path.module}/gen/g.yaml"
  content  = "x"
}
resource "genesyscloud_flow" "missing" {
  filepath = "\${path.module}/flows/nothere.yaml"
}
`,
      'modules/actions/main.tf': `variable "action_name" {}
variable "cat" {
  default = "Default Cat"
}
resource "genesyscloud_integration_action" "set_attr" {
  name           = var.action_name
  category       = var.cat
  contract_input = jsonencode({ type = "object", properties = { conversationId = { type = "string" }, participantId = { type = "string" }, key = { type = "string" }, value = { type = "string" } } })
  contract_output = jsonencode({ type = "object" })
${patch('{\\"attributes\\": {\\"$${input.key}\\": \\"$${input.value}\\"}}')}}
resource "genesyscloud_integration_action" "patch_literal" {
  name           = "Patch Literal"
  category       = "Lit Cat"
  contract_input = jsonencode({ type = "object", properties = { conversationId = { type = "string" }, participantId = { type = "string" } } })
  contract_output = jsonencode({ type = "object" })
${patch('{\\"attributes\\": {\\"tfKey\\": \\"v\\", \\"TFKEY2\\": \\"w\\"}}')}}
`,
      'envs/prod/main.tf': `terraform {
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = "~> 1.60"
    }
  }
}
module "f" {
  source    = "../../modules/flow"
  flow_name = "Prod Flow"
}
module "acts" {
  source      = "../../modules/actions"
  action_name = "Set Attr"
  cat         = "Prod Cat"
}
resource "genesyscloud_flow" "spaced" {
  filepath          = "../../with space/flows/s p.yaml"
  file_content_hash = "x"
}
`,
      'envs/dev/main.tf': `terraform {
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = "< 1.68.0"
    }
  }
}
resource "genesyscloud_flow" "mistyped" {
  filepath          = "\${path.module}/flows/mistyped.yaml"
  file_content_hash = "x"
}
`,
      'data-actions/patch.json': JSON.stringify({
        name: 'Json Patch - Exported 2024-10-28 @ 16:06',
        integrationType: 'purecloud-data-actions',
        config: {
          request: { requestUrlTemplate: '/api/v2/conversations/${input.conversationId}/participants/${input.participantId}/attributes', requestType: 'PATCH', headers: {}, requestTemplate: '{"attributes": {"jsonKey": "x", "${input.k}": "y"}}' },
          response: { translationMap: {}, successTemplate: '${rawResult}' },
        },
        contract: { input: { inputSchema: { type: 'object', properties: { conversationId: { type: 'string' }, participantId: { type: 'string' }, k: { type: 'string' } } } }, output: { successSchema: { type: 'object' } } },
      }),
      'modules/flow/flows/a.yaml': flow('inboundCall', '"{{flow_name}}"', 'customerid', ['tfKey', 'jsonKey', 'setViaCall', 'jsonDyn', 'neverSet', 'tfkey2', 'customerId'],
        call('Wrong Cat', 'Set Attr', { key: 'setViaCall', value: 'v' }) + call('Anything', 'Json Patch', { k: 'jsonDyn' }) + call('Lit Cat', 'Patch Literall', {})),
      'modules/flow/flows/b.yaml': flow('inboundCall', '"{{flow_name}}"', 'customerId', []),
      'flows/b.yaml': flow('inboundCall', '"{{flow_name}}"', 'customerId', []),
      'with space/flows/s p.yaml': flow('inboundCall', '"{{flow_name}}"', 'customerId', []),
      'envs/dev/flows/mistyped.yaml': flow('inboundcall', '"{{flow_name}}"', 'mistypedKey', []),
    };
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const { normal } = await compare('crafted', ['.'], dir);
      const found = normal.results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('call-data/action-exists') || m.ruleId === 'participant-data/read-never-set' || m.ruleId === 'terraform/flow-filepath' || m.ruleId === 'terraform/file-content-hash' || m.ruleId === 'participant-data/key-case-drift').map((m) => `${r.filePath} ${m.ruleId} ${/`[^`]*`/.exec(m.message)?.[0]}`));
      // The cross-file answers the facts must carry: module arguments name and categorise the action, both PATCHes
      // and the literal call set their keys, local_file makes g.yaml, each env has its own constraint.
      expect(found.sort()).toEqual([
        'envs/prod/main.tf terraform/file-content-hash `file_content_hash`',
        'modules/flow/flows/a.yaml call-data/action-exists `Call Patch Literall`',
        'modules/flow/flows/a.yaml call-data/action-exists `Call Set Attr`',
        'modules/flow/flows/a.yaml participant-data/key-case-drift `customerid`',
        'modules/flow/flows/a.yaml participant-data/key-case-drift `tfkey2`',
        'modules/flow/flows/a.yaml participant-data/read-never-set `neverSet`',
        'modules/flow/main.tf terraform/file-content-hash `file_content_hash`',
        'modules/flow/main.tf terraform/flow-filepath `filepath`',
      ]);
      const undefinedSubs = normal.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'flow/substitution-undefined').map((m) => `${r.filePath} ${/`[^`]*`/.exec(m.message)?.[0]}`));
      expect(undefinedSubs.filter((s) => s.startsWith('modules/flow/flows/a.yaml') || s.startsWith('envs/dev'))).toEqual([
        'envs/dev/flows/mistyped.yaml `{{flow_name}}`', 'envs/dev/flows/mistyped.yaml `{{quoted}}`', 'envs/dev/flows/mistyped.yaml `{{undefinedSub}}`',
        'modules/flow/flows/a.yaml `{{undefinedSub}}`',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('lints examples/ with the same findings', async () => {
    const { normal, reads } = await compare('examples', ['examples'], REPO);
    expect(normal.results.some((r) => r.messages.some((m) => m.ruleId === 'participant-data/read-never-set' || m.ruleId === 'call-data/action-exists'))).toBe(true);
    expect(new Set(reads.map(([n]) => n))).toContain('participant-keys-set');
  }, 120_000);

  const corpus = existsSync(CORPUS);
  it.skipIf(!corpus)(corpus ? 'lints the corpus (recommended and strict) with the same findings' : 'the corpus: SKIPPED, ../shared/corpus not found next to the repository', async () => {
    const { normal, reads } = await compare('corpus', ['.'], CORPUS);
    expect(normal.results.length).toBeGreaterThan(64); // trees dropped: the large-run path
    const names = new Set(reads.map(([n]) => n.replace(/:.*$/, '')));
    for (const n of ['terraform', 'data-actions', 'participant-keys-set', 'path']) expect(names, n).toContain(n);
    const dir = mkdtempSync(join(tmpdir(), 'cxlint-facts-'));
    try {
      writeFileSync(join(dir, '.cxlint.yml'), 'root: true\nextends: strict\n');
      await compare('corpus, strict', ['.'], CORPUS, join(dir, '.cxlint.yml'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
