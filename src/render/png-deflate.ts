import zlib from 'node:zlib';

/**
 * A PNG's zlib stream, compressed band by band on libuv's thread pool while the main thread
 * prepares the next band: one Node zlib stream fed the bands in order, so the bytes are those of
 * the reference zlib given the same pieces (whatever the timing or the number of pool threads),
 * with no 30 MB buffer of the whole filtered image ever written (its page faults alone cost more
 * than the compression of a journey map). One stream rather than bands compressed side by side
 * (pigz-style): with the main thread busy preparing rows, one compressing thread already keeps both
 * of the project's two cores busy, and each extra stream costs its own start and the seams' bytes.
 */
export const LEVEL = 3;
/** Output in few pieces: each full piece is a round trip through the main thread. */
const CHUNK = 256 * 1024;
/** Band buffers in use at once: one compressing, one being filled, one waiting. */
const IN_FLIGHT = 3;

/** Writes band `index` into `into` (at least the band size long) and returns its length. */
export type FillBand = (index: number, into: Buffer) => number;
/** Compresses `count` bands, each written by `fill`, into one zlib stream (Node's by default; any zlib in tests). */
export type Compressor = (count: number, bandBytes: number, fill: FillBand) => Promise<Buffer>;

/** Node's zlib: band i compresses on the thread pool while band i + 1 is filled. */
export const deflateBands: Compressor = async (count, bandBytes, fill) => {
  const stream = zlib.createDeflate({ level: LEVEL, chunkSize: CHUNK });
  const pieces: Buffer[] = [];
  stream.on('data', (piece: Buffer) => pieces.push(piece));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // A failure is thrown by the `await ended` below, not reported as unhandled while bands still fill.
  ended.catch(() => undefined);
  const buffers: Buffer[] = [];
  const consumed: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const slot = i % IN_FLIGHT;
    // A buffer is filled again only once zlib has taken in the band it held.
    if (i >= IN_FLIGHT) await consumed[i - IN_FLIGHT];
    buffers[slot] ??= Buffer.allocUnsafe(bandBytes);
    const length = fill(i, buffers[slot]);
    consumed.push(new Promise<void>((resolve) => stream.write(buffers[slot].subarray(0, length), () => resolve())));
    // Lets zlib's completions run, so that the pool takes this band while the next one is filled.
    await new Promise(setImmediate);
  }
  stream.end();
  await ended;
  return Buffer.concat(pieces);
};
