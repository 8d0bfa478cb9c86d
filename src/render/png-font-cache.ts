import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir } from '../runtime/code-cache.js';

/**
 * Font subsets kept in the user's cache folder (beside the V8 code caches), named by everything
 * their bytes depend on: the source fonts, the diagram's characters, vertical text or not, and the
 * code that cuts them. Cutting the two fonts down is ~40 ms of CPU in every PNG, and the same
 * diagram drawn again (a rebuild, `watch`, a changed colour or layout) has the same characters, so
 * it gets the same files back. The subsets are the bytes png-font-subset.ts writes either way:
 * the PNG does not depend on whether they came from the cache.
 */

/** Raised whenever the subsets' bytes change for the same fonts and characters without the code file changing (see subsetCacheKey). */
const SUBSET_FORMAT = 1;
/** Subset files kept (two per set of characters, ~0.25 MB each); the least recently used go first. */
export const MAX_CACHED_SUBSETS = 48;
/** The folder under the cache folder; undefined when caching is off (JOURNEYFLOW_NO_CACHE) or there is no home. */
export function subsetCacheDir(): string | undefined {
  const dir = cacheDir();
  return dir && path.join(dir, 'font-subsets');
}

/** A file's status, undefined for one that is not there or cannot be reached (a path through a plain file, no permission). */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Size and modification time: a changed file (a new release's fonts, a rebuilt bundle) gets new names. */
function stamp(file: string): string {
  const stat = statOf(file);
  return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
}

/**
 * The name shared by one set of subsets. The code's own file is part of it: in the CLI that is the
 * bundle, so a rebuilt journeyflow never reads a subset an older subsetter wrote.
 */
export function subsetCacheKey(fonts: string[], codePoints: Set<number>, vertical: boolean): string {
  const hash = crypto.createHash('sha1');
  hash.update(`${SUBSET_FORMAT}\n${stamp(fileURLToPath(import.meta.url))}\n${vertical}\n`);
  for (const font of fonts) hash.update(`${font}\n${stamp(font)}\n`);
  hash.update(Uint32Array.from(codePoints).sort());
  return hash.digest('hex').slice(0, 24);
}

/** Our own file only: a font another user could have planted is never handed to resvg. */
function ownFile(file: string): boolean {
  const stat = statOf(file);
  return Boolean(stat?.isFile() && stat.size > 0 && (typeof process.getuid !== 'function' || stat.uid === process.getuid()));
}

/** Where one set of subsets lives in the cache, one file per source font. */
export function cachedSubsetPaths(dir: string, key: string, fonts: string[]): string[] {
  return fonts.map((font) => path.join(dir, `${key}-${path.basename(font)}`));
}

/**
 * The cached subsets when all of them are there (and ours), marked as just used so that the
 * eviction of another render does not take them before resvg reads them; undefined otherwise.
 */
export function readCachedSubsets(files: string[]): string[] | undefined {
  if (!files.every(ownFile)) return undefined;
  const now = new Date();
  try {
    for (const file of files) fs.utimesSync(file, now, now);
  } catch {
    return undefined; // removed in between by another process's eviction: cut them again
  }
  return files;
}

/**
 * Writes subsets into the cache, each whole or not at all (a temporary name, then a rename), and
 * drops the least recently used beyond MAX_CACHED_SUBSETS. False when the folder cannot be written
 * (the caller then uses temporary files, as with caching off).
 */
export function storeSubsets(dir: string, files: string[], subsets: Buffer[]): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    files.forEach((file, i) => {
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(tmp, subsets[i], { flag: 'wx', mode: 0o600 });
      fs.renameSync(tmp, file);
    });
  } catch {
    return false;
  }
  evictOldSubsets(dir, new Set(files));
  return true;
}

function evictOldSubsets(dir: string, keep: Set<string>): void {
  try {
    // Temporary files too: one a killed process left is old, one being written is the newest.
    const entries = fs.readdirSync(dir).filter((name) => name.endsWith('.otf') || name.endsWith('.tmp'));
    if (entries.length <= MAX_CACHED_SUBSETS) return;
    const used = entries.map((name) => ({ file: path.join(dir, name), at: statOf(path.join(dir, name))?.mtimeMs ?? 0 }));
    used.sort((a, b) => b.at - a.at);
    for (const { file } of used.slice(MAX_CACHED_SUBSETS)) if (!keep.has(file)) fs.rmSync(file, { force: true });
  } catch {
    // Another process evicting at the same time: what it left is fine.
  }
}
