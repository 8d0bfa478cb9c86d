import { configDefaults, defineConfig } from 'vitest/config';
import HeavyFirst from './test/support/heavy-first.js';

/**
 * mermaid-cli's Chromium (`build --engine mermaid`) runs last, alone: with two workers it once in
 * four runs timed out taking a screenshot while LibreOffice and the fault tests ran beside it (the
 * engine now also gives each browser step ten minutes instead of puppeteer's 30 s). Everything else,
 * the other browser, LibreOffice, site-build and Neovim tests included, runs on every core first.
 */
const ALONE_AT_THE_END = ['test/cli/engine.test.ts'];

export default defineConfig({
  test: {
    // Timeouts only tell a hang from a slow or busy machine; no test measures speed (that is
    // `npm run bench`). A run that hangs is still stopped, and a CLI child is killed before this.
    testTimeout: 300000,
    hookTimeout: 300000,
    pool: 'forks',
    // Every core: vitest's default (cores - 1) runs the files one at a time on 2 cores. (A project's
    // own pool options do not set this: the worker count is the run's.)
    // Test files of a worker share its module cache (src/ is loaded once per worker, not once per
    // file: 183 s → 141 s measured). The in-process CLI (test/support/cli.ts) reloads every module
    // with per-run state itself, so runs stay independent. Like the worker count, this is the run's
    // setting: a project's own is ignored. (Sharing once made the 5 000-bracket nesting test answer
    // differently: the YAML composer ran out of stack at a depth that depended on the files before
    // it; src/load/yaml.ts now stops such documents before composing.)
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    reporters: ['default', './test/support/count-reporter.ts'],
    // The longest files start first (test/support/heavy-first.ts), also on a clean clone.
    sequence: { sequencer: HeavyFirst },
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
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          include: ['test/**/*.test.ts'],
          // vitest's own excludes stay (node_modules: test/mermaid12 installs Mermaid 12 on first use).
          exclude: [...configDefaults.exclude, ...ALONE_AT_THE_END],
          sequence: { groupOrder: 0 },
          // One Chromium for every browser test file, started only if one asks for it.
          globalSetup: ['./test/support/chromium-broker.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE_AT_THE_END,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
