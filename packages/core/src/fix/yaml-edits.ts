import type { TextEdit } from '../diagnostics.js';
import type { MapNode, Pair } from '../parse/nodes.js';
import type { SourceText } from '../source/source-text.js';
import type { FlowValue } from '../model/values.js';

const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_ .()\-/]*$/;
// Words YAML 1.1 or 1.2 reads as booleans or null (Archy's parser may be either), matched whole: `nobody` and
// `online` are plain strings and stay unquoted.
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** Writes a string as YAML: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlScalar(s: string): string {
  if (s !== '' && PLAIN_SAFE.test(s) && !RESERVED.test(s) && !/\s$/.test(s) && !s.includes(' #') && !s.includes(': ')) return s;
  return JSON.stringify(s);
}

/** Rewrites an Archy value (`lit:`/`exp:`/… map) to `kind: text`, touching only the key and the scalar. */
export function replaceFlowValue(value: FlowValue, kind: 'lit' | 'exp', text: string): TextEdit[] {
  const rendered = yamlScalar(text);
  if (value.pair) {
    const edits: TextEdit[] = [];
    if (value.pair.key.value !== kind) edits.push({ range: value.pair.key.range, text: kind });
    const v = value.pair.value;
    if (v) edits.push({ range: v.range, text: rendered });
    else edits.push({ range: [value.pair.key.range[1], value.pair.key.range[1] + 1], text: `: ${rendered}` });
    return edits;
  }
  return [{ range: value.node.range, text: `{${kind}: ${rendered}}` }];
}

/** The column (0-based) a node's line is indented to, read from the source. */
export function indentOfLineAt(source: SourceText, offset: number): string {
  const pos = source.positionAt(offset);
  const line = source.lineText(pos.line);
  return /^[ \t]*/.exec(line)![0];
}

/**
 * Adds `key:` with an Archy value after `after` in a map, matching the map's style (block or flow)
 * and the file's indentation and line endings.
 */
export function insertFlowValuePair(source: SourceText, map: MapNode, after: Pair, key: string, kind: 'lit' | 'exp', text: string): TextEdit {
  const rendered = yamlScalar(text);
  if (map.flow) return { range: [after.range[1], after.range[1]], text: `, ${key}: {${kind}: ${rendered}}` };
  const keyPos = source.positionAt(after.key.range[0]);
  const indent = ' '.repeat(keyPos.column - 1);
  const endLine = source.positionAt(after.range[1]).line;
  const at = source.lineEndOffset(endLine);
  const eol = source.eol;
  return { range: [at, at], text: `${eol}${indent}${key}:${eol}${indent}  ${kind}: ${rendered}` };
}
