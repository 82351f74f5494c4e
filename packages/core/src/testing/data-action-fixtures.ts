/**
 * Builds exported data-action JSON for rule tests, laid out the way Genesys exports it (two-space indent),
 * so each case shows only the part it is about. Fixed line numbers: `requestUrlTemplate` is on line 7,
 * `requestType` on 8, `requestTemplate` on 10.
 */
export interface DataActionParts {
  name?: string;
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  translationMap?: Record<string, string>;
  translationMapDefaults?: Record<string, string>;
  successTemplate?: string;
  inputSchema?: unknown;
  successSchema?: unknown;
}

export const DEFAULT_INPUT_SCHEMA = {
  type: 'object',
  required: ['conversationId'],
  properties: { conversationId: { type: 'string' }, note: { type: 'string' }, count: { type: 'integer' } },
  additionalProperties: true,
};

export const DEFAULT_SUCCESS_SCHEMA = {
  type: 'object',
  properties: { state: { type: 'string' }, conversation: { type: 'object', properties: { id: { type: 'string' } } } },
  additionalProperties: true,
};

export function dataActionJson(parts: DataActionParts = {}): string {
  const doc = {
    name: parts.name ?? 'Lookup State',
    integrationType: 'purecloud-data-actions',
    actionType: 'custom',
    config: {
      request: {
        requestUrlTemplate: parts.url ?? '/api/v2/conversations/${input.conversationId}',
        requestType: parts.method ?? 'POST',
        headers: parts.headers ?? {},
        requestTemplate: parts.body ?? '${input.rawRequest}',
      },
      response: {
        translationMap: parts.translationMap ?? {},
        translationMapDefaults: parts.translationMapDefaults ?? {},
        successTemplate: parts.successTemplate ?? '${rawResult}',
      },
    },
    contract: {
      input: { inputSchema: parts.inputSchema ?? DEFAULT_INPUT_SCHEMA },
      output: { successSchema: parts.successSchema ?? DEFAULT_SUCCESS_SCHEMA },
    },
    secure: false,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text` (for cases whose layout is computed). */
export function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${JSON.stringify(needle)} not found`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** A flow with one Call Data Action; `body` is the YAML under the action name (inputs, outputs). */
export function callDataFlow(action: string, body: string, opts: { category?: string; outputs?: string; type?: string } = {}): string {
  const pad = (text: string, n: number) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const lines = [
    `${opts.type ?? 'inboundCall'}:`,
    '  name: Test flow',
    '  division: Home',
    '  startUpRef: ./menus/menu[main]',
    '  startUpTaskActions:',
    '    - callData:',
    '        name: Look up',
    '        category:',
    `          ${opts.category ?? 'PureCloud Data Actions'}:`,
    '            dataAction:',
    `              ${action}:`,
    pad(body, 16),
  ];
  if (opts.outputs !== undefined) lines.push('        outputs:', pad(opts.outputs, 10));
  return lines.join('\n') + '\n';
}
