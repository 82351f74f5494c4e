/**
 * Builds small Archy flow files for rule tests, so each case shows only the attributes it is about.
 * Lines are joined with `\n`; indentation is the one Archy exports use.
 */
export function flowWith(actions: string, opts: { type?: string; variables?: string } = {}): string {
  const head = [`${opts.type ?? 'inboundCall'}:`, '  name: Test flow', '  division: Home', '  startUpRef: ./menus/menu[main]'];
  if (opts.variables) head.push('  variables:', indent(opts.variables, 4));
  return [...head, '  startUpTaskActions:', indent(actions, 4), ''].join('\n');
}

/** One Set Participant Data action with the given attribute lines (indented under `- attribute:`). */
export function setData(attribute: string): string {
  return ['- setParticipantData:', '    name: Set data', '    attributes:', '      - attribute:', indent(attribute, 10)].join('\n');
}

/** One Get Participant Data action with the given attribute lines. */
export function getData(attribute: string): string {
  return ['- getParticipantData:', '    name: Get data', '    attributes:', '      - attribute:', indent(attribute, 10)].join('\n');
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}
