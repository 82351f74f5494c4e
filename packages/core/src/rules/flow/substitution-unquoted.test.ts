import { describe, expect, it } from 'vitest';
import { prepareTerraform } from '../../parse/terraform.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule, { whyItBreaks } from './substitution-unquoted.js';

const tester = new RuleTester({ describe, it });

const head = 'workflow:\n  defaultLanguage: en-us\n';
const STRICT = { onlyBreaking: false };

const deploy = (substitutions: string) => ({
  path: 'flows/main.tf',
  text: `resource "genesyscloud_flow" "f" {\n  filepath = "\${path.module}/flow.yaml"\n  substitutions = {\n${substitutions}\n  }\n}\n\nvariable "greeting" {\n  default = "Hello: welcome"\n}\n`,
});
const PLAIN = deploy('    flow_name = "Support"');
const COLON = deploy('    flow_name = "Support: EMEA"');
const ALIAS = deploy('    flow_name = "*main"');
const QUOTE = deploy('    flow_name = "Say \\"hi\\""');
const BOTH_QUOTES = deploy('    flow_name = "it\'s \\"x\\""');
const VARIABLE = deploy('    flow_name = var.greeting');
const UNKNOWN = deploy('    flow_name = var.unknown');
const EMPTY = deploy('    flow_name = ""');
const COMMENT = deploy('    flow_name = "Support #2"');
await Promise.all([PLAIN, COLON, ALIAS, QUOTE, BOTH_QUOTES, VARIABLE, UNKNOWN, EMPTY, COMMENT].map((f) => prepareTerraform(f.path, f.text)));
const filename = 'flows/flow.yaml';

tester.run(rule, {
  valid: [
    { name: 'quoted', code: `${head}  name: "{{flow_name}}"\n`, options: STRICT },
    { name: 'single-quoted', code: `${head}  name: '{{flow_name}}'\n`, options: STRICT },
    { name: 'placeholder inside plain text', code: `${head}  name: Support {{env}}\n`, options: STRICT },
    { name: 'no placeholder', code: `${head}  name: Support\n`, options: STRICT },
    { name: 'recommended: nothing known about the value (not deployed by Terraform here)', code: `${head}  name: {{flow_name}}\n` },
    { name: 'recommended: the known value is a plain word, the YAML stays the same', filename, code: `${head}  name: {{flow_name}}\n`, files: [PLAIN] },
    { name: 'recommended: a value Terraform cannot know (a variable without a default)', filename, code: `${head}  name: {{flow_name}}\n`, files: [UNKNOWN] },
  ],
  invalid: [
    {
      name: 'recommended: the value Terraform substitutes is empty',
      filename,
      code: `${head}  name: {{flow_name}}\n`,
      files: [EMPTY],
      errors: [
        {
          messageId: 'breaksEmpty',
          message: '`{{flow_name}}` is unquoted, and Terraform substitutes `` for `flow_name`: the value is empty (YAML reads null), so Archy reads another document than the one meant. Quote it: `"{{flow_name}}"`.',
        },
      ],
      output: `${head}  name: "{{flow_name}}"\n`,
    },
    {
      name: 'recommended: the value Terraform substitutes holds ` #`',
      filename,
      code: `${head}  name: {{flow_name}}\n`,
      files: [COMMENT],
      errors: [{ messageId: 'breaksComment', message: /substitutes `Support #2` for `flow_name`: it contains ` #`, which starts a comment, so Archy/ }],
      output: `${head}  name: "{{flow_name}}"\n`,
    },
    {
      name: 'strict: unquoted value',
      code: `${head}  name: {{flow_name}}\n`,
      options: STRICT,
      errors: [
        {
          messageId: 'unquoted',
          message: '`{{flow_name}}` is not valid YAML until the substitution is filled in; quote it: `"{{flow_name}}"`.',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 22,
        },
      ],
      output: `${head}  name: "{{flow_name}}"\n`,
    },
    {
      name: 'strict: unquoted mapping key (a callData category) and a value with text after the placeholder',
      code: `${head}  name: x\n  category:\n    {{category}}:\n      dataAction: {{prefix}}_lookup\n`,
      options: STRICT,
      errors: [
        { messageId: 'unquoted', line: 5, column: 5 },
        { messageId: 'unquoted', line: 6, column: 19 },
      ],
      output: `${head}  name: x\n  category:\n    "{{category}}":\n      dataAction: "{{prefix}}_lookup"\n`,
    },
    {
      name: 'recommended: the value Terraform substitutes holds `: `',
      filename,
      code: `${head}  name: {{flow_name}}\n`,
      files: [COLON],
      errors: [
        {
          messageId: 'breaksMapping',
          message:
            '`{{flow_name}}` is unquoted, and Terraform substitutes `Support: EMEA` for `flow_name`: it contains `: `, which starts a mapping, so Archy reads another document than the one meant. Quote it: `"{{flow_name}}"`.',
          line: 3,
          column: 9,
        },
      ],
      output: `${head}  name: "{{flow_name}}"\n`,
    },
    { name: 'recommended: a leading `*` is an alias', filename, code: `${head}  name: {{flow_name}}\n`, files: [ALIAS], errors: [{ messageId: 'breaksIndicator', message: /starts with `\*`, a YAML indicator/ }], output: `${head}  name: "{{flow_name}}"\n` },
    { name: 'recommended: a value from a variable default', filename, code: `${head}  name: {{flow_name}}\n`, files: [VARIABLE], errors: [{ messageId: 'breaksMapping', message: /substitutes `Hello: welcome`/ }], output: `${head}  name: "{{flow_name}}"\n` },
    {
      name: 'a value with a double quote is quoted with single quotes (double quotes would end at it)',
      filename,
      code: `${head}  name: {{flow_name}}\n`,
      files: [QUOTE],
      options: STRICT,
      errors: [{ messageId: 'unquoted', message: /quote it: `'\{\{flow_name\}\}'`/ }],
      output: `${head}  name: '{{flow_name}}'\n`,
    },
    { name: 'values with both kinds of quote: no certain quoting, no fix', filename, code: `${head}  name: {{flow_name}}\n`, files: [BOTH_QUOTES], options: STRICT, errors: [{ messageId: 'unquoted' }], output: null },
  ],
});

describe('whyItBreaks', () => {
  it('names what changes a plain scalar', () => {
    for (const t of ['a: b', 'x #c', '*a', '&a', '[x', '{x', '- a', '? a', "'a", '"a', '', '%x', '@x', '|', '>']) expect(whyItBreaks(t), t).toBeDefined();
    for (const t of ['Support', 'a:b', 'x#c', '-a', 'Hello world', 'a-b', 'url http://x']) expect(whyItBreaks(t), t).toBeUndefined();
  });
});
