import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 120000,
    pool: 'forks',
    reporters: ['default', './test/support/count-reporter.ts'],
    // `npm run coverage` turns this on; scripts/coverage-summary.mjs prints one line per folder of src/.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.d.ts'],
      reporter: ['text', 'json-summary'],
      reportsDirectory: './coverage',
      // A failing test still gets its per-folder summary (the run exits non-zero all the same).
      reportOnFailure: true,
    },
  },
});
