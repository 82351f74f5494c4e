// Bundles the action into one self-contained ESM file: a runner never installs an action's dependencies.
// The output must be byte-for-byte reproducible (CI's check-dist rebuilds it and fails on any diff), so:
// no sourcemap, no timestamps, and paths in comments relative to a fixed folder (the repo root).
import { build } from 'esbuild';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(root, '..', '..');
const dist = join(root, 'dist');
const WASM_NAME = 'hcl2json.wasm.gz';
let hclWasm;

/** Files a package reads at run time next to its own code, made bundle-safe. */
const runtimeAssets = {
  name: 'runtime-assets',
  setup(b) {
    // `createRequire(import.meta.url)('../schemas/x.json')` (the schema package) is invisible to a bundler:
    // turn each such call into a static JSON import so the data is inside the bundle.
    b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes('createRequire(')) return undefined;
      const imports = [];
      const out = code.replace(/createRequire\(import\.meta\.url\)\((['"])(\.{1,2}\/[^'"]+\.json)\1\)/g, (_m, _q, spec) => {
        const name = `__cxlintJson${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(spec)};`);
        return name;
      });
      return imports.length ? { contents: imports.join('\n') + '\n' + out, loader: 'js' } : undefined;
    });
    // @cdktf/hcl2json loads its WebAssembly from `__dirname/../main.wasm.gz`: ship it beside the bundle.
    b.onLoad({ filter: /[\\/]@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const needle = '(0, path_1.join)(__dirname, "..", "main.wasm.gz")';
      if (!code.includes(needle)) throw new Error(`${args.path}: wasm path not found; update scripts/bundle.mjs for this hcl2json version`);
      hclWasm = join(dirname(args.path), '..', 'main.wasm.gz');
      return { contents: code.replace(needle, `(0, path_1.join)(__cxlintBundleDir, ${JSON.stringify(WASM_NAME)})`), loader: 'js' };
    });
  },
};

await build({
  absWorkingDir: repoRoot,
  entryPoints: [join(root, 'src', 'index.ts')],
  outfile: join(dist, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Prefer ESM builds: jsonc-parser's "main" is a UMD wrapper whose dynamic require()s esbuild cannot follow.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  charset: 'utf8',
  sourcemap: false,
  plugins: [runtimeAssets],
  // hcl2json's Go shim requires 'performance' only when globalThis.performance is missing (never on Node 20+).
  external: ['performance'],
  // CommonJS dependencies call require() and read __dirname; give the ESM bundle both.
  banner: {
    js: [
      "import { createRequire as __cxlintCreateRequire } from 'node:module';",
      "import { dirname as __cxlintDirname } from 'node:path';",
      "import { fileURLToPath as __cxlintFileURLToPath } from 'node:url';",
      'const require = __cxlintCreateRequire(import.meta.url);',
      'const __cxlintBundleDir = __cxlintDirname(__cxlintFileURLToPath(import.meta.url));',
    ].join(' '),
  },
  logLevel: 'warning',
});

const wasmOut = join(dist, WASM_NAME);
if (hclWasm) copyFileSync(hclWasm, wasmOut);
else if (existsSync(wasmOut)) rmSync(wasmOut);
