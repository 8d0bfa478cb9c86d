#!/usr/bin/env node
// The CLI launcher. It runs the one-file bundle of the CLI (dist/cli/journeyflow.cjs, see
// scripts/bundle.mjs) through a V8 code cache, and falls back to the plain modules when the
// bundle was not built. Code caches missing at start are written only after the CLI is done, so
// a first run costs about what a run with caching off does.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist', 'cli', 'journeyflow.cjs');

/** One line instead of a stack trace when part of the build or a dependency is missing. */
function cannotStart(err) {
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(String(err?.message))?.[1] ?? 'a module';
  const hint = /[\\/]dist[\\/]/.test(missing) ? 'npm run build' : 'npm install';
  process.stderr.write(`journeyflow: cannot start: ${missing} is missing; run \`${hint}\` in ${root}\n`);
  process.exitCode = 2;
}

async function load() {
  if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
    // A clone installed with `npm install --ignore-scripts` never ran `prepare`, which builds dist/.
    process.stderr.write(`journeyflow: not built yet (no dist/ in ${root}; \`npm install --ignore-scripts\` skips the build): run \`npm run build\`\n`);
    process.exitCode = 2;
    return undefined;
  }
  const { saveCodeCaches, loadCommonJs } = await import('../dist/runtime/code-cache.js');
  if (!fs.existsSync(bundle)) return { main: (await import('../dist/cli/main.js')).main, saveCodeCaches };
  const { IMPORT_PACKAGE } = await import('../dist/runtime/import-package.js');
  // Code compiled from a cache has no module loader behind import(): lend it ours.
  globalThis[IMPORT_PACKAGE] = (specifier) => import(specifier);
  return { main: loadCommonJs(bundle, createRequire(bundle)).exports.main, saveCodeCaches };
}

let cli;
try {
  cli = await load();
} catch (err) {
  if (!['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'].includes(err?.code)) throw err;
  cannotStart(err);
}
if (cli) {
  process.exitCode = await cli.main(process.argv);
  cli.saveCodeCaches();
}
