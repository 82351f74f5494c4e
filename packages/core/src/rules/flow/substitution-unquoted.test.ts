import { describe, it } from 'vitest';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './substitution-unquoted.js';

const tester = new RuleTester({ describe, it });

const head = 'workflow:\n  defaultLanguage: en-us\n';

tester.run(rule, {
  valid: [
    { name: 'quoted', code: `${head}  name: "{{flow_name}}"\n` },
    { name: 'single-quoted', code: `${head}  name: '{{flow_name}}'\n` },
    { name: 'placeholder inside plain text', code: `${head}  name: Support {{env}}\n` },
    { name: 'no placeholder', code: `${head}  name: Support\n` },
  ],
  invalid: [
    {
      name: 'unquoted value',
      code: `${head}  name: {{flow_name}}\n`,
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
      name: 'unquoted mapping key (a callData category) and a value with text after the placeholder',
      code: `${head}  name: x\n  category:\n    {{category}}:\n      dataAction: {{prefix}}_lookup\n`,
      errors: [
        { messageId: 'unquoted', line: 5, column: 5 },
        { messageId: 'unquoted', line: 6, column: 19 },
      ],
      output: `${head}  name: x\n  category:\n    "{{category}}":\n      dataAction: "{{prefix}}_lookup"\n`,
    },
  ],
});
