import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/*
 * Node 20 has no module compile cache (module.enableCompileCache() arrived in Node 22), and
 * compiling is a large share of a one-shot CLI run: the CLI bundle and elkjs are 2.4 MB of
 * JavaScript, and the functions a first build runs are compiled lazily on the way. Both are
 * therefore loaded through V8 code caches kept in the user's cache folder, one per file content,
 * Node version and architecture. V8 rejects a cache that does not fit; we then run uncached and
 * write a fresh one.
 */

/** Per-user cache folder; undefined when caching is off (JOURNEYFLOW_NO_CACHE) or there is no home. */
export function cacheDir(): string | undefined {
  if (process.env.JOURNEYFLOW_NO_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'journeyflow') : undefined;
}

/** Our own cache file only: a cache another user could have planted is never executed. */
function readOwnFile(file: string): Buffer | undefined {
  try {
    const stat = fs.statSync(file);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes whole or not at all, and drops the caches of earlier versions of the same file. */
function writeCache(dir: string, file: string, data: Buffer, stalePrefix: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(stalePrefix) && name.endsWith('.v8cache') && path.join(dir, name) !== file) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch { /* a read-only or full home: run without the cache */ }
}

export interface CommonJsModule {
  exports: any;
  /** True when caching is on and this run had no usable cache (saveCodeCache() will write one). */
  readonly needsCache: boolean;
  /**
   * Writes the code cache when this run had none. Call it after the work: the cache then also
   * holds the functions the work compiled, not only the module's top level.
   */
  saveCodeCache(): void;
}

/** Loads a CommonJS file (a module with no imports but Node's) like require() does, through a code cache. */
export function loadCommonJs(file: string, require: NodeJS.Require): CommonJsModule {
  const bytes = fs.readFileSync(file);
  const dir = cacheDir();
  const prefix = `${path.basename(file)}-`;
  const cacheFile = dir && path.join(dir, `${prefix}${crypto.createHash('sha1').update(bytes).digest('hex').slice(0, 16)}-${process.version}-${process.arch}.v8cache`);
  const cachedData = cacheFile ? readOwnFile(cacheFile) : undefined;
  // The wrapper is on the source's first line, as in Node's own loader, so stack lines stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, { filename: file, cachedData });
  const module = { exports: {} as any };
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  const needsCache = Boolean(dir && cacheFile && (!cachedData || script.cachedDataRejected));
  let saved = false;
  return {
    exports: module.exports,
    needsCache,
    saveCodeCache() {
      if (!needsCache || saved) return;
      saved = true;
      writeCache(dir!, cacheFile!, script.createCachedData(), prefix);
    },
  };
}
