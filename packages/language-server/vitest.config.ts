import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These tests start the server as a process (and Neovim): on a busy 2-core runner that takes seconds.
    // Speed is measured by `npm run bench`, not here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
