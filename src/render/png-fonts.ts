import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { cachedSubsetPaths, readCachedSubsets, storeSubsets, subsetCacheDir, subsetCacheKey } from './png-font-cache.js';
import { parseSubsettable, subsetFont, type SubsettableFont } from './png-font-subset.js';

/** The bundled fonts parsed for subsetting, by path (null: not subsettable), read once per process. */
const parsed = new Map<string, SubsettableFont | null>();
let written = 0;
/** Subset files written and not yet removed: an exit in the middle of a render (Ctrl-C) removes them too. */
const pending = new Set<string>();
let swept = false;

const PREFIX = 'journeyflow-';
const removeFile = (file: string) => { unlink(file); pending.delete(file); };

/** Removes a file if it is there (unlinkSync: fs.rmSync loads and runs a recursive remover, a few ms of a PNG's first render). */
function unlink(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Subset files left by journeyflow processes that no longer run (a worker thread
 * stopped mid-render when its process was killed never reaches its own clean-up).
 */
export function sweepLeftoverSubsets(): void {
  try {
    for (const name of fs.readdirSync(os.tmpdir())) {
      const pid = /^journeyflow-(\d+)-\d+-\d+-.+\.otf$/.exec(name)?.[1];
      if (pid && Number(pid) !== process.pid && !alive(Number(pid))) unlink(path.join(os.tmpdir(), name));
    }
  } catch {
    // An unreadable temporary folder: nothing to sweep, and the subsets below fall back if it cannot be written either.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // running, as another user
  }
}

function subsettable(file: string): SubsettableFont | undefined {
  if (!parsed.has(file)) parsed.set(file, parseSubsettable(fs.readFileSync(file)) ?? null);
  return parsed.get(file) ?? undefined;
}

export interface FontSubsets {
  files: string[];
  /** Deletes the subset files (after the render that reads them). */
  remove(): void;
}

/**
 * The bundled fonts cut down to one diagram's characters (see png-font-subset.ts), as files for
 * resvg-js, which takes fonts only as paths: from the cache folder when the same characters were
 * drawn before (png-font-cache.ts), else cut now and kept there, or written to temporary files when
 * caching is off or the folder cannot be written. Undefined, and the whole fonts used, when a font
 * cannot be subset or no file can be written: slower, the same picture.
 */
export function subsetFontFiles(fonts: string[], codePoints: Set<number>, vertical: boolean): FontSubsets | undefined {
  const dir = subsetCacheDir();
  const cached = dir ? cachedSubsetPaths(dir, subsetCacheKey(fonts, codePoints, vertical), fonts) : undefined;
  const found = cached && readCachedSubsets(cached);
  if (found) return { files: found, remove: () => undefined };
  let subsets: Buffer[];
  try {
    const sources = fonts.map(subsettable);
    if (!sources.every((s) => s)) return undefined;
    subsets = sources.map((source) => subsetFont(source!, codePoints, vertical));
  } catch {
    return undefined;
  }
  if (cached && storeSubsets(dir!, cached, subsets)) return { files: cached, remove: () => undefined };
  return temporarySubsets(fonts, subsets);
}

/** The subsets written to temporary files, removed after the render (and at exit, should it stop midway). */
function temporarySubsets(fonts: string[], subsets: Buffer[]): FontSubsets | undefined {
  if (!swept) {
    swept = true;
    process.once('exit', () => pending.forEach(removeFile));
    sweepLeftoverSubsets();
  }
  const files: string[] = [];
  const remove = () => files.forEach(removeFile);
  try {
    fonts.forEach((font, i) => {
      // Unique per process, thread and render: server threads render side by side.
      const file = path.join(os.tmpdir(), `${PREFIX}${process.pid}-${threadId}-${written++}-${path.basename(font)}`);
      // Created exclusively: a file of that name that is not ours is never written over or removed.
      const fd = fs.openSync(file, 'wx');
      files.push(file);
      pending.add(file);
      try { fs.writeSync(fd, subsets[i]); } finally { fs.closeSync(fd); }
    });
    return { files, remove };
  } catch {
    remove();
    return undefined;
  }
}
