import type { KindParser, ParsedFile } from './parse-file.js';

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

export function terraformDocument(file: ParsedFile): TerraformDocument | undefined {
  return file.extra?.terraform as TerraformDocument | undefined;
}

/**
 * Attaches what a Terraform parser's `prepare` returned (a document, or the HCL syntax error it threw) to the file.
 * Universal: no HCL parser here, so a file nobody prepared is an error that says how to get one parsed.
 */
export function attachTerraformDocument(file: ParsedFile, prepared: unknown): void {
  if (prepared instanceof Error) {
    file.errors.push(...syntaxErrors(file, prepared));
    return;
  }
  if (!prepared) {
    file.errors.push({
      message: 'Terraform files are read by an asynchronous HCL parser: lint them with lintFilesAsync from the node entry (the CLI and the action do), or give createLinter a `terraform` parser with a `prepare` step.',
      range: [0, 0],
    });
    return;
  }
  file.extra = { ...file.extra, terraform: prepared };
}

/** Terraform without an HCL parser of its own: takes a document prepared elsewhere (the default of every linter). */
export const terraformDocumentParser: KindParser = {
  parse(file, prepared) {
    attachTerraformDocument(file, prepared);
  },
};

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
