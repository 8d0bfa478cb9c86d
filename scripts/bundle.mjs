#!/usr/bin/env node
// Bundles the CLI (dist/cli/main.js and everything it imports, with yaml and commander) into one
// CommonJS file, dist/cli/journeyflow.cjs, that bin/journeyflow.js loads through a V8 code cache:
// one file to read and compile instead of ~150 modules, ~60 ms less per run. Runs after tsc in
// `build`. Packages that are native, optional or loaded only on some paths stay outside.
// @duckdb/node-api (~60 CommonJS files, ~0.1 s to resolve and compile on each discover run) gets
// a bundle of its own, dist/discover/duckdb-api.cjs, loaded by src/runtime/duckdb-api.ts (discover,
// Parquet data files); its native binding stays outside.
// Without a working esbuild (say, installed without its optional platform binary) the bundles
// are removed, never left stale, and the CLI runs from the plain modules: slower, same output.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = {
  cli: path.join(root, 'dist', 'cli', 'journeyflow.cjs'),
  thread: path.join(root, 'dist', 'layout', 'elk-thread.cjs'),
  duckdb: path.join(root, 'dist', 'discover', 'duckdb-api.cjs'),
};
const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // Each bundle sits beside the modules it replaces, so every import.meta.url-relative path holds.
  define: { 'import.meta.url': '__journeyflowModuleUrl' },
  banner: { js: "const __journeyflowModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
try {
  const { build } = await import('esbuild');
  await build({
    ...shared,
    entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
    outfile: outputs.cli,
    external: ['@duckdb/node-api', 'ajv', 'ajv/*', 'elkjs', 'elkjs/*', '@resvg/resvg-js', '@mermaid-js/mermaid-cli', 'puppeteer', 'puppeteer-core', 'piscina', 'chokidar', 'pptxgenjs', 'pdfkit', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-textdocument'],
  });
  // The deep-stack layout thread's entry as one CommonJS file, loadable by a worker from any copy of dist/.
  await build({
    ...shared,
    entryPoints: [path.join(root, 'dist', 'layout', 'elk-thread.js')],
    outfile: outputs.thread,
    external: ['elkjs', 'elkjs/*'],
  });
  await bundleDuckDbApi(build);
} catch (err) {
  for (const file of Object.values(outputs)) fs.rmSync(file, { force: true });
  console.warn(`journeyflow: no CLI bundle (${String(err?.message ?? err).split('\n')[0]}); the CLI runs from the plain modules`);
}

/**
 * The JavaScript of @duckdb/node-api with the version it was built from (duckdb-pass.ts uses the
 * bundle only while that version is the one installed). Without the package, no bundle.
 */
async function bundleDuckDbApi(build) {
  let entry;
  try { entry = createRequire(import.meta.url).resolve('@duckdb/node-api'); } catch { fs.rmSync(outputs.duckdb, { force: true }); return; }
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
  await build({
    ...shared,
    entryPoints: [entry],
    outfile: outputs.duckdb,
    // The platform packages hold the native library (duckdb.node): required at run time, from beside dist/.
    external: ['@duckdb/node-bindings-*'],
    footer: { js: `module.exports.bundledVersion = ${JSON.stringify(version)};` },
  });
}
