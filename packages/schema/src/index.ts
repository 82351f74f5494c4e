import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export * from './validators.js';

/** Absolute path of a schema file shipped with this package (for editors: `# yaml-language-server: $schema=…`). */
export function schemaPath(file: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas', file);
}
