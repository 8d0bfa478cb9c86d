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
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  pending.add(tmp);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, target);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    throw err;
  } finally {
    pending.delete(tmp);
  }
}
