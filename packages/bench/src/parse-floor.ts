/**
 * The parse floor: a child process that reads the given files and parses each with one YAML parser alone,
 * nothing else. Its wall time, compared with cxlint's whole process on the same files, is the lint overhead.
 *
 *   node parse-floor.js <mode> <list-file>      (list-file: one absolute path per line)
 *
 * Modes (all but `js-yaml` give source positions):
 *   yaml-document      the yaml package's Document API (parseDocument), what cxlint used first
 *   yaml-cst           the yaml package's lexer + CST Parser only (token offsets, no values)
 *   js-yaml-listener   js-yaml load() with a `listener` (open/close events carry the position)
 *   js-yaml            js-yaml load() without positions, for reference
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, Parser } from 'yaml';
import jsyaml from 'js-yaml';

export const FLOOR_MODES = ['yaml-document', 'yaml-cst', 'js-yaml-listener', 'js-yaml'] as const;
export type FloorMode = (typeof FLOOR_MODES)[number];

function parseOne(mode: FloorMode, text: string): number {
  switch (mode) {
    case 'yaml-document':
      return parseDocument(text).errors.length;
    case 'yaml-cst': {
      let n = 0;
      for (const _tok of new Parser().parse(text)) n++;
      return n;
    }
    case 'js-yaml-listener': {
      let n = 0;
      jsyaml.load(text, { schema: jsyaml.FAILSAFE_SCHEMA, listener: (ev, state) => { if (ev === 'close') n += state.position & 1; } });
      return n;
    }
    case 'js-yaml':
      jsyaml.load(text);
      return 0;
  }
}

function main(): void {
  const [mode, listFile] = process.argv.slice(2) as [FloorMode, string];
  if (!FLOOR_MODES.includes(mode) || !listFile) {
    process.stderr.write(`usage: parse-floor <${FLOOR_MODES.join('|')}> <list-file>\n`);
    process.exit(2);
  }
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  let sink = 0;
  let failed = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    try {
      sink += parseOne(mode, text);
    } catch {
      failed++; // real corpus files with unquoted {{…}} are not YAML; the attempt still counts as work
    }
  }
  process.stdout.write(JSON.stringify({ files: files.length, failed, sink }) + '\n');
}

// Imported by run.ts for the mode list; runs only as the child process.
if (process.argv[1] === fileURLToPath(import.meta.url)) main();
