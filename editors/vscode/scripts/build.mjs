#!/usr/bin/env node
// Builds the VS Code extension: type-checks src/, bundles it with esbuild into dist/extension.js
// (vscode-languageclient inside, `vscode` left to the editor), copies the repository's JSON Schemas
// into schemas/ (package.json's yamlValidation points at them), and packs the journeyflow of this
// repository into server/ as the language server of last resort (src/launcher.ts). With --vsix it
// then packages everything with @vscode/vsce (`--out <file>`; default journeyflow-<version>.vsix here).
// Needs the repository built first (`npm run build` at its root: dist/ and the CLI bundle).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');

/**
 * The packages the CLI bundle (repo scripts/bundle.mjs) leaves outside and `journeyflow lsp` loads:
 * the schema validators' runtime, the layouter, the protocol. The packaged server is run from an
 * unpacked .vsix in test/editor/vscode-extension.test.ts, with no other node_modules in reach.
 */
const SERVER_PACKAGES = ['ajv', 'elkjs', 'vscode-languageserver', 'vscode-languageserver-textdocument'];

function fail(message) {
  console.error(`journeyflow extension: ${message}`);
  process.exit(1);
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const manifest = readJson(path.join(here, 'package.json'));
const journeyflow = readJson(path.join(repo, 'package.json'));
if (manifest.version !== journeyflow.version) fail(`version ${manifest.version} differs from journeyflow's ${journeyflow.version}: the extension packs this journeyflow, so both carry one version`);
if (!fs.existsSync(path.join(repo, 'dist', 'cli', 'journeyflow.cjs'))) fail(`journeyflow is not built: run \`npm run build\` in ${repo}`);

function typecheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) fail('type errors (above)');
}

async function bundle() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(here, 'src', 'extension.ts')],
    outfile: path.join(here, 'dist', 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // VS Code 1.90 (engines.vscode) runs extensions on Node 20.
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
    legalComments: 'none',
  });
}

function copySchemas() {
  const out = path.join(here, 'schemas');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out);
  for (const name of fs.readdirSync(path.join(repo, 'schemas'))) if (name.endsWith('.schema.json')) fs.copyFileSync(path.join(repo, 'schemas', name), path.join(out, name));
  for (const { url } of manifest.contributes.yamlValidation) if (!fs.existsSync(path.join(here, url))) fail(`yamlValidation names ${url}, which the repository has no schema for`);
}

/** The folder of package `name` as Node would find it from `fromDir`. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) fail(`cannot find package ${name} from ${fromDir}`);
  }
}

/** The top-level folders of the repository's node_modules that `names` need, with their dependencies. */
function dependencyClosure(names) {
  const top = new Set();
  const seen = new Set();
  const visit = (name, fromDir) => {
    const dir = packageDir(name, fromDir);
    if (seen.has(dir)) return;
    seen.add(dir);
    // A package nested in another's node_modules travels with that one.
    if (dir === path.join(repo, 'node_modules', name)) top.add(name);
    const pkg = readJson(path.join(dir, 'package.json'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of names) visit(name, repo);
  return [...top].sort();
}

const copyTree = (from, to, keep = () => true) => fs.cpSync(from, to, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || keep(src) });

function packServer() {
  const out = path.join(here, 'server');
  fs.rmSync(out, { recursive: true, force: true });
  copyTree(path.join(repo, 'bin'), path.join(out, 'bin'));
  copyTree(path.join(repo, 'dist'), path.join(out, 'dist'), (f) => /\.(c?js|json)$/.test(f));
  copyTree(path.join(repo, 'schemas'), path.join(out, 'schemas'));
  fs.copyFileSync(path.join(repo, 'README.md'), path.join(out, 'README.md'));
  const { name, version, description, type, license, bin, engines } = journeyflow;
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ name, version, description, type, license, bin, engines, private: true }, null, 2)}\n`);
  for (const pkg of dependencyClosure(SERVER_PACKAGES)) copyTree(path.join(repo, 'node_modules', pkg), path.join(out, 'node_modules', pkg));
}

function packageVsix() {
  const out = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(here, `${manifest.name}-${manifest.version}.vsix`);
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  // The bundle carries vscode-languageclient: no dependency tree to walk. No repository field (the
  // project is not published anywhere yet), so vsce is told not to ask for one.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) fail('vsce package failed (above)');
  return out;
}

typecheck();
await bundle();
copySchemas();
packServer();
if (args.includes('--vsix')) console.log(`journeyflow extension: ${path.relative(process.cwd(), packageVsix())}`);
else console.log('journeyflow extension: built dist/, schemas/ and server/');
