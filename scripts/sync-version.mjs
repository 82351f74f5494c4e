#!/usr/bin/env node
// Run by `npm run version-packages` after `changeset version`: copies @cxlint/core's new version into the places that
// repeat it — the CLI's `--version` (packages/core/src/version.ts) and the pre-commit hook's pinned package
// (.pre-commit-hooks.yaml). packages/core/src/docs/publish.test.ts fails when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const { version } = JSON.parse(readFileSync(root('packages/core/package.json'), 'utf8'));

function replaceIn(path, pattern, replacement) {
  const before = readFileSync(root(path), 'utf8');
  if (!pattern.test(before)) throw new Error(`${path}: nothing matched ${pattern}`);
  const after = before.replace(pattern, replacement);
  if (after !== before) writeFileSync(root(path), after);
  console.log(`${path}: ${version}`);
}

replaceIn('packages/core/src/version.ts', /VERSION = '[^']*'/, `VERSION = '${version}'`);
replaceIn('.pre-commit-hooks.yaml', /'@cxlint\/core@[^']*'/, `'@cxlint/core@${version}'`);
