import { posix } from '../util/posix-path.js';
import { FLOW_EXTENSIONS, extensionOf } from '../parse/detect-kind.js';
import type { ParsedFile } from '../parse/parse-file.js';
import { terraformDocument } from '../parse/terraform-document.js';
import type { DataActionFact } from './data-actions.js';
import type { KeyOccurrence, Project, ProjectContributor } from './project.js';

/**
 * Typed views over Terraform (CX as Code) files: `genesyscloud_flow` (which flow file it deploys and which
 * `{{key}}` substitutions it fills) and `genesyscloud_integration_action` (a data action defined in HCL).
 * hcl2json gives values without positions; positions are found by searching the resource block's text.
 */

export type Range = [number, number];

export interface TerraformResource {
  type: string;
  name: string;
  file: ParsedFile;
  /** The HCL JSON body (`config_request` is an array of one object, as hcl2json writes blocks). */
  body: Record<string, unknown>;
  /** `resource "type" "name"` (the header), for findings about the whole resource. */
  headerRange: Range;
  /** From the header to the closing brace. */
  range: Range;
}

const TF_ROOTS = new Set(['var', 'local', 'module', 'data', 'path', 'each', 'count', 'self', 'terraform']);

const resourceCache = new WeakMap<ParsedFile, TerraformResource[]>();

/** Every `resource` block of a Terraform file, in the order hcl2json lists them. Computed once per file. */
export function terraformResources(file: ParsedFile): TerraformResource[] {
  const hit = resourceCache.get(file);
  if (hit) return hit;
  const out: TerraformResource[] = [];
  const doc = terraformDocument(file);
  const resources = doc?.json.resource as Record<string, Record<string, Record<string, unknown>[]>> | undefined;
  if (resources) {
    const text = file.source.text;
    const blockStarts = topLevelBlockStarts(text);
    for (const [type, byName] of Object.entries(resources)) {
      for (const [name, bodies] of Object.entries(byName ?? {})) {
        const header = findHeader(text, type, name);
        const next = blockStarts.find((s) => s > header[0]) ?? text.length;
        const close = text.lastIndexOf('}', next - 1);
        const range: Range = [header[0], close > header[1] ? close + 1 : next];
        for (const body of Array.isArray(bodies) ? bodies : [bodies]) out.push({ type, name, file, body: body ?? {}, headerRange: header, range });
      }
    }
  }
  resourceCache.set(file, out);
  return out;
}

const BLOCK_START = /^(?:resource|data|module|locals|variable|output|provider|terraform|moved|import|check|removed)\b/gm;

function topLevelBlockStarts(text: string): number[] {
  const starts: number[] = [];
  BLOCK_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLOCK_START.exec(text))) starts.push(m.index);
  return starts;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findHeader(text: string, type: string, name: string): Range {
  const re = new RegExp(`resource\\s+"${escapeRegExp(type)}"\\s+"${escapeRegExp(name)}"`);
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : [0, 0];
}

export interface AttributeLocation {
  /** The attribute's name. */
  keyRange: Range;
  /** Its value as written (a quoted string includes the quotes; a heredoc runs to its terminator). */
  valueRange: Range;
}

/**
 * Finds `a = …` (or nested `block { a = … }`) inside a resource by searching its text, one step of `path` after
 * the other. Not a parser: it relies on hcl2json having accepted the file and on the attribute being written once.
 */
export function findAttribute(resource: TerraformResource, path: string[]): AttributeLocation | undefined {
  const text = resource.file.source.text;
  let from = resource.headerRange[1];
  const end = resource.range[1];
  for (let i = 0; i < path.length; i++) {
    const last = i === path.length - 1;
    const re = new RegExp(`(?<![\\w-])"?${escapeRegExp(path[i])}"?\\s*(=(?!=)|\\{)`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m || m.index >= end) return undefined;
    const keyRange: Range = [m.index + (text[m.index] === '"' ? 1 : 0), m.index + (text[m.index] === '"' ? 1 : 0) + path[i].length];
    from = m.index + m[0].length;
    if (!last) continue;
    let start = from;
    while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
    if (m[1] === '{') return { keyRange, valueRange: [m.index + m[0].length - 1, end] };
    return { keyRange, valueRange: [start, valueEnd(text, start, end)] };
  }
  return undefined;
}

function valueEnd(text: string, start: number, limit: number): number {
  const ch = text[start];
  if (ch === '"') {
    for (let i = start + 1; i < limit; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
      else if (text[i] === '\n') return i;
    }
    return limit;
  }
  const heredoc = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(text.slice(start, start + 80));
  if (heredoc) {
    const term = new RegExp(`^[ \\t]*${escapeRegExp(heredoc[1])}[ \\t]*$`, 'm');
    const body = start + heredoc[0].length;
    const m = term.exec(text.slice(body, limit));
    return m ? body + m.index + m[0].length : limit;
  }
  if (ch === '{' || ch === '[' || text.startsWith('jsonencode(', start)) {
    // Balanced brackets, skipping strings: enough to cover `{ … }` maps and `jsonencode({ … })`.
    let depth = 0;
    for (let i = start; i < limit; i++) {
      const c = text[i];
      if (c === '"') {
        i = valueEnd(text, i, limit) - 1;
        continue;
      }
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return limit;
  }
  const nl = text.indexOf('\n', start);
  let stop = nl === -1 || nl > limit ? limit : nl;
  while (stop > start && /\s/.test(text[stop - 1])) stop--;
  return stop;
}

/** The literal text of an HCL string, or undefined when it interpolates something (`${var.x}`). */
export function hclLiteral(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  if (/(?<!\$)\$\{|(?<!%)%\{/.test(value)) return undefined;
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** `${var.name}` → `name` when the whole value is one variable reference. */
function variableReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value)?.[1];
}

/** First element of an hcl2json block list (`config_request { … }` → `[{…}]`). */
function block(value: unknown): Record<string, unknown> | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts: what other files need to know about one Terraform file, read from its tree once (see `model/facts.ts`).

/** A value written as a literal, or as one `${var.x}` reference whose values the project's variables give. */
export interface HclValueFact {
  literal?: string;
  variable?: string;
}

/** A `genesyscloud_flow` resource as its own file says it: what resolving `filepath` and reading substitutions needs. */
export interface TerraformFlowFact {
  name: string;
  /** `filepath` as written (hcl2json text: `${path.module}/x.yaml`); absent when missing. */
  filepath?: string;
  /** Keys of `substitutions = {…}`; null when `substitutions` is an expression whose keys cannot be read. */
  substitutions: string[] | null;
  /** Each substitution's value, when a literal or one `var.x` (in the map's order). */
  substitutionValues: ({ key: string } & HclValueFact)[];
}

/** A `genesyscloud_integration_action`: the data action it defines, with its name and category still unresolved. */
export interface TerraformActionFact {
  name: HclValueFact;
  /** `name` as written (`${var.action_name}`). */
  nameExpression?: string;
  category: HclValueFact;
  categoryExpression?: string;
  /** The data action, as an exported JSON one gives it; `name`, `baseName` and `categories` are filled per project. */
  action: DataActionFact;
}

/** Everything the project reads of one Terraform file: plain, serializable data. */
export interface TerraformFacts {
  flows: TerraformFlowFact[];
  /** `variable "x" { default = … }` with a literal default, in file order. */
  variables: { name: string; default: string }[];
  /** `module` blocks whose `source` is a local folder: the folder (project path) and the literal arguments passed. */
  moduleCalls: { dir: string; args: { name: string; value: string }[] }[];
  /** `local_file.filename`s (with `${path.module}` replaced): flows generated from templates at apply time. */
  generatedFiles: string[];
  integrationActions: TerraformActionFact[];
  /** `required_providers` version constraints of mypurecloud/genesyscloud stated in this file. */
  providerConstraints: string[];
  /** Participant-data keys its integration actions set (literal keys of a participant-attributes PATCH). */
  keysSet: KeyOccurrence[];
}

function hclValueFact(value: unknown): HclValueFact {
  const literal = hclLiteral(value);
  if (literal !== undefined) return { literal };
  const variable = variableReference(value);
  return variable ? { variable } : {};
}

/** The facts of one Terraform file; undefined when it has no document (a parse error). */
export function extractTerraformFacts(file: ParsedFile, actions: (file: ParsedFile) => { actions: DataActionFact[]; keysSet: KeyOccurrence[] }): TerraformFacts | undefined {
  const json = terraformDocument(file)?.json;
  if (!json) return undefined;
  const dir = posixDir(file.path);
  const resources = terraformResources(file);
  const flows = resources.filter((r) => r.type === 'genesyscloud_flow').map((r): TerraformFlowFact => {
    const raw = r.body.filepath;
    const subs = r.body.substitutions;
    const isMap = !!subs && typeof subs === 'object' && !Array.isArray(subs);
    const fact: TerraformFlowFact = {
      name: r.name,
      substitutions: isMap ? Object.keys(subs) : subs === undefined ? [] : null,
      substitutionValues: isMap ? Object.entries(subs as Record<string, unknown>).map(([key, v]) => ({ key, ...hclValueFact(v) })) : [],
    };
    if (typeof raw === 'string') fact.filepath = raw;
    return fact;
  });
  const variables: TerraformFacts['variables'] = [];
  for (const [name, decls] of Object.entries((json.variable ?? {}) as Record<string, unknown>)) {
    const lit = hclLiteral(block(decls)?.default);
    if (lit !== undefined) variables.push({ name, default: lit });
  }
  const moduleCalls: TerraformFacts['moduleCalls'] = [];
  for (const calls of Object.values((json.module ?? {}) as Record<string, unknown>)) {
    const args = block(calls);
    const source = hclLiteral(args?.source);
    if (!args || !source || !/^\.\.?\//.test(source)) continue;
    const passed: { name: string; value: string }[] = [];
    for (const [name, v] of Object.entries(args)) {
      const lit = name === 'source' ? undefined : hclLiteral(v);
      if (lit !== undefined) passed.push({ name, value: lit });
    }
    moduleCalls.push({ dir: joinPath(dir, source).replace(/\/$/, ''), args: passed });
  }
  const generatedFiles: string[] = [];
  for (const r of resources) {
    if (r.type !== 'local_file') continue;
    const name = hclLiteral(typeof r.body.filename === 'string' ? r.body.filename.replace(/\$\{\s*path\.module\s*\}/g, dir || '.') : undefined);
    if (name) generatedFiles.push(name);
  }
  const read = actions(file);
  const integrationActions = resources
    .filter((r) => r.type === 'genesyscloud_integration_action')
    .map((r, i): TerraformActionFact => {
      const fact: TerraformActionFact = { name: hclValueFact(r.body.name), category: hclValueFact(r.body.category), action: read.actions[i] };
      if (typeof r.body.name === 'string') fact.nameExpression = r.body.name;
      if (typeof r.body.category === 'string') fact.categoryExpression = r.body.category;
      return fact;
    });
  return { flows, variables, moduleCalls, generatedFiles, integrationActions, providerConstraints: providerConstraintsIn(json), keysSet: read.keysSet };
}

/** `version` of each `required_providers` entry whose source is mypurecloud/genesyscloud ("" when not stated). */
function providerConstraintsIn(json: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const block of ([] as unknown[]).concat(json.terraform ?? [])) {
    const required = (block as { required_providers?: unknown })?.required_providers;
    for (const entry of ([] as unknown[]).concat(required ?? [])) {
      if (!entry || typeof entry !== 'object') continue;
      for (const [name, spec] of Object.entries(entry as Record<string, unknown>)) {
        const source = typeof spec === 'object' && spec ? (spec as { source?: unknown }).source : undefined;
        const isGenesys = typeof source === 'string' ? /(^|\/)mypurecloud\/genesyscloud$/i.test(source) : name === 'genesyscloud';
        if (!isGenesys) continue;
        const version = typeof spec === 'string' ? spec : (spec as { version?: unknown })?.version;
        if (typeof version === 'string' && version.trim()) out.push(version.trim());
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// genesyscloud_flow

/** A `genesyscloud_flow` of the project, with the flow file its `filepath` names (plain data). */
export interface TerraformFlow {
  /** The `.tf` file that declares it. */
  path: string;
  name: string;
  /** `filepath` as written (hcl2json text: `${path.module}/x.yaml`); undefined when missing. */
  filepath?: string;
  /**
   * Where the file is: `resolved` (paths of project files it names; more than one only when a
   * `${local.…}` prefix could not be resolved and several files end the same way), `missing` (a literal
   * path no project file matches), `remote` (s3:// or http), `unknown` (interpolated; could not tell).
   */
  target:
    | { status: 'resolved'; paths: string[] }
    | { status: 'missing'; expected: string }
    | { status: 'remote' }
    | { status: 'unknown' }
    | { status: 'none' };
  /** Keys of `substitutions = {…}`; undefined when `substitutions` is an expression whose keys cannot be read. */
  substitutions?: string[];
}

/** A `genesyscloud_flow` of the file being linted: its project facts plus its resource block (with positions). */
export interface TerraformFlowResource extends TerraformFlow {
  resource: TerraformResource;
}

function posixDir(path: string): string {
  const d = posix.dirname(path);
  return d === '.' ? '' : d;
}

function joinPath(dir: string, rel: string): string {
  const j = posix.normalize(dir ? `${dir}/${rel}` : rel);
  return j.startsWith('./') ? j.slice(2) : j;
}

function ancestors(dir: string): string[] {
  const out = [dir];
  let d = dir;
  while (d && d !== '.' && d !== '/') {
    d = posixDir(d);
    out.push(d);
  }
  return [...new Set(out)];
}

/** Resolves a `filepath` the way Terraform would, against the paths of the files the project holds. */
function resolveFilepath(project: Project, tfPath: string, filepath: string): TerraformFlow['target'] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(filepath)) return { status: 'remote' };
  const tfDir = posixDir(tfPath);
  const inModule = /\$\{\s*path\.module\s*\}/.test(filepath);
  let p = filepath.replace(/\$\{\s*path\.module\s*\}/g, tfDir || '.');
  // Relative paths are relative to where `terraform` runs (the root module), which may be this folder or an
  // ancestor: try each, nearest first.
  p = p.replace(/^\$\{\s*path\.(?:root|cwd)\s*\}\/?/, '');
  if (!p.includes('${')) {
    const literal = hclLiteral(p) ?? p;
    if (literal.startsWith('/') || inModule) {
      const path = joinPath('', literal);
      return project.hasPath(path) ? { status: 'resolved', paths: [path] } : { status: 'missing', expected: path };
    }
    for (const base of ancestors(tfDir)) {
      const candidate = joinPath(base, literal);
      if (project.hasPath(candidate)) return { status: 'resolved', paths: [candidate] };
    }
    // The root module may live beside this folder rather than above it (`envs/prod` calling `../../modules/flow`):
    // a file anywhere whose path ends with the relative path is taken as the one meant.
    const elsewhere = project.pathsEndingWith(`/${joinPath('', literal)}`);
    if (elsewhere.length) return { status: 'resolved', paths: elsewhere };
    return { status: 'missing', expected: joinPath(tfDir, literal) };
  }
  // `${local.working_dir.flow}/x.yaml`: the folder cannot be known without evaluating Terraform, so look for
  // files ending with the literal tail at or below the .tf file's folder.
  const tail = p.slice(p.lastIndexOf('}') + 1);
  if (!tail.includes('/') || tail.length < 2) return { status: 'unknown' };
  const prefix = tfDir ? `${tfDir}/` : '';
  const paths = project.pathsEndingWith(tail.startsWith('/') ? tail : `/${tail}`).filter((path) => path.startsWith(prefix));
  return paths.length ? { status: 'resolved', paths } : { status: 'unknown' };
}

/** Every `genesyscloud_flow` in the project, with its resolved flow file. Built once per project, from facts. */
export function terraformFlows(project: Project): TerraformFlow[] {
  return project.index('terraform:flows', (p) =>
    p.filesOfKind('terraform').flatMap((file) =>
      (file.terraform?.flows ?? []).map((f): TerraformFlow => {
        const flow: TerraformFlow = { path: file.path, name: f.name, target: f.filepath === undefined ? { status: 'none' } : resolveFilepath(p, file.path, f.filepath) };
        if (f.filepath !== undefined) flow.filepath = f.filepath;
        if (f.substitutions) flow.substitutions = f.substitutions;
        return flow;
      }),
    ),
  );
}

/** `genesyscloud_flow` resources of the `.tf` file being linted (its tree), each with what the project resolved. */
export function terraformFlowsIn(project: Project, file: ParsedFile): TerraformFlowResource[] {
  const resolved = terraformFlows(project).filter((f) => f.path === file.path);
  // The project's facts of this file were read from the same text, so its flows come in the same order.
  return terraformResources(file)
    .filter((r) => r.type === 'genesyscloud_flow')
    .flatMap((resource, i) => (resolved[i] ? [{ ...resolved[i], resource }] : []));
}

/** Whether a `genesyscloud_flow` in the project deploys this flow file (its substitutions come from Terraform). */
export function deployedByTerraform(project: Project, flow: { path: string }): boolean {
  return substitutionsByFlow(project).has(flow.path);
}

/**
 * Flow path → the substitution keys Terraform fills in for it. `undefined` keys mean a resource deploys the flow
 * with `substitutions` written as an expression (`var.subs`, `merge(…)`): its keys are unknown, so nothing is
 * reported for that flow.
 */
function substitutionsByFlow(project: Project): Map<string, Set<string> | undefined> {
  return project.index('terraform:substitutions-by-flow', (p) => {
    const out = new Map<string, Set<string> | undefined>();
    for (const flow of terraformFlows(p)) {
      if (flow.target.status !== 'resolved') continue;
      for (const path of flow.target.paths) {
        if (!out.has(path)) out.set(path, new Set());
        const names = out.get(path);
        if (!names) continue;
        if (!flow.substitutions) out.set(path, undefined);
        else for (const k of flow.substitutions) names.add(k);
      }
    }
    return out;
  });
}

/**
 * Key → the values Terraform substitutes for it in this flow, where they can be known: a literal, or a
 * `var.x` whose default or module arguments are literals. Keys with no knowable value are absent.
 */
export function substitutionValues(project: Project, flow: { path: string }): Map<string, string[]> {
  return project.index(`terraform:substitution-values:${flow.path}`, (p) => {
    const out = new Map<string, string[]>();
    const flows = terraformFlows(p);
    let i = 0;
    for (const file of p.filesOfKind('terraform')) {
      for (const fact of file.terraform?.flows ?? []) {
        const f = flows[i++];
        if (f.target.status !== 'resolved' || !f.target.paths.includes(flow.path)) continue;
        for (const { key, ...value } of fact.substitutionValues) {
          const values = value.variable !== undefined ? variableValues(p, posixDir(file.path), value.variable) : value.literal !== undefined ? [value.literal] : [];
          if (values.length) out.set(key, [...(out.get(key) ?? []), ...values]);
        }
      }
    }
    return out;
  });
}

/** Paths written by `local_file` resources (flows generated from templates at apply time). */
export function generatedFilePaths(project: Project): Set<string> {
  return project.index('terraform:generated-files', (p) => {
    const out = new Set<string>();
    for (const file of p.filesOfKind('terraform')) {
      for (const name of file.terraform?.generatedFiles ?? []) for (const base of ancestors(posixDir(file.path))) out.add(joinPath(base, name));
    }
    return out;
  });
}

/** The `required_providers` constraints of mypurecloud/genesyscloud stated in the project, with the file of each. */
export function genesysProviderConstraints(project: Project): { path: string; text: string }[] {
  return project.index('terraform:genesyscloud-constraints', (p) =>
    p.filesOfKind('terraform').flatMap((f) => (f.terraform?.providerConstraints ?? []).map((text) => ({ path: f.path, text }))),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// genesyscloud_integration_action

/** A data action defined in Terraform, as the project knows it (plain data): its data action and the values its name and category may take. */
export interface TerraformIntegrationAction {
  /** The `.tf` file that declares it. */
  path: string;
  /** Literal values `name` may take: the literal itself, or `${var.x}` resolved through variable defaults and module arguments. */
  names: string[];
  /** `name` as written (`${var.action_name}`). */
  nameExpression?: string;
  categories: string[];
  categoryExpression?: string;
  /** The data action (name unresolved: see `names`). */
  action: DataActionFact;
}

/**
 * Values a module variable may take: its `default`, and what `module` blocks whose `source` is this folder pass.
 */
export function variableValues(project: Project, moduleDir: string, variable: string): string[] {
  const values = project.index('terraform:variable-values', (p) => {
    const byDirVar = new Map<string, Set<string>>();
    const add = (dir: string, name: string, lit: string) => {
      const key = `${dir}\0${name}`;
      if (!byDirVar.has(key)) byDirVar.set(key, new Set());
      byDirVar.get(key)!.add(lit);
    };
    for (const file of p.filesOfKind('terraform')) {
      const facts = file.terraform;
      if (!facts) continue;
      const dir = posixDir(file.path);
      for (const v of facts.variables) add(dir, v.name, v.default);
      for (const call of facts.moduleCalls) for (const a of call.args) add(call.dir, a.name, a.value);
    }
    return byDirVar;
  });
  return [...(values.get(`${moduleDir}\0${variable}`) ?? [])];
}

function possibleValues(project: Project, path: string, value: HclValueFact): string[] {
  if (value.literal !== undefined) return [value.literal];
  return value.variable !== undefined ? variableValues(project, posixDir(path), value.variable) : [];
}

/** Every `genesyscloud_integration_action` in the project. Built once per project, from facts. */
export function terraformIntegrationActions(project: Project): TerraformIntegrationAction[] {
  return project.index('terraform:integration-actions', (p) =>
    p.filesOfKind('terraform').flatMap((file) =>
      (file.terraform?.integrationActions ?? []).map((a): TerraformIntegrationAction => {
        const out: TerraformIntegrationAction = { path: file.path, names: possibleValues(p, file.path, a.name), categories: possibleValues(p, file.path, a.category), action: a.action };
        if (a.nameExpression !== undefined) out.nameExpression = a.nameExpression;
        if (a.categoryExpression !== undefined) out.categoryExpression = a.categoryExpression;
        return out;
      }),
    ),
  );
}

/** Whether `${first…}` in an HCL template is a Terraform reference (`var.x`, `aws_s3_bucket.b.id`, `upper(…)`). */
export function isTerraformReference(expression: string): boolean {
  const m = /^\s*([A-Za-z_][\w-]*)\s*(\(|\.|\[)?/.exec(expression);
  if (!m) return true; // not an identifier: leave it alone
  if (TF_ROOTS.has(m[1])) return true;
  if (m[2] === '(') return true; // a function call
  // A resource reference is `type.name.attr`, and every resource type has a provider prefix (`genesyscloud_`).
  return m[2] === '.' && m[1].includes('_');
}

export function isFlowFilePath(path: string): boolean {
  return FLOW_EXTENSIONS.includes(extensionOf(path));
}

/** The `{{key}}` names a `genesyscloud_flow` resource's `substitutions` give the flow it deploys. */
export const terraformFlowSubstitutions: ProjectContributor = {
  substitutionsFor(flow: { path: string }, project: Project) {
    const byFlow = substitutionsByFlow(project);
    if (!byFlow.has(flow.path)) return undefined;
    // Keys written as an expression: unknown, so the flow is treated as not described by Terraform.
    return byFlow.get(flow.path) ?? undefined;
  },
};
