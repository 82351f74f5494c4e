import { prepareTerraform } from '../parse/terraform.js';
import type { InvalidCase, ValidCase } from './rule-tester.js';

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

/**
 * The same data action as `dataActionJson`, written as a Terraform `genesyscloud_integration_action` (CX as Code),
 * each template in a quoted HCL string (`$${` for Velocity's `${`), or `request_template` in a heredoc. Fixed
 * lines: `request_url_template` 6, `request_type` 7, `request_template` 8 (a heredoc's text starts on 9),
 * `headers` just after it, then `translation_map`, `translation_map_defaults`, `success_template`.
 */
export function dataActionTf(parts: DataActionParts & { heredoc?: boolean } = {}): string {
  const q = (s: string) => `"${JSON.stringify(s).slice(1, -1).replace(/([$%])\{/g, '$1$1{')}"`;
  const map = (m: Record<string, string> | undefined) =>
    `{${Object.entries(m ?? {}).map(([k, v]) => ` ${JSON.stringify(k)} = ${q(v)}`).join(',')} }`.replace('{ }', '{}');
  const body = parts.body ?? '${input.rawRequest}';
  const template = parts.heredoc ? `<<EOT\n${body.replace(/([$%])\{/g, '$1$1{')}\nEOT` : q(body);
  return [
    'resource "genesyscloud_integration_action" "lookup" {',
    `  name           = ${q(parts.name ?? 'Lookup State')}`,
    '  category       = "Web Services Data Actions"',
    '  integration_id = var.integration_id',
    '  config_request {',
    `    request_url_template = ${q(parts.url ?? '/api/v2/conversations/${input.conversationId}')}`,
    `    request_type         = ${q(parts.method ?? 'POST')}`,
    `    request_template     = ${template}`,
    `    headers              = ${map(parts.headers)}`,
    '  }',
    '  config_response {',
    `    translation_map          = ${map(parts.translationMap)}`,
    `    translation_map_defaults = ${map(parts.translationMapDefaults)}`,
    `    success_template         = ${q(parts.successTemplate ?? '${rawResult}')}`,
    '  }',
    `  contract_input  = jsonencode(${JSON.stringify(parts.inputSchema ?? DEFAULT_INPUT_SCHEMA)})`,
    `  contract_output = jsonencode(${JSON.stringify(parts.successSchema ?? DEFAULT_SUCCESS_SCHEMA)})`,
    '}',
  ].join('\n') + '\n';
}

/**
 * Terraform rule cases, ready for RuleTester: HCL is read by an asynchronous parser, so every text a case lints
 * (the code, the fix output, each suggestion's output) is parsed first; each case lints as `main.tf`.
 */
export async function terraformCases<T extends { valid: ValidCase[]; invalid: InvalidCase[] }>(cases: T): Promise<T> {
  const texts = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid] as InvalidCase[]) {
    c.filename ??= 'main.tf';
    texts.add(c.code);
    if (typeof c.output === 'string') texts.add(c.output);
    if (Array.isArray(c.errors)) for (const e of c.errors) for (const s of e.suggestions ?? []) texts.add(s.output);
  }
  await Promise.all([...texts].map((t) => prepareTerraform('main.tf', t)));
  return cases;
}
