#!/usr/bin/env node
// The build writes dist/bundle/cxlint.mjs (scripts/bundle-cli.mjs): the CLI in three files instead of ~90 ES
// modules, which halves start-up. It is used only when it is not older than the tsc output, so a `tsc`-only
// rebuild is never shadowed by an older bundle; otherwise the CLI runs from dist/cli/bin.js.
import { statSync } from 'node:fs';

const bundle = new URL('../dist/bundle/cxlint.mjs', import.meta.url);
const modules = new URL('../dist/cli/bin.js', import.meta.url);
let useBundle = false;
try {
  // 2 s of slack: a cache restore (turbo) may write the two in any order; a real tsc rebuild takes longer than that.
  useBundle = statSync(bundle).mtimeMs >= statSync(modules).mtimeMs - 2000;
} catch {
  // no bundle (or no tsc output): run the modules
}
await import(useBundle ? bundle.href : modules.href);
