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
import { buildSchema, getOperationAST, getVariableValues, parse, validate, type GraphQLSchema } from 'graphql';

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
        const schema = deref(doc, content.schema) as Record<string, unknown>;
        check = ajv.compile(schema);
        bodyValidators.set(key, check);
        (check as unknown as { known: Set<string> }).known = new Set(Object.keys((schema.properties as object) ?? {}));
      }
      if (!check(body)) problems.push(...(check.errors ?? []).map((e) => `${key}: body${e.instancePath} ${e.message}`));
      const known = (check as unknown as { known: Set<string> }).known;
      if (known.size && body && typeof body === 'object') {
        for (const k of Object.keys(body)) if (!known.has(k)) problems.push(`${key}: undocumented body field \`${k}\``);
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
