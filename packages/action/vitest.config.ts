import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests talk HTTP to a local fake GitHub and spawn the bundle; on a busy 2-CPU runner that takes seconds.
    testTimeout: 30_000,
  },
});
