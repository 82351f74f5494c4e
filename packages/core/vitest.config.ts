import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Some tests spawn the CLI or run property checks over the corpus; on a busy 2-core runner that takes
    // seconds, and a timeout there is noise, not a finding. Speed is measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
