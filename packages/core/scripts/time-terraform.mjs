#!/usr/bin/env node
// Wall and CPU time of reading Terraform files, in a fresh process (the first parse is the one users pay for:
// V8 compiles the HCL parser's WebAssembly as it runs). Needs a build: `npx tsc -p tsconfig.build.json`.
//   node scripts/time-terraform.mjs [dir]        (default: ../../../shared/corpus)
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '../../../../shared/corpus'));

function tfFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) tfFiles(p, out);
    else if (e.name.endsWith('.tf')) out.push(p);
  }
  return out;
}

const inputs = tfFiles(root).map((p) => ({ path: relative(root, p), text: readFileSync(p, 'utf8') }));
const bytes = inputs.reduce((n, i) => n + i.text.length, 0);
const { lintFilesAsync, prepareTerraform } = await import('../dist/index.js');

const time = async (label, run) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${label.padEnd(34)} wall ${wall.toFixed(0).padStart(5)} ms   cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(5)} ms`);
};

console.log(`${inputs.length} .tf files, ${(bytes / 1024).toFixed(0)} KiB, node ${process.version}`);
await time('prepare (first run, all files)', () => Promise.all(inputs.map((i) => prepareTerraform(i.path, i.text).catch(() => undefined))));
// Same texts again: answered from the per-run cache.
await time('prepare (same texts again)', () => Promise.all(inputs.map((i) => prepareTerraform(i.path, i.text).catch(() => undefined))));
// Changed texts (a comment appended): parsed again by a warm parser.
await time('prepare (warm parser, new texts)', () => Promise.all(inputs.map((i) => prepareTerraform(i.path, `${i.text}\n# again\n`).catch(() => undefined))));
await time('lintFilesAsync (warm, new texts)', () => lintFilesAsync(inputs.map((i) => ({ path: i.path, text: `${i.text}\n# lint\n` }))));
