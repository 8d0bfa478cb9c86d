/**
 * Rendered diagrams by content hash, least recently used dropped first, bounded by the bytes it
 * holds (bodies and keys), so memory stays flat however many different diagrams are asked for.
 */
export interface CachedResponse {
  body: string | Uint8Array;
  contentType: string;
  etag: string;
}

const sizeOf = (key: string, entry: CachedResponse) => key.length + (typeof entry.body === 'string' ? Buffer.byteLength(entry.body) : entry.body.byteLength) + 200;

export class ResponseCache {
  // A Map keeps insertion order: re-inserting on every hit makes its first key the least recent.
  private readonly entries = new Map<string, CachedResponse>();
  private held = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number { return this.held; }
  get size(): number { return this.entries.size; }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    const size = sizeOf(key, entry);
    if (size > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) { this.held -= sizeOf(key, old); this.entries.delete(key); }
    this.entries.set(key, entry);
    this.held += size;
    for (const [oldest, value] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= sizeOf(oldest, value);
    }
  }
}
