// Runs turbo with its anonymous telemetry off, so `npm test`, `npm run build` and the rest send nothing from a
// contributor's machine or CI (turbo honours TURBO_TELEMETRY_DISABLED; see the README's "Telemetry").
// A script rather than `VAR=1 turbo` in package.json, so it works in every shell npm uses, Windows' included.
import { spawnSync } from 'node:child_process';

const result = spawnSync('turbo', process.argv.slice(2), {
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  shell: process.platform === 'win32',
});
if (result.error) {
  process.stderr.write(`cannot run turbo: ${result.error.message} (run npm ci first)\n`);
  process.exitCode = 2;
} else {
  process.exitCode = result.status ?? 1;
}
