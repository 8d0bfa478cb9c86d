import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../cli/write.js';

/** A file a block publishes under `fsPath` (its SVG for the `file` strategy, diagrams it links to). */
export interface PublishedFile { rel: string; content: string }

/** What a block became: the HTML put in the page, warnings to print, files to publish, and the linked files it read. */
export interface BlockResult { html: string; warnings: string[]; files: PublishedFile[]; deps?: Array<{ file: string; hash: string }> }

export const contentHash = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** A linked diagram that changed since the entry was written makes the entry stale. */
function depsCurrent(deps: BlockResult['deps']): boolean {
  for (const d of deps ?? []) {
    try { if (contentHash(fs.readFileSync(d.file, 'utf8')) !== d.hash) return false; } catch { return false; }
  }
  return true;
}

const VERSION: string = (() => {
  // src/plugins/shared and dist/plugins/shared are both three levels below the package root.
  const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
})();

/** The cache key: journeyflow's version, the options that change the output, and the block's inputs. */
export function cacheKey(parts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of [VERSION, ...parts]) h.update(p).update('\0');
  return h.digest('hex');
}

/** Reads a cached result; a missing, unreadable or foreign entry is a miss (the block is drawn again). */
export function readCache(dir: string | undefined, key: string): BlockResult | undefined {
  if (!dir) return undefined;
  try {
    const entry = JSON.parse(fs.readFileSync(path.join(dir, key.slice(0, 2), `${key}.json`), 'utf8')) as BlockResult & { key?: string };
    if (entry.key !== key || typeof entry.html !== 'string' || !depsCurrent(entry.deps)) return undefined;
    return { html: entry.html, warnings: entry.warnings ?? [], files: entry.files ?? [], deps: entry.deps };
  } catch {
    return undefined;
  }
}

/** Stores a result. A cache that cannot be written (read-only folder) only costs the next build its speed. */
export function writeCache(dir: string | undefined, key: string, result: BlockResult): void {
  if (!dir) return;
  try {
    writeFileAtomic(path.join(dir, key.slice(0, 2), `${key}.json`), JSON.stringify({ key, ...result }));
  } catch {
    /* see above */
  }
}

/** Writes published files that are missing or differ (a cleaned public folder is refilled from the cache). */
export function publish(fsPath: string, files: PublishedFile[]): void {
  for (const f of files) {
    const target = path.join(fsPath, f.rel);
    let current: string | undefined;
    try { current = fs.readFileSync(target, 'utf8'); } catch { current = undefined; }
    if (current !== f.content) writeFileAtomic(target, f.content);
  }
}

export const journeyflowVersion = (): string => VERSION;
