import type { ParsedFile } from './parse-file.js';
import { registerKindParser } from './parse-file.js';

/**
 * Terraform (CX as Code) files, read with `@cdktf/hcl2json` (HashiCorp's HCL parser compiled to WebAssembly),
 * never with a hand-written parser. Its output is the HCL JSON form: blocks become arrays of objects, and every
 * string keeps its template text as written (`$${input.x}` stays escaped, `${var.x}` stays an interpolation),
 * which is exactly what the Terraform rules need. It has no positions: the model finds them in the text.
 */
export interface TerraformDocument {
  /** The HCL JSON form of the file (`resource.<type>.<name>[0].<attribute>`). */
  json: Record<string, unknown>;
  /**
   * `jsonencode({...})` arguments decoded to JSON values, keyed by the attribute's string as hcl2json returns it
   * (`${jsonencode({…})}`). References inside stay strings (`${var.x}`).
   */
  jsonencoded: Map<string, unknown>;
}

/**
 * `@cdktf/hcl2json` starts its Go WebAssembly runtime as soon as it is imported (measured: ~0.5 s of CPU at every
 * CLI start, .tf files or not), so it is imported on the first Terraform file only.
 */
let hcl2json: Promise<typeof import('@cdktf/hcl2json')> | undefined;
async function hclToJson(path: string, text: string): Promise<unknown> {
  hcl2json ??= import('@cdktf/hcl2json');
  return (await hcl2json).parse(path, text);
}

const JSONENCODE = /^\$\{jsonencode\(([\s\S]*)\)\}$/;

/**
 * Results of `prepare`, by text, so a synchronous lint (`lintFiles`, `lintText`, RuleTester) of a file that was
 * prepared before still sees it parsed. Bounded: it is a convenience for tests and editors, not a cache of a repo.
 */
const preparedByText = new Map<string, TerraformDocument | Error>();
const MAX_REMEMBERED = 256;

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
  if (!found.size) return;
  const exprs = [...found];
  // One parser call for all of a file's arguments: each call costs far more in scheduling than in parsing.
  const batch = exprs.map((e, i) => `v${i} = ${JSONENCODE.exec(e)![1]}\n`).join('');
  try {
    const parsed = (await hclToJson('jsonencode.tf', batch)) as Record<string, unknown>;
    exprs.forEach((e, i) => out.set(e, parsed[`v${i}`]));
    return;
  } catch {
    // One argument the batch could not hold: decode them one by one.
  }
  await Promise.all(
    exprs.map(async (expr) => {
      try {
        const parsed = (await hclToJson('jsonencode.tf', `v = ${JSONENCODE.exec(expr)![1]}\n`)) as { v?: unknown };
        out.set(expr, parsed.v);
      } catch {
        // Not an expression HCL reads on its own: left undecoded.
      }
    }),
  );
}

/** `a.tf:2,9-3,1: Invalid multi-line string; …` → offsets and a message without the file name. */
function syntaxErrors(file: ParsedFile, error: Error): { message: string; range: [number, number] }[] {
  const text = String(error.message ?? error).replace(/^parse config: \[/, '').replace(/\]$/, '');
  const out: { message: string; range: [number, number] }[] = [];
  const at = /(?:^|\s)[^\s:]+:(\d+),(\d+)-(?:(\d+),)?(\d+): ([^;]+)(?:;\s*([\s\S]*?))?(?=\s+[^\s:]+:\d+,\d+-|$)/g;
  let m: RegExpExecArray | null;
  while ((m = at.exec(text))) {
    const start = file.source.offsetAt({ line: Number(m[1]), column: Number(m[2]) });
    const end = file.source.offsetAt({ line: Number(m[3] ?? m[1]), column: Number(m[4]) });
    out.push({ message: `${m[5].trim()}${m[6] ? `: ${m[6].trim()}` : ''}`, range: [start, Math.max(start, end)] });
  }
  if (!out.length) out.push({ message: text, range: [0, 0] });
  return out;
}

export function terraformDocument(file: ParsedFile): TerraformDocument | undefined {
  return file.extra?.terraform as TerraformDocument | undefined;
}

registerKindParser('terraform', {
  prepare: prepareTerraform,
  parse(file, prepared) {
    const result = prepared ?? preparedByText.get(file.source.text);
    if (result instanceof Error) {
      file.errors.push(...syntaxErrors(file, result));
      return;
    }
    if (!result) {
      file.errors.push({
        message: 'Terraform files are read by an asynchronous parser: lint them with lintFilesAsync (the CLI and the action do).',
        range: [0, 0],
      });
      return;
    }
    file.extra = { ...file.extra, terraform: result };
  },
});
