import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { parseFile } from '../parse/parse-file.js';
import { prepareTerraform } from '../parse/terraform.js';
import { archyOptionsKeys, archyOptionsSubstitutions } from './archy-options.js';
import { extractFacts } from './facts.js';
import { Project } from './project.js';

// Counts the `yaml` parses archyOptionsKeys makes (the module's namespace cannot be spied on; its export can be wrapped).
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (original) => {
  const actual = await original<typeof yaml>();
  return { ...actual, parseDocument: (...args: Parameters<typeof actual.parseDocument>) => (parses.count++, actual.parseDocument(...args)) };
});

const TF = `resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    greeting = "Hello"
  }
}
`;

describe('archyOptionsKeys', () => {
  it('reads the keys of a top-level substitutions map written in YAML or JSON, whatever the layout', () => {
    const keys = (path: string, text: string) => archyOptionsKeys(parseFile(path, text));
    expect(keys('o.yaml', 'substitutions:\n  env: prod\n  region: eu\n')).toEqual(['env', 'region']);
    expect(keys('o.yaml', '"substitutions" :\n  env: prod\n')).toEqual(['env']);
    expect(keys('o.yaml', '{substitutions: {env: prod}}\n')).toEqual(['env']);
    expect(keys('o.json', '{"flowName":"x","substitutions":{"env":"prod"}}')).toEqual(['env']);
    expect(keys('o.json', '{\n  "substitutions"\n    : {"env": "prod"}\n}\n')).toEqual(['env']);
    expect(keys('o.yaml', 'other:\n  substitutions: {env: prod}\n')).toBeUndefined();
    expect(keys('o.yaml', '# substitutions are in other.yaml\nname: x\n')).toBeUndefined();
  });

  it('does not parse a Terraform file as YAML because it writes `substitutions = {…}` (HCL is never an options file)', async () => {
    const file = parseFile('main.tf', TF, undefined, await prepareTerraform('main.tf', TF));
    parses.count = 0;
    expect(extractFacts(file).archyOptions).toBeUndefined();
    expect(parses.count).toBe(0);
    // The count sees a parse where there is one.
    expect(archyOptionsKeys(parseFile('o.yaml', 'substitutions:\n  env: prod\n'))).toEqual(['env']);
    expect(parses.count).toBe(1);
  });
});

describe('archyOptionsSubstitutions', () => {
  it('finds the options file named in the config under a project path written with backslashes (Windows)', () => {
    const facts = extractFacts(parseFile('repo\\archy\\options.yaml', 'substitutions:\n  env: prod\n'));
    const project = Project.fromFacts([facts], { archyOptionsFiles: ['archy/options.yaml'] });
    expect(archyOptionsSubstitutions(project)).toEqual(['env']);
  });
});
