#!/usr/bin/env node
// The CLI launcher. It runs the one-file bundle of the CLI (dist/cli/journeyflow.cjs, see
// scripts/bundle.mjs) through a V8 code cache, and falls back to the plain modules when the
// bundle was not built.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/journeyflow.cjs', import.meta.url));
let cli;
if (fs.existsSync(bundle)) {
  const { loadCommonJs } = await import('../dist/runtime/code-cache.js');
  const { IMPORT_PACKAGE } = await import('../dist/runtime/import-package.js');
  // Code compiled from a cache has no module loader behind import(): lend it ours.
  globalThis[IMPORT_PACKAGE] = (specifier) => import(specifier);
  cli = loadCommonJs(bundle, createRequire(bundle));
} else {
  cli = { exports: await import('../dist/cli/main.js'), saveCodeCache() {} };
}
process.exitCode = await cli.exports.main(process.argv);
cli.saveCodeCache();
