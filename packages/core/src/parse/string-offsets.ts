import type { ScalarNode } from './nodes.js';

/**
 * Maps an index in a scalar's decoded value to an offset in the source. Escapes (`\"`, `\n`, `\u00e9`)
 * make the two differ, so a finding inside a JSON string (a `${input.x}` deep in a `requestTemplate`)
 * would otherwise point at the wrong column.
 */
export function valueIndexToOffset(source: string, node: ScalarNode, index: number): number {
  const [start, end] = node.range;
  if (node.style === 'plain' || node.style === 'block') return Math.min(start + index, end);
  if (node.style === 'heredoc' || node.style === 'jsonencode') {
    // Offsets computed when the value was read; -1 where a character has no place of its own in the source
    // (JSON punctuation `jsonencode` writes): the nearest known place before it.
    const offsets = (node as ScalarNode & { offsets?: number[] }).offsets;
    if (!offsets) return start;
    for (let i = Math.min(index, offsets.length - 1); i >= 0; i--) if (offsets[i] !== -1) return offsets[i];
    return start;
  }
  const hcl = node.style === 'hcl';
  const quote = source[start];
  let src = start + 1; // after the opening quote
  let i = 0;
  while (i < index && src < end - 1) {
    const ch = source[src];
    if (quote === "'" && ch === "'" && source[src + 1] === "'") { src += 2; i += 1; continue; }
    // HCL writes a literal `${` / `%{` as `$${` / `%%{`: three characters for two.
    if (hcl && (ch === '$' || ch === '%') && source[src + 1] === ch && source[src + 2] === '{') { src += i + 1 === index ? 2 : 3; i += 2; continue; }
    if (quote === '"' && ch === '\\') {
      const next = source[src + 1];
      if (next === 'u') { src += 6; i += 1; continue; }
      if (next === 'x') { src += 4; i += 1; continue; }
      if (next === 'U') { src += 10; i += 2; continue; }
      src += 2; i += 1; continue;
    }
    src += 1; i += 1;
  }
  return src;
}

/** Source range of `value.slice(from, to)`. */
export function valueRangeToSource(source: string, node: ScalarNode, from: number, to: number): [number, number] {
  return [valueIndexToOffset(source, node, from), valueIndexToOffset(source, node, to)];
}
