/**
 * Checks every request the fake GitHub receives against GitHub's own descriptions of its API: REST against the
 * official OpenAPI description (npm `@octokit/openapi`), GraphQL against the official schema (npm
 * `@octokit/graphql-schema`). A request the real API would not understand is a test failure, so the fake can
 * never drift from GitHub unnoticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { buildSchema, getOperationAST, getVariableValues, Kind, parse, validate, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/**
 * A file inside an installed package, found the way Node looks for packages (node_modules up the folders):
 * these packages' `exports` do not list their data files.
 */
function packageFile(pkg: string, file: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg, file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${pkg}/${file} not found: run npm ci (it is a devDependency of @cxlint/action).`);
  }
}

interface Parameter { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: unknown; $ref?: string }
interface Operation { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> }; $ref?: string }
interface OpenApi { paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> }

let openapi: { doc: OpenApi; routes: { template: string; pattern: RegExp }[] } | undefined;
function description() {
  if (!openapi) {
    const doc = JSON.parse(readFileSync(packageFile('@octokit/openapi', 'generated/api.github.com.json'), 'utf8')) as OpenApi;
    const routes = Object.keys(doc.paths).map((template) => ({
      template,
      // `{path}` of the contents API spans segments (x-multi-segment); every other parameter is one segment.
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{path\}/g, '(.+)').replace(/\{[^}]+\}/g, '([^/]+)')}$`),
    }));
    openapi = { doc, routes };
  }
  return openapi;
}

/** `#/components/…` references replaced by what they point at (cycles cut after a few levels). */
function deref(doc: OpenApi, node: unknown, depth = 0): unknown {
  if (depth > 40 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => deref(doc, n, depth + 1));
  const ref = (node as { $ref?: string }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref.slice(2).split('/').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc);
    return deref(doc, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(doc, v, depth + 1)]));
}

/**
 * The schema with every object that lists its properties closed to others (`additionalProperties: false`),
 * nested ones too: GitHub ignores a field it does not know, so a misspelt one (`start_lines`) would silently
 * change what gets posted. Members of `allOf` stay open (each lists only part of the object).
 */
function closed(schema: unknown, inAllOf = false): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => closed(s, inAllOf));
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v, k === 'allOf')]));
  if (!inAllOf && out.properties && typeof out.properties === 'object' && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
const bodyValidators = new Map<string, ValidateFunction>();

/** Problems with a REST request, or `[]` when GitHub's OpenAPI description documents it exactly. */
export function restProblems(method: string, path: string, query: URLSearchParams, body: unknown): string[] {
  const { doc, routes } = description();
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return [`${method} ${path}: no such path in GitHub's REST API`];
  const op = doc.paths[route.template][method.toLowerCase()];
  if (!op) return [`${method} ${route.template}: GitHub's REST API has no such method on this path`];
  const problems: string[] = [];
  const params = ((op.parameters ?? []).map((p) => deref(doc, p)) as Parameter[]);
  // Path parameters GitHub types as integers (pull_number, review_id) must be integers.
  const names = [...route.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const values = route.pattern.exec(path)!.slice(1);
  for (const p of params) {
    const value = values[names.indexOf(p.name)];
    if (p.in === 'path' && (p.schema as { type?: string } | undefined)?.type === 'integer' && !/^\d+$/.test(value ?? '')) {
      problems.push(`${method} ${route.template}: path parameter \`${p.name}\` must be an integer, not \`${value}\``);
    }
  }
  const queryNames = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new Set(query.keys())) {
    if (!queryNames.has(name)) problems.push(`${method} ${route.template}: undocumented query parameter \`${name}\``);
  }
  for (const p of params) if (p.in === 'query' && p.required && !query.has(p.name)) problems.push(`${method} ${route.template}: missing query parameter \`${p.name}\``);
  const content = op.requestBody?.content?.['application/json'];
  if (body !== undefined && body !== '' && !content) problems.push(`${method} ${route.template}: takes no request body`);
  if (content) {
    if (body === undefined && op.requestBody?.required) problems.push(`${method} ${route.template}: request body required`);
    if (body !== undefined) {
      const key = `${method} ${route.template}`;
      let check = bodyValidators.get(key);
      if (!check) {
        check = ajv.compile(closed(deref(doc, content.schema)) as object);
        bodyValidators.set(key, check);
      }
      if (!check(body)) {
        problems.push(...(check.errors ?? []).map((e) =>
          e.keyword === 'additionalProperties'
            ? `${key}: undocumented body field \`${e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')}.` : ''}${(e.params as { additionalProperty: string }).additionalProperty}\``
            : `${key}: body${e.instancePath} ${e.message}`));
      }
    }
  }
  return problems;
}

let graphqlSchema: GraphQLSchema | undefined;

/** Problems with a GraphQL request (document and variables), or `[]` when GitHub's schema accepts it. */
export function graphqlProblems(query: string, variables: Record<string, unknown> = {}): string[] {
  // assumeValidSDL: GitHub's published SDL repeats two enterprise fields, which graphql-js refuses to build.
  graphqlSchema ??= buildSchema(readFileSync(packageFile('@octokit/graphql-schema', 'schema.graphql'), 'utf8'), { assumeValidSDL: true });
  let document;
  try {
    document = parse(query);
  } catch (e) {
    return [`GraphQL syntax: ${(e as Error).message}`];
  }
  const errors = validate(graphqlSchema, document).map((e) => `GraphQL: ${e.message}`);
  if (errors.length) return errors;
  const op = getOperationAST(document);
  if (!op) return ['GraphQL: no single operation'];
  const coerced = getVariableValues(graphqlSchema, op.variableDefinitions ?? [], variables);
  return (coerced.errors ?? []).map((e) => `GraphQL variables: ${e.message}`);
}

/**
 * The fake's answer cut to what the document asked for, as GitHub answers: a field the action did not select is
 * absent (undefined in the action), so a query that forgets a field fails the test instead of being answered
 * anyway. Aliases are honoured. `missing` lists selected fields the fake does not model (a gap in the fake).
 */
export function selectAsAsked(query: string, data: unknown): { data: unknown; missing: string[] } {
  const document = parse(query);
  const op = getOperationAST(document);
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const missing: string[] = [];
  const pick = (value: unknown, set: SelectionSetNode | undefined, path: string): unknown => {
    if (value === null || value === undefined || !set) return value;
    if (Array.isArray(value)) return value.map((v) => pick(v, set, path));
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const visit = (selections: SelectionSetNode) => {
      for (const sel of selections.selections) {
        if (sel.kind === Kind.FIELD) {
          const key = sel.alias?.value ?? sel.name.value;
          const v = key in source ? source[key] : source[sel.name.value];
          if (v === undefined) missing.push(`${path}${key}`);
          else out[key] = pick(v, sel.selectionSet, `${path}${key}.`);
        } else {
          const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments.get(sel.name.value);
          const on = fragment?.typeCondition?.name.value;
          if (fragment && (!on || source.__typename === undefined || source.__typename === on)) visit(fragment.selectionSet);
        }
      }
    };
    visit(set);
    return out;
  };
  return { data: op ? pick(data, op.selectionSet, '') : data, missing };
}
