import { UsageError } from './inputs.js';

/** Parses `--shard I/N` (1-based). */
export function parseShard(value: string): { index: number; count: number } {
  const m = value.match(/^(\d+)\/(\d+)$/);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, got "${value}"`);
  return { index, count };
}

/** FNV-1a: a file keeps its shard when others are added or removed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

/** The inputs of shard `index` of `count`, chosen by a hash of each path (stable across machines). */
export function selectShard<T>(items: T[], key: (t: T) => string, shard: { index: number; count: number } | undefined): T[] {
  if (!shard || shard.count === 1) return items;
  return items.filter((t) => hash(key(t)) % shard.count === shard.index - 1);
}
