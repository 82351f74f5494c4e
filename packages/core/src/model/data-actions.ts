import type { TextEdit } from '../diagnostics.js';
import { treelessCopy, type ParsedFile } from '../parse/parse-file.js';
import { get, getPair, isMap, isScalar, toJS, type MapNode, type Node, type Pair, type ScalarNode } from '../parse/nodes.js';
import { escapeHclTemplate, hclQuotedBody, jsonencodeText, readHclValue, type JsonencodeScalar } from '../parse/hcl-values.js';
import { valueIndexToOffset } from '../parse/string-offsets.js';
import type { KeyOccurrence, Project } from './project.js';
import type { ProjectContributor } from './project.js';
import { findAttribute, hclLiteral, terraformIntegrationActions, terraformResources, type TerraformResource } from './terraform.js';
import { terraformDocument } from '../parse/terraform-document.js';
import type { FileFacts } from './facts.js';
import { parseStubbedJson, type StubNode, type StubParse } from './stubbed-json.js';
import { renderTemplate, scanVelocity, type BranchChoice, type Rendered, type VelocityRef, type VelocityScan } from './velocity.js';

/**
 * A Velocity template held in a string of the file, with its scan done once: a JSON string (exported data
 * action; node style `json`), a quoted HCL string (style `hcl`) or an HCL heredoc (style `heredoc`). The node's
 * style says how an index of `text` maps back to the source and how inserted text must be written.
 */
export interface TemplateField {
  node: ScalarNode;
  text: string;
  scan: VelocityScan;
  /**
   * An HCL string with Terraform template syntax of its own (an unescaped `${var.x}` or `%{ for … }`): Terraform
   * renders it before Genesys sees it, so the text the data action receives is known only in part.
   */
  terraformTemplate?: boolean;
}

/**
 * A custom data action as the linter sees it, whatever the format: an exported data-action JSON file, or a
 * Terraform `genesyscloud_integration_action` (`config_request`, `config_response`, `contract_input`/`_output`
 * read with positions in the `.tf` file; see `parse/hcl-values.ts`). Parts written as expressions the linter
 * cannot read (`var.template`, `file(…)`) are undefined.
 */
export interface DataActionDef {
  file: ParsedFile;
  origin: 'json' | 'terraform';
  /** The `genesyscloud_integration_action` block (Terraform only). */
  resource?: TerraformResource;
  /** The name as written (may carry ` - Exported 2024-10-28 @ 16:06`); undefined when not a literal. */
  name?: string;
  /** The name flows use: without the export suffix. */
  baseName?: string;
  nameNode?: ScalarNode;
  integrationType?: string;
  requestType?: string;
  requestTypeNode?: ScalarNode;
  url?: TemplateField;
  body?: TemplateField;
  bodyPair?: Pair;
  headers?: MapNode;
  translationMap?: MapNode;
  translationMapDefaults?: MapNode;
  successTemplate?: TemplateField;
  inputSchemaNode?: Node;
  successSchemaNode?: Node;
  /** Plain values of the contract schemas (for ajv). */
  inputSchema?: unknown;
  successSchema?: unknown;
  secure?: boolean;
}

const EXPORT_SUFFIX = /\s+-\s+Exported\s+\d{4}-\d{2}-\d{2}\s+@\s+\d{1,2}:\d{2}\s*$/;

/** `Get Queue - Exported 2024-10-28 @ 16:06` → `Get Queue`: the export adds the suffix, flows use the name. */
export function stripExportSuffix(name: string): string {
  return name.replace(EXPORT_SUFFIX, '').trim();
}

function field(node: Node | null | undefined): TemplateField | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return { node, text: node.value, scan: scanVelocity(node.value) };
}

function str(node: Node | null | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

const cache = new WeakMap<ParsedFile, DataActionDef | null>();

/**
 * The data actions a file defines, in either format: the one of a data-action JSON file, or every
 * `genesyscloud_integration_action` of a Terraform file. Rules of `data-action/*` run on both through this.
 */
export function dataActionsOf(file: ParsedFile): DataActionDef[] {
  if (file.kind === 'terraform') return terraformDataActionsIn(file);
  const def = dataActionOf(file);
  return def ? [def] : [];
}

/** The data action a data-action JSON file defines (memoised per file); undefined for other files. */
export function dataActionOf(file: ParsedFile): DataActionDef | undefined {
  if (cache.has(file)) return cache.get(file) ?? undefined;
  let def: DataActionDef | null = null;
  if (file.kind === 'data-action' && isMap(file.root)) {
    const root = file.root;
    const config = get(root, 'config');
    const request = get(config, 'request');
    const response = get(config, 'response');
    const contract = get(root, 'contract');
    const nameNode = get(root, 'name');
    const name = str(nameNode);
    const requestTypeNode = get(request, 'requestType');
    const inputSchemaNode = get(get(contract, 'input'), 'inputSchema') ?? undefined;
    const successSchemaNode = get(get(contract, 'output'), 'successSchema') ?? undefined;
    const headers = get(request, 'headers');
    const tm = get(response, 'translationMap');
    const tmd = get(response, 'translationMapDefaults');
    const secure = get(root, 'secure');
    def = {
      file,
      origin: 'json',
      name,
      baseName: name === undefined ? undefined : stripExportSuffix(name),
      nameNode: isScalar(nameNode) ? nameNode : undefined,
      integrationType: str(get(root, 'integrationType')),
      requestType: str(requestTypeNode)?.toUpperCase(),
      requestTypeNode: isScalar(requestTypeNode) ? requestTypeNode : undefined,
      url: field(get(request, 'requestUrlTemplate')),
      body: field(get(request, 'requestTemplate')),
      bodyPair: getPair(request, 'requestTemplate'),
      headers: isMap(headers) ? headers : undefined,
      translationMap: isMap(tm) ? tm : undefined,
      translationMapDefaults: isMap(tmd) ? tmd : undefined,
      successTemplate: field(get(response, 'successTemplate')),
      inputSchemaNode,
      successSchemaNode,
      inputSchema: inputSchemaNode ? toJS(inputSchemaNode) : undefined,
      successSchema: successSchemaNode ? toJS(successSchemaNode) : undefined,
      secure: isScalar(secure) && typeof secure.value === 'boolean' ? secure.value : undefined,
    };
  }
  cache.set(file, def);
  return def ?? undefined;
}

/** Source range of `[from, to)` of a template (indexes into its decoded text). */
export function templateRange(file: ParsedFile, tpl: TemplateField, from: number, to: number): [number, number] {
  return [valueIndexToOffset(file.source.text, tpl.node, from), valueIndexToOffset(file.source.text, tpl.node, to)];
}

/** Text as it must be written inside a JSON string of the file (edits inside a template). */
export function jsonStringBody(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/**
 * The opening of an escape call around `ref`: quiet (`$!esc.jsonString(`) when the reference is quiet
 * (`$!{input.x}`). A method that returns null prints its own text unless quiet, so `$esc.jsonString($!{input.x})`
 * would print `$esc.jsonString($!{input.x})` where the author's `$!{input.x}` printed nothing (Velocity's quiet
 * reference notation; the Genesys help page documents `$!{…}` as printing "" for null).
 */
export function escapeOpening(open: string, ref: VelocityRef): string {
  return ref.silent && open.startsWith('$') && !open.startsWith('$!') ? `$!${open.slice(1)}` : open;
}

/** `open` + the reference's text + `)`, as `wrapReference` writes it (for messages). */
export function escapedText(open: string, ref: VelocityRef, refText: string): string {
  return `${escapeOpening(open, ref)}${refText})`;
}

/**
 * `s` as it must be written inside this template's string so that the template receives `s`: JSON-escaped in a
 * JSON string; in HCL also `${` → `$${` and `%{` → `%%{` (else Terraform interpolates it); in a heredoc only that.
 */
export function templateText(tpl: TemplateField, s: string): string {
  // Inside `jsonencode({…})` an edit lands in one of the object's HCL strings.
  if (tpl.node.style === 'hcl' || tpl.node.style === 'jsonencode') return hclQuotedBody(s);
  if (tpl.node.style === 'heredoc') return escapeHclTemplate(s);
  return jsonStringBody(s);
}

/** A whole string value holding `s`, to replace the template's value with (`"$${input.rawRequest}"` in HCL). */
export function templateLiteral(tpl: TemplateField, s: string): string {
  return tpl.node.style === 'json' ? JSON.stringify(s) : `"${hclQuotedBody(s)}"`;
}

/**
 * Whether `[from, to)` of the template can be edited in the source. Not in `jsonencode({…})` outside its HCL
 * strings (the quotes, commas and numbers are Terraform's output: a change there is a change to the HCL
 * expression, which is the author's to make). Not where HCL has an unescaped `${` (Terraform interpolation):
 * `terraform/dollar-escape` fixes that first, and an edit at the same place would mix with its `$`
 * (`$$esc.url(…)`); once escaped, the next `--fix` pass makes this edit.
 */
export function isEditable(file: ParsedFile, tpl: TemplateField, from: number, to: number): boolean {
  const style = tpl.node.style;
  if (style === 'hcl' || style === 'heredoc' || style === 'jsonencode') {
    const [a, b] = templateRange(file, tpl, from, to);
    const text = file.source.text;
    for (let i = Math.max(a - 1, 0); i < b; i++) {
      if (text[i] === '$' && text[i + 1] === '{' && text[i - 1] !== '$' && i + 1 >= a) return false;
    }
  }
  if (style !== 'jsonencode') return true;
  const { inside, exact } = tpl.node as JsonencodeScalar;
  if (!inside[from] || !inside[to]) return false;
  for (let i = from; i < to; i++) if (!exact[i]) return false;
  return true;
}

/**
 * The edit that replaces `[from, to)` of the template's text with `s`, written for the template's format;
 * undefined where that part cannot be edited in the source (see `isEditable`).
 */
export function templateEdit(file: ParsedFile, tpl: TemplateField, from: number, to: number, s: string): TextEdit | undefined {
  if (!isEditable(file, tpl, from, to)) return undefined;
  return { range: templateRange(file, tpl, from, to), text: templateText(tpl, s) };
}

/**
 * `${input.x}` → `<open>${input.x})`: two insertions inside the string (nothing in them needs escaping in JSON or
 * HCL); undefined where the reference cannot be edited in the source.
 */
export function wrapReference(file: ParsedFile, tpl: TemplateField, ref: VelocityRef, open: string): TextEdit[] | undefined {
  if (!isEditable(file, tpl, ref.start, ref.end)) return undefined;
  const [a, b] = templateRange(file, tpl, ref.start, ref.end);
  return [
    { range: [a, a], text: templateText(tpl, escapeOpening(open, ref)) },
    { range: [b, b], text: ')' },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// The request body as JSON.

/** Methods that send `requestTemplate`; GET (and DELETE) ignore it. */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The header value, case-insensitively, when the headers are literal. */
export function headerValue(def: DataActionDef, name: string): string | undefined {
  for (const p of def.headers?.pairs ?? []) {
    if (String(p.key.value).toLowerCase() === name.toLowerCase()) return str(p.value);
  }
  return undefined;
}

/** Whether the body is sent as JSON: the platform default, unless a Content-Type header says otherwise. */
export function sendsJson(def: DataActionDef): boolean {
  const ct = headerValue(def, 'Content-Type');
  return ct === undefined || /json/i.test(ct) || /\$/.test(ct);
}

export interface BodyJson {
  /** One rendering per branch choice, parsed. */
  variants: { choice: BranchChoice; rendered: Rendered; parse: StubParse }[];
  /** The first variant that parses (the body's structure), if any. */
  parsed?: { rendered: Rendered; root: StubNode | null };
}

const bodyCache = new WeakMap<TemplateField, BodyJson>();

/**
 * The request body rendered with stubs and parsed as JSON. Which `#if` branches run is unknown, so the body
 * is rendered with every first branch, with every `#else` branch, and with every branch; it is valid
 * when one of them parses.
 */
export function bodyJson(tpl: TemplateField): BodyJson {
  const hit = bodyCache.get(tpl);
  if (hit) return hit;
  const choices: BranchChoice[] = tpl.scan.directives.some((d) => d.name !== 'comment') ? ['first', 'last', 'all'] : ['all'];
  const variants = choices.map((choice) => {
    const rendered = renderTemplate(tpl.text, tpl.scan, choice);
    return { choice, rendered, parse: parseStubbedJson(rendered.text) };
  });
  const ok = variants.find((v) => v.parse.ok);
  const out: BodyJson = { variants, parsed: ok && ok.parse.ok ? { rendered: ok.rendered, root: ok.parse.root } : undefined };
  bodyCache.set(tpl, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Participant attributes: PATCH /api/v2/conversations/{id}/participants/{pid}/attributes.

const PARTICIPANT_ATTRIBUTES_URL = /\/participants\/[^/]+\/attributes\/?(?:\?|$)/;

/** The Set-Participant-Attribute pattern: a PATCH of a participant's attributes. */
export function isParticipantAttributesAction(def: DataActionDef): boolean {
  return def.requestType === 'PATCH' && !!def.url && PARTICIPANT_ATTRIBUTES_URL.test(def.url.text);
}

export interface AttributeEntry {
  key: StubNode;
  value: StubNode;
  /** The key's text when it is a plain literal (no reference in it). */
  literalKey?: string;
}

/** Entries of the body's `attributes` object; undefined when the body or `attributes` is not a literal object. */
export function participantAttributeEntries(def: DataActionDef): { rendered: Rendered; attributes: StubNode; entries: AttributeEntry[] } | undefined {
  if (!def.body || !isParticipantAttributesAction(def)) return undefined;
  const body = bodyJson(def.body).parsed;
  if (!body || body.root?.type !== 'object') return undefined;
  const member = body.root.members.find((m) => m.key.type === 'string' && m.key.value === 'attributes');
  if (!member) return undefined;
  const attributes = member.value;
  if (attributes.type !== 'object') return { rendered: body.rendered, attributes, entries: [] };
  const entries = attributes.members.map((m): AttributeEntry => {
    let literalKey: string | undefined;
    if (m.key.type === 'string') {
      let templated = false;
      for (let i = m.key.start; i < m.key.end; i++) if (body.rendered.stubs.has(i)) templated = true;
      if (!templated) literalKey = m.key.value;
    }
    return { key: m.key, value: m.value, literalKey };
  });
  return { rendered: body.rendered, attributes, entries };
}

/** Source range of rendered `[from, to)`; a stubbed reference at either end is covered whole. */
export function renderedRange(file: ParsedFile, tpl: TemplateField, rendered: Rendered, from: number, to: number): [number, number] {
  const a = rendered.map[from] ?? tpl.text.length;
  const last = to - 1;
  const stub = rendered.stubs.get(last);
  const b = to <= from ? a : stub ? stub.end : (rendered.map[last] ?? tpl.text.length - 1) + 1;
  return templateRange(file, tpl, a, b);
}

// ---------------------------------------------------------------------------------------------------------
// The project index: every data action by the name flows use.

/**
 * What other files need to know about a data action (a flow calling it, a Set-Attribute suggestion), as a plain,
 * serializable fact: names, contract schemas and the inputs that carry a participant attribute's parts. It holds
 * no tree, so the project's index keeps no data-action file alive; the data-action rules themselves read the
 * full `DataActionDef` of the file they lint.
 */
export interface DataActionFact {
  /** The path of the file that defines the action (exported JSON or a `.tf` file). */
  path: string;
  origin: 'json' | 'terraform';
  /** The name as written (may carry the export suffix); undefined when not a literal. */
  name?: string;
  /** The name flows use: without the export suffix. */
  baseName?: string;
  /** Plain values of the contract schemas. */
  inputSchema?: unknown;
  successSchema?: unknown;
  /** Inputs whose value is the key of a participant attribute the action PATCHes: `{"${input.key}": …}`. */
  keyInputs: string[];
  /** When the action PATCHes one participant attribute whose key and value are declared inputs: which input carries what. */
  setAttributeInputs?: SetAttributeInputs;
  /** A Terraform action's categories (integrations), when literal or resolved; undefined for exported JSON. */
  categories?: string[];
}

/** Input names: `/conversations/${input.<conversationId>}/participants/${input.<participantId>}/attributes`, body `{"attributes": {"${input.<key>}": "${input.<value>}"}}`. */
export interface SetAttributeInputs {
  conversationId: string;
  participantId: string;
  key: string;
  value: string;
}

function dataActionFact(def: DataActionDef, categories?: string[]): DataActionFact {
  // No key holds `undefined`: a fact is plain JSON, the same after a JSON round trip (the cache stores it so).
  const fact: DataActionFact = { path: def.file.path, origin: def.origin, keyInputs: keyInputs(def) };
  if (def.name !== undefined) fact.name = def.name;
  if (def.baseName !== undefined) fact.baseName = def.baseName;
  if (def.inputSchema !== undefined) fact.inputSchema = asJson(def.inputSchema);
  if (def.successSchema !== undefined) fact.successSchema = asJson(def.successSchema);
  const inputs = setAttributeInputs(def);
  if (inputs) fact.setAttributeInputs = inputs;
  if (categories) fact.categories = categories;
  return fact;
}

/**
 * A contract schema as JSON gives it back: `-0` becomes `0` and a number too large for a double (`1e400`, read as
 * Infinity) becomes `null`, as they do in a cache. Read so at extraction, a cold run and a warm one see the same
 * schema (else `maximum: 1e400` is a schema cold and `maximum: null`, no schema, warm).
 */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const URL_INPUTS = /\/conversations\/\$!?\{input\.([A-Za-z_]\w*)\}\/participants\/\$!?\{input\.([A-Za-z_]\w*)\}\/attributes\/?$/;

/** `${input.key}`, or the same escaped as data-action/participant-attributes advises: `$esc.jsonString(${input.key})`. */
function inputOf(ref: VelocityRef | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.root === 'input' && ref.path.length === 1 && !ref.call) return ref.path[0];
  return ref.call === 'esc.jsonString' && ref.args.length === 1 ? inputOf(ref.args[0]) : undefined;
}

/** The one input a rendered JSON string consists of (`"${input.key}"` renders as a one-character stub). */
function soleInput(node: StubNode, rendered: { stubs: Map<number, VelocityRef> }): string | undefined {
  if (node.type !== 'string' || node.end - node.start !== 3) return undefined;
  return inputOf(rendered.stubs.get(node.start + 1));
}

/** Inputs whose value is an attribute key of a participant-attributes action: `{"${input.key}": …}`. */
function keyInputs(def: DataActionDef): string[] {
  const found = participantAttributeEntries(def);
  if (!found) return [];
  const names: string[] = [];
  for (const e of found.entries) {
    const name = soleInput(e.key, found.rendered);
    if (name) names.push(name);
  }
  return names;
}

function setAttributeInputs(def: DataActionDef): SetAttributeInputs | undefined {
  const url = def.url && URL_INPUTS.exec(def.url.text.trim());
  const found = participantAttributeEntries(def);
  if (!url || !found || found.entries.length !== 1) return undefined;
  const key = soleInput(found.entries[0].key, found.rendered);
  const value = soleInput(found.entries[0].value, found.rendered);
  if (!key || !value) return undefined;
  const inputs = { conversationId: url[1], participantId: url[2], key, value };
  // Every role must be a declared input: the contract is what Architect shows and validates.
  const props = schemaProperties(def.inputSchema);
  if (!props || !Object.values(inputs).every((n) => Object.hasOwn(props, n))) return undefined;
  return inputs;
}

export interface DataActionIndex {
  all: DataActionFact[];
  /** By base name (export suffix stripped). */
  byName: Map<string, DataActionFact[]>;
  /** Some definition's name is not a literal (a Terraform variable): absence cannot be proven. */
  hasUnknownNames: boolean;
}

/** What the project needs of one exported data-action file: its action and the participant-data keys it sets. */
export interface DataActionFileFacts {
  action?: DataActionFact;
  keysSet: KeyOccurrence[];
}

/** The facts of a data-action JSON file (read from its tree once; kept for a file whose tree was dropped). */
export function dataActionFileFacts(file: ParsedFile): DataActionFileFacts {
  const known = treelessFacts.get(file);
  if (known) return known;
  const def = dataActionOf(file);
  const facts: DataActionFileFacts = { keysSet: participantKeysSetBy(file) };
  if (def) facts.action = dataActionFact(def);
  return facts;
}

/**
 * The data actions (`genesyscloud_integration_action`) of a Terraform file as facts, one per resource in file
 * order, with their names left for the project to resolve (a `var.x` name through defaults and module arguments),
 * and the participant-data keys they set.
 */
export function terraformDataActionFacts(file: ParsedFile): { actions: DataActionFact[]; keysSet: KeyOccurrence[] } {
  const jsonencoded = terraformDocument(file)?.jsonencoded;
  // Contracts written as an expression hcl2json's `jsonencode` decoding read but the positioned reader did not.
  const decode = (v: unknown) => (typeof v === 'string' ? jsonencoded?.get(v) : v && typeof v === 'object' ? v : undefined);
  const actions = terraformDataActionsIn(file).map((def) => {
    const body = def.resource?.body ?? {};
    return dataActionFact({ ...def, name: undefined, baseName: undefined, inputSchema: def.inputSchema ?? decode(body.contract_input), successSchema: def.successSchema ?? decode(body.contract_output) });
  });
  return { actions, keysSet: participantKeysSetBy(file) };
}

/** A Terraform-defined action under each name it may have (none known: one with no name), with its categories. */
function terraformDataActions(project: Project): DataActionFact[] {
  return terraformIntegrationActions(project).flatMap((a): DataActionFact[] => {
    if (!a.names.length) return [{ ...a.action, categories: a.categories }];
    return a.names.map((name) => ({ ...a.action, name, baseName: stripExportSuffix(name), categories: a.categories }));
  });
}

const terraformCache = new WeakMap<ParsedFile, DataActionDef[]>();

/** The data actions (`genesyscloud_integration_action`) of one Terraform file, with positions. Memoised per file. */
export function terraformDataActionsIn(file: ParsedFile): DataActionDef[] {
  const hit = terraformCache.get(file);
  if (hit) return hit;
  const out = terraformResources(file)
    .filter((r) => r.type === 'genesyscloud_integration_action')
    .map((r) => terraformDataAction(file, r));
  terraformCache.set(file, out);
  return out;
}

function hclNode(resource: TerraformResource, path: string[]): Node | undefined {
  const at = findAttribute(resource, path);
  if (!at) return undefined;
  return readHclValue(resource.file.source.text, at.valueRange[0], resource.range[1])?.node;
}

/** `${` or `%{` not written as HCL's literal escape (`$${`, `%%{`). */
const TERRAFORM_TEMPLATE = /(?<![$%])([$%])(?!\1)\{|^[$%]\{/;

function hclTemplate(resource: TerraformResource, path: string[]): TemplateField | undefined {
  const at = findAttribute(resource, path);
  const text = resource.file.source.text;
  const read = at && readHclValue(text, at.valueRange[0], resource.range[1]);
  if (!at || !read) return undefined;
  let node = read.node;
  // `request_template = jsonencode({ … })`: the template is the JSON text Terraform makes of the object.
  if (node.type !== 'scalar' && text.startsWith('jsonencode', at.valueRange[0])) {
    const encoded = jsonencodeText(text, node, [at.valueRange[0], read.end]);
    if (!encoded) return undefined;
    return { node: encoded, text: encoded.value, scan: scanVelocity(encoded.value) };
  }
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const raw = resource.file.source.text.slice(node.range[0], node.range[1]);
  return { node, text: node.value, scan: scanVelocity(node.value), terraformTemplate: TERRAFORM_TEMPLATE.test(raw) };
}

function terraformDataAction(file: ParsedFile, r: TerraformResource): DataActionDef {
  const name = hclLiteral(r.body.name);
  const nameNode = hclNode(r, ['name']);
  const requestTypeNode = hclNode(r, ['config_request', 'request_type']);
  const requestType = isScalar(requestTypeNode) && typeof requestTypeNode.value === 'string' ? hclLiteral(requestTypeNode.value) : undefined;
  const headers = hclNode(r, ['config_request', 'headers']);
  const tm = hclNode(r, ['config_response', 'translation_map']);
  const tmd = hclNode(r, ['config_response', 'translation_map_defaults']);
  const inputSchemaNode = hclNode(r, ['contract_input']);
  const successSchemaNode = hclNode(r, ['contract_output']);
  const bodyAt = findAttribute(r, ['config_request', 'request_template']);
  const body = hclTemplate(r, ['config_request', 'request_template']);
  const secure = hclLiteral(r.body.secure);
  return {
    file,
    origin: 'terraform',
    resource: r,
    name,
    baseName: name === undefined ? undefined : stripExportSuffix(name),
    nameNode: isScalar(nameNode) ? nameNode : undefined,
    requestType: requestType?.toUpperCase(),
    requestTypeNode: isScalar(requestTypeNode) ? requestTypeNode : undefined,
    url: hclTemplate(r, ['config_request', 'request_url_template']),
    body,
    bodyPair: body && bodyAt ? { key: { type: 'scalar', range: bodyAt.keyRange, value: 'request_template', style: 'plain' }, value: body.node, range: [bodyAt.keyRange[0], body.node.range[1]] } : undefined,
    headers: isMap(headers) ? headers : undefined,
    translationMap: isMap(tm) ? tm : undefined,
    translationMapDefaults: isMap(tmd) ? tmd : undefined,
    successTemplate: hclTemplate(r, ['config_response', 'success_template']),
    inputSchemaNode: isMap(inputSchemaNode) || isScalar(inputSchemaNode) ? inputSchemaNode : undefined,
    successSchemaNode: isMap(successSchemaNode) || isScalar(successSchemaNode) ? successSchemaNode : undefined,
    inputSchema: inputSchemaNode ? toJS(inputSchemaNode) : undefined,
    successSchema: successSchemaNode ? toJS(successSchemaNode) : undefined,
    secure: secure === 'true' ? true : secure === 'false' ? false : undefined,
  };
}

export function dataActionIndex(project: Project): DataActionIndex {
  return project.index('data-actions', (p) => {
    const all: DataActionFact[] = [];
    for (const f of p.filesOfKind('data-action')) if (f.dataAction?.action) all.push(f.dataAction.action);
    all.push(...terraformDataActions(p));
    const byName = new Map<string, DataActionFact[]>();
    let hasUnknownNames = false;
    for (const d of all) {
      if (d.baseName === undefined) {
        hasUnknownNames = true;
        continue;
      }
      const list = byName.get(d.baseName);
      if (list) list.push(d);
      else byName.set(d.baseName, [d]);
    }
    return { all, byName, hasUnknownNames };
  });
}

/**
 * `byName` by lower-case name, first spelling in index order winning (what a scan of `byName` would find): one map
 * per index, built on the first lookup, so that 5,000 flows' calls cost a lookup each instead of a scan each. Kept
 * beside the index, not in it, so the index's digest (`--cache`) is what it was.
 */
const byLowerName = new WeakMap<DataActionIndex, Map<string, DataActionFact[]>>();

/** Finds the actions a flow's name refers to: exact, then ignoring case and export suffix. */
export function findDataActions(index: DataActionIndex, name: string): DataActionFact[] {
  const stripped = stripExportSuffix(name);
  const exact = index.byName.get(stripped);
  if (exact) return exact;
  let lower = byLowerName.get(index);
  if (!lower) {
    lower = new Map();
    for (const [k, v] of index.byName) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), v);
    byLowerName.set(index, lower);
  }
  return lower.get(stripped.toLowerCase()) ?? [];
}

/** What the project needs of a data-action file whose tree was dropped, extracted before it was. */
const treelessFacts = new WeakMap<ParsedFile, DataActionFileFacts>();

/** The exported data-action file without its tree (`treelessCopy`), with its facts attached: what the project keeps of it in a large run. */
export function dataActionWithoutTree(file: ParsedFile): ParsedFile {
  const facts = dataActionFileFacts(file);
  const light = treelessCopy(file);
  treelessFacts.set(light, facts);
  return light;
}

// Participant-data keys a data action sets: a PATCH of participant attributes with literal keys, in either format.
export const dataActionParticipantKeys: ProjectContributor = {
  participantKeysSet: (facts: FileFacts) => facts.dataAction?.keysSet ?? facts.terraform?.keysSet ?? [],
};

function participantKeysSetBy(file: ParsedFile): KeyOccurrence[] {
  const out: KeyOccurrence[] = [];
  for (const def of dataActionsOf(file)) {
    if (!def.body) continue;
    const found = participantAttributeEntries(def);
    if (!found) continue;
    for (const e of found.entries) {
      if (e.literalKey === undefined || e.literalKey === '') continue;
      const range = renderedRange(file, def.body, found.rendered, e.key.start + 1, e.key.end - 1);
      out.push({ key: e.literalKey, path: file.path, range, origin: def.origin === 'terraform' ? 'terraform' : 'data-action' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Contract helpers.

type SchemaObject = Record<string, unknown>;
function asObject(v: unknown): SchemaObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as SchemaObject) : undefined;
}

/** `properties` of a contract schema (input or success). */
export function schemaProperties(schema: unknown): SchemaObject | undefined {
  return asObject(asObject(schema)?.properties);
}

/** The schema of an input (`inputSchema.properties[name]`). */
export function inputProperty(def: DataActionDef, name: string): SchemaObject | undefined {
  return asObject(schemaProperties(def.inputSchema)?.[name]);
}

/** Genesys ids are GUIDs (`conversationId`, `QUEUE_ID`): nothing in them needs escaping. */
export const DEFAULT_ID_PATTERN = '(?:id|ids)$';

const SAFE_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'integer', 'int32', 'int64']);

/**
 * Whether an input's value can never need escaping in JSON or a URL: a number, boolean, uuid/date format,
 * an enum of plain words, or a name the `idPattern` says is a Genesys id.
 */
export function inputNeedsNoEscaping(def: DataActionDef, name: string, idPattern: RegExp | undefined): boolean {
  if (idPattern?.test(name)) return true;
  const prop = inputProperty(def, name);
  if (!prop) return false;
  const types = ([] as unknown[]).concat(prop.type ?? []);
  if (types.length && types.every((t) => t === 'integer' || t === 'number' || t === 'boolean')) return true;
  if (typeof prop.format === 'string' && SAFE_FORMATS.has(prop.format)) return true;
  if (Array.isArray(prop.enum) && prop.enum.length && prop.enum.every((v) => typeof v !== 'string' || /^[A-Za-z0-9_.-]*$/.test(v))) return true;
  return false;
}

/**
 * Whether an input's schema rules out a `"` or `\\` in its value: a number or boolean, any `format`, an enum
 * whose values hold neither, or an anchored `pattern` that cannot match either (no `.`, negated class or
 * `\\S`/`\\W`/`\\D`, and neither character written in it). JSON escaping changes nothing for such a value.
 */
export function schemaExcludesJsonSpecials(def: DataActionDef, name: string): boolean {
  const prop = inputProperty(def, name);
  if (!prop) return false;
  const types = ([] as unknown[]).concat(prop.type ?? []);
  if (types.length && types.every((t) => t === 'integer' || t === 'number' || t === 'boolean')) return true;
  if (typeof prop.format === 'string' && prop.format !== '') return true;
  if (Array.isArray(prop.enum) && prop.enum.length && prop.enum.every((v) => typeof v !== 'string' || !/["\\\n]/.test(v))) return true;
  if (typeof prop.pattern === 'string') return patternExcludesJsonSpecials(prop.pattern);
  return false;
}

function patternExcludesJsonSpecials(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  if (/\\[SWDs"\\]|\[\^|"|(?<!\\)\./.test(pattern)) return false;
  return true;
}

/** The `idPattern` option of the escape rules. */
export const ID_PATTERN_OPTION = {
  type: 'object',
  properties: { idPattern: { type: 'string', format: 'regex', description: 'Input names treated as Genesys ids (GUIDs), never escaped; "" to check every input.' } },
  additionalProperties: false,
};

export function idPatternOption(options: Record<string, unknown>): RegExp | undefined {
  const p = options.idPattern === undefined ? DEFAULT_ID_PATTERN : options.idPattern;
  return typeof p === 'string' && p !== '' ? new RegExp(p, 'i') : undefined;
}
