import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/**
 * Data-action contracts are JSON Schemas written by users (exports often declare draft-04), so they are
 * compiled at lint time. Compiling is the slow part of ajv, so results are cached by the schema's text:
 * a repo's many flows calling one action compile its contract once.
 *
 * Every draft's class is imported statically: a bundler (the action's, the CLI's) must see each one, or the
 * shipped bundle fails at run time with "Cannot find module 'ajv'" where no node_modules exists.
 */
type AjvLike = {
  compile(schema: unknown): ValidateFunction;
  validateSchema(schema: unknown): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
};
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;

/** A CommonJS module's class, whether Node hands us `module.exports` or its `default`. */
function interop<T>(m: T | { default: T }): T {
  return ((m as { default?: T }).default ?? m) as T;
}

const AJV_BY_DRAFT: Record<string, AjvCtor> = {
  '04': interop(AjvDraft04Module) as unknown as AjvCtor,
  '07': Ajv as unknown as AjvCtor,
  '2019': Ajv2019 as unknown as AjvCtor,
  '2020': Ajv2020 as unknown as AjvCtor,
};
const addFormats = interop(addFormatsModule) as unknown as (ajv: AjvLike) => void;

const instances = new Map<string, AjvLike>();
function ajvFor(draft: string): AjvLike {
  let ajv = instances.get(draft);
  if (!ajv) {
    const Ctor = AJV_BY_DRAFT[draft] ?? AJV_BY_DRAFT['07'];
    // strict off: user schemas carry annotations (`displayName`, …) Genesys accepts; logger off: no console noise.
    ajv = new Ctor({ strict: false, allErrors: true, logger: false, validateFormats: true, addUsedSchema: false });
    addFormats(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

/** Which draft a schema's `$schema` names (draft-07 when absent or unknown). */
export function schemaDraft(schema: unknown): string {
  const s = schema && typeof schema === 'object' ? String((schema as Record<string, unknown>).$schema ?? '') : '';
  if (/draft-04/.test(s)) return '04';
  if (/2020-12/.test(s)) return '2020';
  if (/2019-09/.test(s)) return '2019';
  return '07';
}

export interface SchemaProblem {
  /** JSON pointer into the schema. */
  instancePath: string;
  message: string;
}

const MAX_CACHE = 500;
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

const problemsCache = new Map<string, SchemaProblem[]>();

/**
 * Why a contract is not a valid JSON Schema (checked against its draft's meta-schema), or `[]`. Only the
 * meta-schema is compiled, once per draft: checking a repo's contracts does not compile each of them.
 */
export function contractSchemaProblems(schema: unknown): SchemaProblem[] {
  const key = JSON.stringify(schema);
  const hit = problemsCache.get(key);
  if (hit) return hit;
  const ajv = ajvFor(schemaDraft(schema));
  let problems: SchemaProblem[] = [];
  try {
    if (ajv.validateSchema(schema) !== true) {
      problems = onePerPlace(ajv.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: describeSchemaError(e) }));
    }
  } catch (e) {
    problems = [{ instancePath: '', message: (e as Error).message }];
  }
  return remember(problemsCache, key, problems);
}

const validatorCache = new Map<string, ValidateFunction | null>();

/** A compiled validator for a contract (cached by its text); undefined when the schema is invalid. */
export function contractValidator(schema: unknown): ValidateFunction | undefined {
  const key = JSON.stringify(schema);
  if (validatorCache.has(key)) return validatorCache.get(key) ?? undefined;
  let validate: ValidateFunction | null = null;
  if (!contractSchemaProblems(schema).length) {
    try {
      validate = ajvFor(schemaDraft(schema)).compile(schema);
    } catch {
      validate = null; // e.g. an unresolvable $ref: contract-schema has nothing more to say, and we cannot validate
    }
  }
  remember(validatorCache, key, validate);
  return validate ?? undefined;
}

/** ajv reports `anyOf` and each failed branch; one message per place reads better (the `anyOf` summary wins). */
function onePerPlace(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const seen = byPath.get(e.instancePath);
    if (!seen || (e.keyword === 'anyOf' && seen.keyword !== 'anyOf')) byPath.set(e.instancePath, e);
  }
  return [...byPath.values()];
}

function describeSchemaError(e: ErrorObject): string {
  if (e.keyword === 'enum' && Array.isArray((e.params as { allowedValues?: unknown[] }).allowedValues)) {
    return `${e.message}: ${((e.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (e.keyword === 'anyOf' && /\/type$/.test(e.instancePath)) {
    return 'must be one of "string", "number", "integer", "boolean", "object", "array", "null" (or a list of them)';
  }
  return e.message ?? e.keyword;
}
