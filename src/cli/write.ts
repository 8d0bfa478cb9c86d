import fs from 'node:fs';
import path from 'node:path';
import { isInside } from './read-file.js';

const pending = new Set<string>();
let cleanupInstalled = false;

/** Removes temporary files of writes cut short by Ctrl-C or a kill, so no half-written file stays. */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const tmp of pending) { try { fs.unlinkSync(tmp); } catch { /* already gone */ } }
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

export interface WriteGuard {
  /** The output folder (`-o`): the target's real folder must lie inside its real path. */
  root?: string;
  /** The bytes the target held when it was read: if it holds others now, nothing is written. */
  unchangedFrom?: Buffer;
}

/** A write refused for a reason of ours (not the file system's): the message says it all. */
export class RefusedWrite extends Error {
  constructor(message: string, readonly code: 'EOUTSIDE' | 'ECHANGED', readonly path: string) { super(message); }
}

/**
 * Writes a file whole: a temporary file beside it (created exclusively, so never through a planted
 * link), then an atomic rename over the target. With a guard, the folder is checked to stay in the
 * output folder before anything is created, and the target to be unchanged just before the rename.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array, guard: WriteGuard = {}): void {
  installCleanup();
  if (guard.root) confine(target, guard.root);
  makeFolder(path.dirname(target), target);
  // mkdir may have raced a link into place: check the folder that now exists once more.
  if (guard.root) confine(target, guard.root);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  pending.add(tmp);
  try {
    fs.writeFileSync(tmp, data, { flag: 'wx' });
    if (guard.unchangedFrom && !unchanged(target, guard.unchangedFrom)) {
      throw new RefusedWrite(`${target} changed while journeyflow was working on it; nothing was written (run again)`, 'ECHANGED', target);
    }
    fs.renameSync(tmp, target);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    // Name the output the user asked for, not our temporary file (ENOSPC from write() names none).
    const e = err as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && !(e instanceof RefusedWrite) && (e.path === undefined || e.path === tmp)) e.path = target;
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

function unchanged(target: string, before: Buffer): boolean {
  try { return fs.readFileSync(target).equals(before); } catch { return false; }
}

/**
 * Refuses a target whose folder, once symlinks are resolved, is not inside the real output folder
 * (a committed `docs/img/sub -> /elsewhere`). Checks the deepest folder that exists, so a missing
 * sub-folder is never created through a link that leads out.
 */
function confine(target: string, root: string): void {
  makeFolder(root, target); // the output folder itself is the user's choice
  const realRoot = fs.realpathSync(root);
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const real = fs.realpathSync(dir);
  if (isInside(real, realRoot)) return;
  throw new RefusedWrite(`not written: ${dir} leads outside the output folder ${root} (to ${real}, through a symbolic link)`, 'EOUTSIDE', target);
}

/** mkdir -p that names the culprit when a file stands where a folder must be (`-o` naming a file). */
function makeFolder(dir: string, target: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'EEXIST' && e.code !== 'ENOTDIR') throw err;
    let blocker = dir;
    for (let p = dir; p !== path.dirname(p); p = path.dirname(p)) {
      try { if (!fs.statSync(p).isDirectory()) blocker = p; } catch { /* not there yet */ }
    }
    const clear = Object.assign(new Error(`${blocker} is a file, not a folder`), { code: e.code, path: target });
    throw clear;
  }
}
