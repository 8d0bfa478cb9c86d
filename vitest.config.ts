import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timeouts only tell a hang from a slow or busy machine; no test measures speed (that is
    // `npm run bench`). A run that hangs is still stopped, and a CLI child is killed before this.
    testTimeout: 300000,
    hookTimeout: 300000,
    pool: 'forks',
    // vitest's default worker count (cores - 1; one on a 2-core machine). Two workers measured
    // 225 s → 169 s on the 2-core CI machine, but once in four runs mermaid-cli's Chromium timed out
    // taking a screenshot while LibreOffice and the fault tests ran beside it: a test must not
    // depend on machine load, so the files run one at a time here.
    // One Chromium for every browser test file, started only if one asks for it.
    globalSetup: ['./test/support/chromium-broker.ts'],
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
