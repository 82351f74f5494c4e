import type { KindParser } from './parse-file.js';
import { attachTerraformDocument, type TerraformDocument } from './terraform-document.js';

export { terraformDocument, type TerraformDocument } from './terraform-document.js';


/**
 * `@cdktf/hcl2json` starts its Go WebAssembly runtime as soon as it is imported (measured: ~0.5 s of CPU at every
 * CLI start, .tf files or not), so it is imported on the first Terraform file only.
 *
 * Before it is compiled, V8 is told to keep WebAssembly on its baseline compiler (Liftoff). The Go binary's
 * functions are huge, and V8's tier-up to TurboFan recompiles the hot ones while the first files are parsed:
 * measured on the 73 corpus .tf files (Node 20, 2 cores), the first pass took ~1.3 s of CPU with tier-up and
 * ~0.15 s without, and compiling the module ~0.5 s vs ~0.2 s; TurboFan code only pays off after several passes
 * over the same files (~0.09 s vs ~0.11 s a pass), which a lint run never makes. The flag is process-wide and
 * only concerns WebAssembly (`scripts/time-terraform.mjs` measures it).
 */
let hcl2json: Promise<typeof import('@cdktf/hcl2json')> | undefined;
async function loadHcl2json(): Promise<typeof import('@cdktf/hcl2json')> {
  const v8 = await import('node:v8');
  v8.setFlagsFromString('--liftoff-only');
  return import('@cdktf/hcl2json');
}

/**
 * One parse at a time. `lintFilesAsync` prepares every file at once, and concurrent calls interleave inside the Go
 * runtime's scheduler: measured on the corpus .tf files, ~1.5x the CPU of the same calls made one after the other.
 */
let parsing: Promise<unknown> = Promise.resolve();
function hclToJson(path: string, text: string): Promise<unknown> {
  const run = parsing.then(async () => {
    hcl2json ??= loadHcl2json();
    return (await hcl2json).parse(path, text);
  });
  parsing = run.catch(() => undefined);
  return run;
}

const JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * Results of `prepare`, by text, so a synchronous lint (`lintFiles`, `lintText`, RuleTester) of a file that was
 * prepared before still sees it parsed. Bounded: it is a convenience for tests and editors, not a cache of a repo.
 */
const preparedByText = new Map<string, TerraformDocument | Error>();
const MAX_REMEMBERED = 256;

/**
 * Decoded `jsonencode()` arguments by their text: blueprints repeat the same contracts across modules (corpus: 90
 * arguments, 71 distinct). Bounded like `preparedByText`; `undefined` records an argument HCL could not read alone.
 */
const decodedByExpression = new Map<string, unknown>();
const MAX_DECODED = 1024;

function rememberDecoded(expr: string, value: unknown): void {
  if (decodedByExpression.size >= MAX_DECODED) decodedByExpression.delete(decodedByExpression.keys().next().value as string);
  decodedByExpression.set(expr, value);
}

/** Parses a `.tf` file's text (async: the parser is WebAssembly). Throws on HCL syntax errors. */
export async function prepareTerraform(path: string, raw: string): Promise<TerraformDocument> {
  // Same text the rest of cxlint sees (BOM stripped), so HCL's line/column positions match ours.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const remembered = preparedByText.get(text);
  if (remembered instanceof Error) throw remembered;
  if (remembered) return remembered;
  let doc: TerraformDocument;
  try {
    const json = (await hclToJson(path, text)) as Record<string, unknown>;
    doc = { json, jsonencoded: new Map() };
    await decodeJsonencodes(json, doc.jsonencoded);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    remember(text, error);
    throw error;
  }
  remember(text, doc);
  return doc;
}

function remember(text: string, value: TerraformDocument | Error): void {
  if (preparedByText.size >= MAX_REMEMBERED) preparedByText.delete(preparedByText.keys().next().value as string);
  preparedByText.set(text, value);
}

/**
 * `contract_input = jsonencode({ "type" = "object", … })` arrives as the expression's text. Its argument is an
 * HCL object expression, so the same parser reads it back as an attribute value (`v = {…}`).
 */
async function decodeJsonencodes(json: Record<string, unknown>, out: Map<string, unknown>): Promise<void> {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      if (v.startsWith('${jsonencode(') && JSONENCODE.test(v)) found.add(v);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(json);
  const exprs: string[] = [];
  for (const e of found) {
    if (!decodedByExpression.has(e)) exprs.push(e);
    else if (decodedByExpression.get(e) !== undefined) out.set(e, decodedByExpression.get(e));
  }
  if (!exprs.length) return;
  // One parser call for all of a file's new arguments rather than one each.
  const batch = exprs.map((e, i) => `v${i} = ${JSONENCODE.exec(e)![1]}\n`).join('');
  try {
    const parsed = (await hclToJson('jsonencode.tf', batch)) as Record<string, unknown>;
    exprs.forEach((e, i) => {
      out.set(e, parsed[`v${i}`]);
      rememberDecoded(e, parsed[`v${i}`]);
    });
    return;
  } catch {
    // One argument the batch could not hold: decode them one by one.
  }
  for (const expr of exprs) {
    try {
      const parsed = (await hclToJson('jsonencode.tf', `v = ${JSONENCODE.exec(expr)![1]}\n`)) as { v?: unknown };
      out.set(expr, parsed.v);
      rememberDecoded(expr, parsed.v);
    } catch {
      // Not an expression HCL reads on its own: left undecoded.
      rememberDecoded(expr, undefined);
    }
  }
}

/**
 * The node Terraform parser: HCL read by `@cdktf/hcl2json` (WebAssembly loaded from node). A file prepared before
 * (`prepareTerraform`) and linted synchronously later (`lintFiles`, RuleTester) is found by its text.
 */
export const terraformParser: KindParser = {
  prepare: prepareTerraform,
  parse(file, prepared) {
    attachTerraformDocument(file, prepared ?? preparedByText.get(file.source.text));
  },
};
