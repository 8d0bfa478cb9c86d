import zlib from 'node:zlib';
import { deflateBands, type Compressor } from './png-deflate.js';

/**
 * PNG encoding of resvg's pixels by Node's zlib. resvg-js's own encoder (`asPng`) compresses at
 * zlib's default effort and took ~100 ms of a journey map's PNG, more than drawing it; this
 * writes the same pixels (demultiplied exactly as tiny-skia does) at a faster zlib level, band by
 * band, compressing one on the thread pool while preparing the next (png-deflate.ts). Node's
 * zlib writes the reference zlib's bytes (test/render/png-fast.test.ts checks them against pako's),
 * so a PNG is the same on every machine.
 */

/** CRC-32 of PNG chunks: zlib's own where Node has it (20.15+, 22.2+), else a table. */
const crc32: (data: Uint8Array) => number = (zlib as { crc32?: (data: Uint8Array) => number }).crc32 ?? tableCrc32;

let crcTable: Uint32Array | undefined;

function tableCrc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Rows handed to zlib at a time: fixed, so that the PNG's bytes depend on nothing but its pixels. */
export const BAND_ROWS = 64;

/**
 * Writes rows [first, first + count) as PNG scanlines of straight (not premultiplied) RGBA into
 * `into`, and returns their length. A row equal to the row above is written with filter 2 (up) as
 * zeros, which deflate compresses better than a repeat 13 KB back, and which costs a compare and a
 * fill in native code instead of a copy and a scan for translucent pixels in JavaScript. Any other
 * row has filter 0 (none): diagrams are flat colour, which deflate's matches compress as well as
 * any filter, and filtering in JavaScript costs more.
 */
function fillRows(source: Buffer, width: number, first: number, count: number, into: Buffer): number {
  const stride = width * 4;
  const words = source.byteOffset % 4 === 0 ? new Uint32Array(source.buffer, source.byteOffset, source.byteLength >> 2) : undefined;
  for (let r = 0; r < count; r++) {
    const y = first + r;
    const at = r * (stride + 1);
    const from = y * stride;
    if (y > 0 && source.compare(source, from - stride, from, from, from + stride) === 0) {
      into[at] = 2;
      into.fill(0, at + 1, at + 1 + stride);
      continue;
    }
    into[at] = 0;
    source.copy(into, at + 1, from, from + stride);
    if (!opaque(source, words, from, stride)) demultiplyRow(into, at + 1, stride);
  }
  return count * (stride + 1);
}

/** Whether every pixel of a row is opaque: its alpha bytes ANDed, 32 bits at a time where the buffer is aligned. */
function opaque(source: Buffer, words: Uint32Array | undefined, from: number, stride: number): boolean {
  if (words) {
    let alphas = 0xffffffff;
    for (let i = from >> 2, end = (from + stride) >> 2; i < end; i++) alphas &= words[i];
    // Little- or big-endian, the alpha byte's bits are those of one fixed byte of the word.
    return ((alphas & ALPHA_MASK) >>> 0) === ALPHA_MASK;
  }
  let alphas = 0xff;
  for (let i = from + 3; i < from + stride; i += 4) alphas &= source[i];
  return alphas === 0xff;
}

/** The bits of an RGBA pixel's alpha byte in a Uint32Array word on this machine. */
const ALPHA_MASK = new Uint32Array(new Uint8Array([0, 0, 0, 0xff]).buffer)[0];

/** tiny-skia's demultiply (PremultipliedColorU8::demultiply): c / (a / 255) + 0.5, truncated; opaque pixels as they are. */
function demultiplyRow(raw: Buffer, start: number, stride: number): void {
  for (let p = start; p < start + stride; p += 4) {
    const alpha = raw[p + 3];
    if (alpha === 0xff) continue;
    const a = alpha / 255;
    raw[p] = raw[p] / a + 0.5;
    raw[p + 1] = raw[p + 1] / a + 0.5;
    raw[p + 2] = raw[p + 2] / a + 0.5;
  }
}

/**
 * A PNG (8-bit RGBA, no interlace) of premultiplied RGBA pixels as resvg renders them, its rows
 * handed to zlib BAND_ROWS at a time (png-deflate.ts).
 */
export async function encodePng(premultiplied: Uint8Array, width: number, height: number, compress: Compressor = deflateBands): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const source = Buffer.from(premultiplied.buffer, premultiplied.byteOffset, premultiplied.byteLength);
  const bands = Math.max(1, Math.ceil(height / BAND_ROWS));
  const fill = (band: number, into: Buffer) => fillRows(source, width, band * BAND_ROWS, Math.min(BAND_ROWS, height - band * BAND_ROWS), into);
  const idat = await compress(bands, BAND_ROWS * (width * 4 + 1), fill);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
