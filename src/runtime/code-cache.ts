import { isAscii } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/*
 * Node 20 has no module compile cache (module.enableCompileCache() arrived in Node 22), and
 * compiling is a large share of a one-shot CLI run: the CLI bundle and elkjs are 2.4 MB of
 * JavaScript, and the functions a first build runs are compiled lazily on the way. Both are
 * therefore loaded through V8 code caches kept in the user's cache folder, one per file content,
 * Node version, V8 version and architecture. V8 rejects a cache that does not fit; we then run
 * uncached and write a fresh one.
 *
 * A run without a usable cache must cost no more than a run with caching off: the cache is only
 * written once the work is done (saveCodeCaches(), called by the CLI after its output is written),
 * and only after the cache file could be opened, so an unwritable folder costs one failed open.
 */

/** Per-user cache folder; undefined when caching is off (JOURNEYFLOW_NO_CACHE) or there is no home. */
export function cacheDir(): string | undefined {
  if (process.env.JOURNEYFLOW_NO_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'journeyflow') : undefined;
}

/**
 * What a code cache is only valid for. Part of the file name, so that two Node versions sharing a
 * home each keep their own cache instead of replacing each other's on every run.
 */
export const RUNTIME_KEY = `${process.version}-v8-${process.versions.v8}-${process.arch}`;

/** The cache file of a script with this content, for this runtime. */
export function cacheFileName(file: string, bytes: Buffer): string {
  return `${path.basename(file)}-${crypto.createHash('sha1').update(bytes).digest('hex').slice(0, 16)}-${RUNTIME_KEY}.v8cache`;
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

/** Caches of earlier contents of the same script for this runtime (other runtimes' caches stay). */
function isStale(name: string, script: string, current: string): boolean {
  if (name === current || !name.startsWith(`${script}-`) || !name.endsWith('.v8cache')) return false;
  // Names written before the runtime key held the V8 version (`<script>-<hash>-<node>-<arch>.v8cache`) are replaced too.
  return name.endsWith(`-${RUNTIME_KEY}.v8cache`) || !name.includes('-v8-');
}

/**
 * Opens the temporary file first and only then asks V8 for the cache (the costly part), so a
 * read-only or non-creatable folder costs nothing more than the failed open. Writes whole or not
 * at all.
 */
function writeCache(dir: string, name: string, script: string, create: () => Buffer): void {
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  let fd: number;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fd = fs.openSync(tmp, 'wx', 0o600);
  } catch {
    return; // a read-only or full home, or a cache path under a file: run without the cache
  }
  try {
    try { fs.writeSync(fd, create()); } finally { fs.closeSync(fd); }
    fs.renameSync(tmp, file);
    for (const other of fs.readdirSync(dir)) if (isStale(other, script, name)) fs.rmSync(path.join(dir, other), { force: true });
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** Caches still to write in this thread; see saveCodeCaches(). */
const pending = new Set<() => void>();
let exitHooked = false;

/**
 * Writes every code cache this thread still owes (scripts loaded without a usable cache). The CLI
 * calls it once its output is written; in the main thread it also runs before a natural exit, for
 * library users. A cache written after the work holds every function the work compiled.
 */
export function saveCodeCaches(): void {
  for (const save of [...pending]) save();
}

export interface CommonJsModule {
  exports: any;
  /** True when caching is on and this run had no usable cache (saveCodeCache() will write one). */
  readonly needsCache: boolean;
  /** Writes the code cache now, when this run had none (also done by saveCodeCaches()). */
  saveCodeCache(): void;
}

/** Loads a CommonJS file (a module with no imports but Node's) like require() does, through a code cache. */
export function loadCommonJs(file: string, require: NodeJS.Require): CommonJsModule {
  const bytes = fs.readFileSync(file);
  const dir = cacheDir();
  const name = cacheFileName(file, bytes);
  const cachedData = dir ? readOwnFile(path.join(dir, name)) : undefined;
  // ASCII read as Latin-1: a plain copy into a one-byte string, where decoding UTF-8 took 7-13 ms
  // of every run for the 2 MB CLI bundle (which scripts/bundle.mjs keeps ASCII) and as long for ELK.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // The wrapper is on the source's first line, as in Node's own loader, so stack lines stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as any };
  script.runInThisContext()(module.exports, require, module, file, path.dirname(file));
  const needsCache = Boolean(dir && (!cachedData || script.cachedDataRejected));
  const save = () => {
    if (!pending.delete(save)) return;
    writeCache(dir!, name, path.basename(file), () => script.createCachedData());
  };
  if (needsCache) {
    pending.add(save);
    if (!exitHooked && isMainThread) {
      exitHooked = true;
      process.on('beforeExit', saveCodeCaches);
    }
  }
  return { exports: module.exports, needsCache, saveCodeCache: save };
}
