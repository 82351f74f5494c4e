// tsc does not copy the generated standalone validators (.js beside hand-written .d.ts); this does.
import { cpSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist', 'generated'), { recursive: true });
for (const f of readdirSync(join(root, 'src', 'generated'))) {
  if (f.endsWith('.js') || f.endsWith('.d.ts')) cpSync(join(root, 'src', 'generated', f), join(root, 'dist', 'generated', f));
}
