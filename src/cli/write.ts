import fs from 'node:fs';
import path from 'node:path';

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

/** Writes a file whole: a temporary file beside it, then an atomic rename over the target. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  installCleanup();
  makeFolder(path.dirname(target), target);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  pending.add(tmp);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    // Name the output the user asked for, not our temporary file.
    if (err && typeof err === 'object' && (err as NodeJS.ErrnoException).path === tmp) (err as NodeJS.ErrnoException).path = target;
    throw err;
  } finally {
    pending.delete(tmp);
  }
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
