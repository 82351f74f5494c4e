import { describe, expect, it } from 'vitest';
import { lintFilesAsync, lintText } from '../../lint.js';
import { detectKind } from '../../parse/detect-kind.js';
import { RuleTester } from '../../testing/rule-tester.js';
import rule from './flow-type-key.js';

const tester = new RuleTester({ describe, it });

const body = (key: string) => `${key}:
  name: Support
  defaultLanguage: en-us
  startUpRef: ./tasks/task[t1]
  tasks:
    - task:
        name: Main
        refId: t1
        actions:
          - disconnect:
              name: Disconnect
`;

tester.run(rule, {
  valid: [
    { name: 'an exact flow type', code: body('inboundCall') },
    { name: 'inqueueCall with its lower-case q', code: body('inqueueCall') },
    { name: 'a quoted flow type is the same key to YAML', code: body('"inboundCall"') },
    { name: 'single quotes too', code: body("'workflow'") },
  ],
  invalid: [
    {
      name: 'wrong case: fixed, since only one flow type matches',
      code: body('InboundCall'),
      output: body('inboundCall'),
      errors: [{ messageId: 'wrongCase', line: 1, column: 1 }],
    },
    {
      name: 'wrong case inside quotes keeps the quotes',
      code: body('"InQueueCall"'),
      output: body('"inqueueCall"'),
      errors: [{ messageId: 'wrongCase' }],
    },
    {
      name: 'InboundEmail (the issue case)',
      code: body('InboundEmail'),
      output: body('inboundEmail'),
      errors: [{ messageId: 'wrongCase' }],
    },
    {
      name: 'misspelt: a suggestion, never an automatic fix',
      code: body('outboundCal'),
      output: null,
      errors: [{ messageId: 'misspelt', suggestions: [{ messageId: 'useType', output: body('outboundCall') }] }],
    },
  ],
});

describe('a flow with a mistyped type key is linted as a flow', () => {
  it('is detected as a flow only with a flow body', () => {
    expect(detectKind('a.yaml', body('outboundCal'))).toBe('flow');
    expect(detectKind('a.yaml', body('InboundCall'))).toBe('flow');
    expect(detectKind('a.yaml', body('"inboundCall"'))).toBe('flow');
    // A GitHub workflow or a docker-compose file is not a flow, whatever its first key.
    expect(detectKind('ci.yml', 'Workflow:\n  jobs: {}\n')).toBe('unknown');
    expect(detectKind('c.yml', 'services:\n  web:\n    image: x\n')).toBe('unknown');
  });

  it('other rules run inside it (a broken ref is still found)', () => {
    const result = lintText(body('InboundCall').replace('task[t1]', 'task[t9]'), 'flows/a.yaml');
    expect(result.messages.map((m) => m.ruleId).sort()).toEqual(['flow/flow-type-key', 'flow/ref-resolves']);
  });
});

describe('a deployed file is a flow whatever its shape', () => {
  const tf = 'resource "genesyscloud_flow" "support" {\n  filepath = "flows/min.yaml"\n}\n';
  const minimal = 'InboundCall:\n  name: Minimal\n'; // no key only a flow has: alone, it is not recognised

  it('a mistyped key in a file a genesyscloud_flow points at is reported', async () => {
    expect(detectKind('flows/min.yaml', minimal)).toBe('unknown');
    const results = await lintFilesAsync([{ path: 'main.tf', text: tf }, { path: 'flows/min.yaml', text: minimal }], { config: { extends: [], rules: { 'flow/flow-type-key': 'error' } } });
    const flow = results.find((r) => r.filePath === 'flows/min.yaml')!;
    expect(flow.kind).toBe('flow');
    expect(flow.messages.map((m) => m.messageId)).toEqual(['wrongCase']);
  });

  it('the same file, deployed by nothing, is not ours', async () => {
    const results = await lintFilesAsync([{ path: 'flows/min.yaml', text: minimal }], { config: { extends: [], rules: { 'flow/flow-type-key': 'error' } } });
    expect(results[0]).toMatchObject({ skipped: 'not-ours', messages: [] });
  });
});
