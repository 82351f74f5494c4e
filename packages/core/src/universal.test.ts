import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText as nodeLintText } from './lint.js';

const SRC = dirname(fileURLToPath(import.meta.url));
const NODE_BUILTIN = new RegExp(`^(?:node:.*|${builtinModules.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(?:/.*)?$`);
const FLOW = [
  'inboundCall:',
  '  name: Support',
  '  startUpRef: "/inboundCall/tasks/task[start]"',
  '  defaultLanguage: en-us',
  '  tasks:',
  '    - task:',
  '        name: start',
  '        refId: start',
  '        actions:',
  '          - setParticipantData:',
  '              name: Set data',
  '              attributes:',
  '                - attribute:',
  '                    name:',
  '                      lit: "{{flow.input.userSessionId}}"',
  '                    value:',
  '                      lit: x',
  '          - disconnect:',
  '              name: Bye',
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'cxlint-universal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles the universal entry the way a browser bundler would, recording every node built-in it reaches. */
async function bundleUniversal(): Promise<{ nodeImports: string[]; file: string }> {
  const nodeImports: string[] = [];
  const result = await build({
    entryPoints: [join(SRC, 'universal.ts')],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser', 'import', 'default'],
    logLevel: 'silent',
    plugins: [{
      name: 'record-node-builtins',
      setup(b) {
        b.onResolve({ filter: NODE_BUILTIN }, (args) => {
          nodeImports.push(`${args.path} (imported by ${args.importer.replace(/.*\/packages\//, 'packages/')})`);
          return { path: args.path, external: true };
        });
      },
    }],
  });
  const file = join(dir, 'universal.mjs');
  writeFileSync(file, result.outputFiles[0].contents);
  return { nodeImports, file };
}

describe('@cxlint/core/universal', () => {
  it('has no node: module (nor a bare node built-in) anywhere in its module graph, dynamic imports included', async () => {
    const { nodeImports } = await bundleUniversal();
    expect(nodeImports).toEqual([]);
  });

  it('lints text as the node entry does, from its browser bundle; Terraform is an error that says how to parse it', async () => {
    const { file } = await bundleUniversal();
    const universal = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof import('./universal.js');
    const strip = (r: { messages: unknown[] }) => r.messages;
    expect(strip(universal.lintText(FLOW, 'flows/support.yaml'))).toEqual(strip(nodeLintText(FLOW, 'flows/support.yaml')));
    expect(universal.lintText(FLOW, 'flows/support.yaml').messages.map((m) => m.ruleId)).toContain('participant-data/literal-key');

    const tf = 'resource "genesyscloud_flow" "f" {\n  filepath = "support.yaml"\n}\n';
    const [r] = await universal.lintFilesAsync([{ path: 'main.tf', text: tf }]);
    expect(r.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/asynchronous HCL parser.*createLinter a `terraform` parser/) })]);
  });

  it('takes an injected Terraform parser', async () => {
    const { file } = await bundleUniversal();
    const universal = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof import('./universal.js');
    // A stand-in for an HCL parser the host provides (hcl2json in a web worker): the HCL JSON of the file below.
    const hcl = { resource: { genesyscloud_flow: { f: [{ filepath: 'support.yaml', substitutions: { queue: 'q' } }] } } };
    const linter = universal.createLinter({
      rules: universal.builtInRules,
      contributors: universal.builtInContributors,
      parsers: { terraform: { prepare: async () => ({ json: hcl, jsonencoded: new Map() }), parse: universal.terraformDocumentParser.parse } },
    });
    const tf = 'resource "genesyscloud_flow" "f" {\n  filepath = "support.yaml"\n  substitutions = { queue = "q" }\n}\n';
    const flow = FLOW.replace('name: Support', 'name: "{{queue}}-{{other}}"');
    const results = await linter.lintFilesAsync([{ path: 'main.tf', text: tf }, { path: 'support.yaml', text: flow }]);
    expect(results[0].messages.filter((m) => m.fatal)).toEqual([]);
    // The injected document deploys the flow with `queue` only: `{{other}}` is reported, `{{queue}}` is not.
    const undefinedSubs = results[1].messages.filter((m) => m.ruleId === 'flow/substitution-undefined').map((m) => m.message);
    expect(undefinedSubs).toEqual([expect.stringContaining('{{other}}')]);
    expect(undefinedSubs[0]).not.toContain('{{queue}}');
    const alone = await universal.lintFilesAsync([{ path: 'support.yaml', text: flow }]);
    expect(alone[0].messages.map((m) => m.ruleId)).toContain('participant-data/literal-key');
  });
});
