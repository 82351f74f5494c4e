// Same decision as cxlint's participant-data/literal-key (no declared substitutions in the bench corpora).
// Reports on the value scalar (`exp:`, `var:` or `lit:`), the line cxlint reports.
const TEMPLATE = /\{\{[^{}]*\}\}|\$!?\{[^{}]*\}/;

export default function literalKey(name, _options, context) {
  if (name === null || typeof name !== 'object') {
    if (name === null || name === undefined || String(name).trim() === '') return [{ message: 'Attribute name is empty.' }];
    return TEMPLATE.test(String(name)) ? [{ message: 'Attribute name holds a template.' }] : [];
  }
  for (const k of ['exp', 'var']) {
    if (k in name) return [{ message: `Attribute name is ${k === 'exp' ? 'an expression' : 'a variable'}.`, path: [...context.path, k] }];
  }
  if ('lit' in name) {
    const lit = name.lit;
    if (lit === null || String(lit).trim() === '') return [{ message: 'Attribute name is empty.', path: [...context.path, 'lit'] }];
    if (TEMPLATE.test(String(lit))) return [{ message: 'Attribute name holds a template.', path: [...context.path, 'lit'] }];
  }
  return [];
}
