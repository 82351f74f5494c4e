import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * Data-action contracts are JSON Schemas written by users (exports often declare draft-04), so they are
 * compiled at lint time. Compiling is the slow part of ajv, so results are cached by the schema's text:
 * a repo's many flows calling one action compile its contract once.
 */
const require = createRequire(import.meta.url);
type AjvLike = {
  compile(schema: unknown): ValidateFunction;
  validateSchema(schema: unknown): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
};
type AjvCtor = new (opts: Record<string, unknown>) => AjvLike;

function ctor(mod: string): AjvCtor {
  const m = require(mod);
  return (m.default ?? m) as AjvCtor;
}

const instances = new Map<string, AjvLike>();
function ajvFor(draft: string): AjvLike {
  let ajv = instances.get(draft);
  if (!ajv) {
    const Ctor = draft === '04' ? ctor('ajv-draft-04') : draft === '2020' ? ctor('ajv/dist/2020.js') : draft === '2019' ? ctor('ajv/dist/2019.js') : ctor('ajv');
    // strict off: user schemas carry annotations (`displayName`, …) Genesys accepts; logger off: no console noise.
    ajv = new Ctor({ strict: false, allErrors: true, logger: false, validateFormats: true, addUsedSchema: false });
    const formats = require('ajv-formats');
    (formats.default ?? formats)(ajv);
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

export interface CompiledContract {
  validate?: ValidateFunction;
  /** Meta-schema errors (instancePath points into the schema) or the compile error. */
  errors: { instancePath: string; message: string }[];
}

const cache = new Map<string, CompiledContract>();
const MAX_CACHE = 500;

export function compileContract(schema: unknown): CompiledContract {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  const ajv = ajvFor(schemaDraft(schema));
  let out: CompiledContract;
  const valid = ajv.validateSchema(schema);
  if (valid !== true) {
    out = { errors: onePerPlace(ajv.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: describeSchemaError(e) })) };
  } else {
    try {
      out = { validate: ajv.compile(schema), errors: [] };
    } catch (e) {
      out = { errors: [{ instancePath: '', message: (e as Error).message }] };
    }
  }
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, out);
  return out;
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
