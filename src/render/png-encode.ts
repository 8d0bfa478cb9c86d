import zlib from 'node:zlib';

/**
 * PNG encoding of resvg's pixels by Node's zlib. resvg-js's own encoder (`asPng`) compresses at
 * zlib's default effort and took ~100 ms of a journey map's PNG, more than drawing it; this
 * writes the same pixels (demultiplied exactly as tiny-skia does) at a faster zlib level: a
 * third of the time, files within ~10 % of the size. Node's zlib writes the reference zlib's bytes
 * (test/render/png-fast.test.ts checks them against pako's), so a PNG is the same on every machine.
 */
const LEVEL = 3;

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

/**
 * Rows of straight (not premultiplied) RGBA, each after its filter byte 0 (none: diagrams are flat
 * colour, which deflate's matches compress as well as any filter, and filtering in JavaScript costs more).
 */
function scanlines(premultiplied: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4;
  const source = Buffer.from(premultiplied.buffer, premultiplied.byteOffset, premultiplied.byteLength);
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0;
    source.copy(raw, row + 1, y * stride, (y + 1) * stride);
    let alphas = 0xff;
    for (let i = row + 4; i <= row + stride; i += 4) alphas &= raw[i];
    if (alphas !== 0xff) demultiplyRow(raw, row + 1, stride);
  }
  return raw;
}

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

/** A PNG (8-bit RGBA, no interlace) of premultiplied RGBA pixels as resvg renders them. */
export function encodePng(premultiplied: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const idat = zlib.deflateSync(scanlines(premultiplied, width, height), { level: LEVEL });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
