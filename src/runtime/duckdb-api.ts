/**
 * @duckdb/node-api, for discover and Parquet data files: loaded on first use, once per process.
 * From its bundle (scripts/bundle.mjs: one file through a V8 code cache instead of resolving and
 * compiling ~60, about 0.1 s of each run) while the bundle is of the installed version, else from
 * the package itself. require, not import(): Node's ESM loader would scan each of the package's
 * CommonJS files for its exports (~90 ms). Throws when the package does not load.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCommonJs } from './code-cache.js';

export type DuckDbApi = typeof import('@duckdb/node-api');

let loaded: DuckDbApi | undefined;

export function duckDbApi(): DuckDbApi {
  return (loaded ??= load());
}

function load(): DuckDbApi {
  // Relative to dist/runtime/ and to the CLI bundle in dist/cli/ alike.
  const bundle = fileURLToPath(new URL('../discover/duckdb-api.cjs', import.meta.url));
  const require = createRequire(bundle);
  if (fs.existsSync(bundle)) {
    const installed = JSON.parse(fs.readFileSync(require.resolve('@duckdb/node-api/package.json'), 'utf8')).version;
    const api = loadCommonJs(bundle, require).exports as DuckDbApi & { bundledVersion?: string };
    if (api.bundledVersion === installed) return api;
  }
  return require('@duckdb/node-api') as DuckDbApi;
}
