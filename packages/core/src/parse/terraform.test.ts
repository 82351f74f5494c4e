import { describe, expect, it } from 'vitest';
import { prepareTerraform } from './terraform.js';

const contract = (prop: string) => `jsonencode({
    "type" = "object",
    "properties" = { "${prop}" = { "type" = "string" } }
  })`;

const action = (name: string, input: string) => `resource "genesyscloud_integration_action" "${name}" {
  name           = "${name}"
  contract_input = ${input}
}
`;

describe('prepareTerraform', () => {
  it('decodes the same jsonencode() argument in every file that repeats it, each with its own map', async () => {
    const text = action('a', contract('conversationId'));
    const [one, two] = await Promise.all([prepareTerraform('one/main.tf', text), prepareTerraform('two/main.tf', `${text}\n# another file\n`)]);
    const key = (one.json.resource as Record<string, Record<string, Record<string, unknown>[]>>).genesyscloud_integration_action.a[0].contract_input as string;
    expect(key.startsWith('${jsonencode(')).toBe(true);
    const expected = { type: 'object', properties: { conversationId: { type: 'string' } } };
    expect(one.jsonencoded.get(key)).toEqual(expected);
    expect(two.jsonencoded.get(key)).toEqual(expected);
    expect(two.jsonencoded).not.toBe(one.jsonencoded);
  });

  it('a file with an HCL syntax error does not stop the files queued after it', async () => {
    const results = await Promise.allSettled([
      prepareTerraform('ok1.tf', action('first', contract('x'))),
      prepareTerraform('broken.tf', 'resource "genesyscloud_flow" "f" {\n  filepath = "a.yaml\n}\n'),
      prepareTerraform('ok2.tf', action('second', contract('y'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const second = (results[2] as PromiseFulfilledResult<Awaited<ReturnType<typeof prepareTerraform>>>).value;
    expect([...second.jsonencoded.values()]).toEqual([{ type: 'object', properties: { y: { type: 'string' } } }]);
  });

  it('many files prepared at once read the same as one after the other', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => action(`act${i}`, contract(`p${i % 3}`)) + `# ${i} concurrent\n`);
    const together = await Promise.all(texts.map((t, i) => prepareTerraform(`m${i}.tf`, t)));
    const alone = [];
    for (const [i, t] of texts.entries()) alone.push(await prepareTerraform(`s${i}.tf`, t.replace('concurrent', 'sequential')));
    expect(together.map((d) => [d.json, [...d.jsonencoded]])).toEqual(alone.map((d) => [d.json, [...d.jsonencoded]]));
  });
});
