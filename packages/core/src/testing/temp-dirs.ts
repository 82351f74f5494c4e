import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';

/**
 * Temporary folders for one test file, removed after its tests. Call at module level:
 * `const tempDir = tempDirs();` then `tempDir(join(tmpdir(), 'cxlint-x-'))`.
 */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(prefix);
    made.push(dir);
    return dir;
  };
}
