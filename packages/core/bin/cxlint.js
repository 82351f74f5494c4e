#!/usr/bin/env node
// The build writes dist/bundle/cxlint.mjs, the CLI in a few files (scripts/bundle-cli.mjs), to load
// instead of ~90, which halves start-up. It is used only when it is at least as new as the tsc output, so a
// `tsc`-only rebuild is never shadowed by an older bundle; otherwise the CLI runs from dist/cli/bin.js.
import { statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/cxlint.mjs', import.meta.url);
const modules = new URL('../dist/cli/bin.js', import.meta.url);
let useBundle = false;
try {
  useBundle = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs;
} catch {
  // no bundle (or no tsc output): run the modules
}
await import(useBundle ? bundle.href : modules.href);
