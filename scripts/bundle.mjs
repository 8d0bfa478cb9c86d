#!/usr/bin/env node
// Bundles the CLI (dist/cli/main.js and everything it imports, with yaml and commander) into one
// CommonJS file, dist/cli/journeyflow.cjs, that bin/journeyflow.js loads through a V8 code cache:
// one file to read and compile instead of ~150 modules, ~60 ms less per run. Runs after tsc in
// `build`. Packages that are native, optional or loaded only on some paths stay outside.
// scripts/bundle-startup.mjs takes more off each start: linebreak's trie inflated here, one copy
// of each Node built-in's exports, node:child_process loaded only when a process is run.
// @duckdb/node-api (~60 CommonJS files, ~0.1 s to resolve and compile on each discover run) gets
// a bundle of its own, dist/discover/duckdb-api.cjs, loaded by src/runtime/duckdb-api.ts (discover,
// Parquet data files); its native binding stays outside.
// Without a working esbuild (say, installed without its optional platform binary) the bundles
// are removed, never left stale, and the CLI runs from the plain modules: slower, same output.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { lazyChildProcess, linebreakTrieInflated, sharedBuiltins } from './bundle-startup.mjs';

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
/**
 * fdir (under tinyglobby) loads picomatch at start through a require() of its own made with
 * createRequire: in the bundle that resolves and compiles node_modules/picomatch again, outside the
 * code cache (5-10 ms of every run). tinyglobby already bundles picomatch: fdir is pointed at that
 * copy. Should fdir change that line, the bundle is built as before, only slower to start.
 */
const fdirBundledPicomatch = {
  name: 'fdir-bundled-picomatch',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const own = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!own.test(text)) console.warn('journeyflow: fdir no longer loads picomatch as expected; its own require() stays in the bundle');
      return { contents: text.replace(own, 'pm = require("picomatch");'), loader: 'js' };
    });
  },
};
/**
 * esbuild escapes non-ASCII text in strings, but leaves it in the comments it keeps and in some
 * regular expressions; one such character makes the whole 2 MB bundle a two-byte string that takes
 * 7-13 ms to decode at every start. Each is written as the `\uXXXX` escape it equals there (a
 * comment's text, a pattern's character), so the launcher reads the bundle as plain ASCII; the
 * result is parsed once to prove it still is JavaScript.
 */
function keepAscii(file) {
  const text = fs.readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii === text) return;
  new vm.Script(ascii, { filename: file });
  fs.writeFileSync(file, ascii);
}
try {
  const { build } = await import('esbuild');
  await build({
    ...shared,
    entryPoints: [path.join(root, 'dist', 'cli', 'main.js')],
    outfile: outputs.cli,
    plugins: [fdirBundledPicomatch, linebreakTrieInflated, sharedBuiltins, lazyChildProcess],
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
  // Without @duckdb/node-api there is no DuckDB bundle to keep ASCII.
  for (const file of Object.values(outputs)) if (fs.existsSync(file)) keepAscii(file);
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
