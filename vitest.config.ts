import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timeouts only tell a hang from a slow or busy machine; no test measures speed (that is
    // `npm run bench`). A run that hangs is still stopped, and a CLI child is killed before this.
    testTimeout: 300000,
    hookTimeout: 300000,
    pool: 'forks',
    // One Chromium for every browser test file, started only if one asks for it.
    globalSetup: ['./test/support/chromium-broker.ts'],
    reporters: ['default', './test/support/count-reporter.ts'],
  },
});
