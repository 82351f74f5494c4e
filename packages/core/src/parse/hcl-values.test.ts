import { describe, expect, it } from 'vitest';
import { decodeHclQuoted, jsonencodeText, readHclValue } from './hcl-values.js';
import type { ScalarNode } from './nodes.js';
import { valueIndexToOffset } from './string-offsets.js';

/** Source text of each decoded character, through `valueIndexToOffset`. */
function sourceOf(text: string, node: ScalarNode, from: number, to: number): string {
  return text.slice(valueIndexToOffset(text, node, from), valueIndexToOffset(text, node, to));
}

describe('HCL values with positions', () => {
  it('decodes a quoted string (escapes, $${ and %%{) and maps decoded indexes back through them', () => {
    const text = 'x = "a\\"b\\n\\u00e9 $${input.id} %%{ y } ${var.z}"';
    const { node } = readHclValue(text, 4)!;
    const s = node as ScalarNode;
    expect(s.style).toBe('hcl');
    expect(s.value).toBe('a"b\né ${input.id} %{ y } ${var.z}');
    expect(decodeHclQuoted(text, s.range[0], s.range[1])).toBe(s.value);
    const at = (needle: string) => (s.value as string).indexOf(needle);
    expect(sourceOf(text, s, at('${input.id}'), at('${input.id}') + '${input.id}'.length)).toBe('$${input.id}');
    expect(sourceOf(text, s, at('%{'), at('%{') + 2)).toBe('%%{');
    expect(sourceOf(text, s, at('é'), at('é') + 1)).toBe('\\u00e9');
    // Terraform's own interpolation stays as written.
    expect(sourceOf(text, s, at('${var.z}'), at('${var.z}') + 8)).toBe('${var.z}');
  });

  it('reads a heredoc, and <<- strips the common indentation while keeping positions', () => {
    const text = 'x = <<-EOT\n    {\n      "a": "$${input.a}"\n    }\n    EOT\n';
    const { node, end } = readHclValue(text, 4)!;
    const s = node as ScalarNode;
    expect(s.style).toBe('heredoc');
    expect(s.value).toBe('{\n  "a": "${input.a}"\n}\n');
    expect(text.slice(end - 3, end)).toBe('EOT');
    const i = (s.value as string).indexOf('${input.a}');
    expect(sourceOf(text, s, i, i + '${input.a}'.length)).toBe('$${input.a}');
  });

  it('reads objects with = or :, quoted or bare keys, comments and nested tuples; gives up on expressions', () => {
    const text = 'x = {\n  # a comment\n  "Content-Type" = "application/json"\n  b: [1, true, null]\n}\n';
    const { node } = readHclValue(text, 4)!;
    expect(node.type).toBe('map');
    if (node.type !== 'map') return;
    expect(node.pairs.map((p) => p.key.value)).toEqual(['Content-Type', 'b']);
    expect(text.slice(...node.pairs[0].value!.range)).toBe('"application/json"');
    expect(readHclValue('x = var.headers', 4)).toBeUndefined();
    expect(readHclValue('x = { a = lower("B") }', 4)).toBeUndefined();
  });

  it('writes jsonencode({...}) as Terraform does (compact, keys sorted) and maps its string contents to the source', () => {
    const text = 'x = jsonencode({ note = "x $${input.note} <b>", count = 2 })';
    const { node } = readHclValue(text, 4)!;
    const enc = jsonencodeText(text, node, [4, text.length])!;
    expect(enc.value).toBe('{"count":2,"note":"x ${input.note} \\u003cb\\u003e"}');
    const i = enc.value.indexOf('${input.note}');
    expect(text.slice(enc.offsets[i], enc.offsets[i + '${input.note}'.length])).toBe('$${input.note}');
    // The quotes and the number are Terraform's output: not places inside a string.
    expect(enc.inside[enc.value.indexOf('"x')]).toBe(false);
    expect(enc.exact[enc.value.indexOf('2')]).toBe(false);
    // An interpolated string has no JSON text to know.
    expect(jsonencodeText('x = jsonencode({ a = "${var.a}" })', readHclValue('x = jsonencode({ a = "${var.a}" })', 4)!.node, [0, 0])).toBeUndefined();
  });
});
