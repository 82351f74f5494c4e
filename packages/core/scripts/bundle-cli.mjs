// Bundles the CLI (dist/cli/bin.js and everything it imports) into dist/bundle/cxlint.mjs (plus the engine chunk it imports), so start-up
// reads one module instead of ~90 ES modules plus yaml, ajv and js-yaml (measured: ~570 ms -> ~260 ms for a run
// with no files on the 2-core bench machine; see the README's Performance section).
// Left out of the bundle:
// - @cdktf/hcl2json loads its Go WebAssembly file relative to itself (and is imported only on the first .tf file);
// - @cxlint/schema reads its JSON Schemas relative to itself (createRequire / import.meta.url).
// bin/cxlint.js falls back to dist/cli/bin.js when this file is missing or older than the tsc output.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker threads of --concurrency (src/node/worker-pool.ts) run lint-worker.mjs, which shares the engine's chunks.
  entryPoints: { cxlint: 'dist/cli/bin.js', 'lint-worker': 'dist/node/lint-worker.js' },
  // Split at the CLI's dynamic imports (cli/lint-run.ts, then the engine that node/lint-paths.ts imports once it
  // has found a file), so `--version`, `--help` and a run that finds nothing compile ~150 kB, not 1 MB.
  outdir: 'dist/bundle',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@cdktf/hcl2json', '@cxlint/schema'],
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') calls esbuild cannot follow; its "module" is ESM.
  mainFields: ['module', 'main'],
  // CommonJS dependencies (ajv, picomatch…) call require(); give the ES module bundle one.
  banner: { js: "import { createRequire as __cxlintRequire } from 'node:module'; const require = __cxlintRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

// The build's code digest, read by the --cache file (src/node/cache.ts): a cache written by other code is not reused,
// even when the version number is the same (a build from main between two releases). Deterministic: the same
// sources give the same id, so CI runs of one commit share their cache.
const hash = createHash('sha256');
const dist = fileURLToPath(new URL('../dist', import.meta.url));
for (const file of readdirSync(dist, { recursive: true }).map(String).filter((f) => /\.m?js$/.test(f)).sort()) {
  hash.update(`${file}\0`).update(readFileSync(`${dist}/${file}`)).update('\0');
}
writeFileSync(`${dist}/build-id.json`, `${JSON.stringify({ build: hash.digest('hex').slice(0, 16) })}\n`);
