#!/usr/bin/env node
// `npm run docs`: regenerates docs/rules/README.md from the built rules' meta.
// packages/core/src/docs/docs.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtInRules, renderRulesIndex } from '../packages/core/dist/index.js';

const target = fileURLToPath(new URL('../docs/rules/README.md', import.meta.url));
writeFileSync(target, renderRulesIndex(builtInRules));
console.log(`wrote ${target} (${builtInRules.length} rules)`);
