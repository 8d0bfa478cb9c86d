/**
 * The OpenType container (sfnt) as the PNG font subsets need it: the table directory read and
 * written again, and the character map (cmap) looked up and written for a few characters.
 * Written by hand because no kept library writes fonts at run time (fontkit, pdfkit's, subsets
 * CFF fonts only into bare CFF data for PDFs, with glyph ids renumbered).
 */

/** A table's place in the file and the checksum the table directory gives it. */
export interface Table { offset: number; length: number; checksum: number }

/**
 * The tables of an sfnt font by tag; undefined for a file that is not one (or a collection).
 * `directoryOnly`: the bytes are just the file's start up to the end of its table directory.
 */
export function readTables(bytes: Buffer, directoryOnly = false): Map<string, Table> | undefined {
  if (bytes.length < 12) return undefined;
  const signature = bytes.readUInt32BE(0);
  if (signature !== 0x4f54544f /* OTTO */ && signature !== 0x00010000) return undefined;
  const count = bytes.readUInt16BE(4);
  if (12 + count * 16 > bytes.length) return undefined;
  const tables = new Map<string, Table>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const offset = bytes.readUInt32BE(record + 8);
    const length = bytes.readUInt32BE(record + 12);
    if (!directoryOnly && offset + length > bytes.length) return undefined;
    tables.set(bytes.toString('latin1', record, record + 4), { offset, length, checksum: bytes.readUInt32BE(record + 4) });
  }
  return tables;
}

/** The OpenType table checksum: the sum of the big-endian 32-bit words, the last one padded with zeros. */
function checksum(data: Buffer): number {
  const whole = data.length & ~3;
  let sum = 0;
  if (data.byteOffset % 4 === 0 && LITTLE_ENDIAN) {
    // Whole words read natively and their bytes swapped: a quarter of the loads of reading bytes,
    // which counts in code that runs once per PNG, mostly before V8 optimizes it.
    const words = new Uint32Array(data.buffer, data.byteOffset, whole >> 2);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      sum = (sum + (((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24))) >>> 0;
    }
  } else {
    for (let i = 0; i < whole; i += 4) sum = (sum + ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3])) >>> 0;
  }
  let last = 0;
  for (let i = whole; i < data.length; i++) last |= data[i] << (24 - 8 * (i - whole));
  return (sum + last) >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A table to write: its bytes, and its checksum when known (that of an unchanged table, from the source's directory). */
export interface TableData { data: Buffer; checksum?: number }

/**
 * An sfnt font of these tables (tags sorted, each on a 4-byte boundary), with table checksums and
 * head.checkSumAdjustment as the OpenType specification defines them.
 */
export function writeFont(signature: number, tables: Map<string, TableData>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const log2 = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(signature, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * 2 ** log2, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(n * 16 - 16 * 2 ** log2, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headAt = -1;
  // The whole font's checksum is the sum of the directory's and every (zero-padded) table's.
  let fontSum = 0;
  tags.forEach((tag, i) => {
    let { data, checksum: sum } = tables.get(tag)!;
    if (tag === 'head') {
      data = Buffer.from(data);
      data.writeUInt32BE(0, 8); // checkSumAdjustment: zero in the table's own checksum, set below
      headAt = offset;
    }
    sum ??= checksum(data);
    fontSum = (fontSum + sum) >>> 0;
    const record = 12 + i * 16;
    header.write(tag, record, 'latin1');
    header.writeUInt32BE(sum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(data.length, record + 12);
    const padded = (data.length + 3) & ~3;
    parts.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  });
  const font = Buffer.concat(parts, offset);
  if (headAt >= 0) font.writeUInt32BE((0xb1b0afba - ((fontSum + checksum(header)) >>> 0)) >>> 0, headAt + 8);
  return font;
}

/** Looks code points up in a font's Unicode character map (format 4 or 12); undefined when it has neither. */
export function cmapLookup(cmap: Buffer): ((cp: number) => number) | undefined {
  const count = cmap.readUInt16BE(2);
  let best: { at: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const at = cmap.readUInt32BE(8 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || at + 2 > cmap.length) continue;
    const format = cmap.readUInt16BE(at);
    if (format === 12 && best?.format !== 12) best = { at, format };
    else if (format === 4 && !best) best = { at, format };
  }
  if (!best) return undefined;
  return best.format === 12 ? format12(cmap, best.at) : format4(cmap, best.at);
}

function format12(cmap: Buffer, at: number): (cp: number) => number {
  const groups = cmap.readUInt32BE(at + 12);
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = at + 16 + mid * 12;
      if (cp < cmap.readUInt32BE(g)) hi = mid - 1;
      else if (cp > cmap.readUInt32BE(g + 4)) lo = mid + 1;
      else return cmap.readUInt32BE(g + 8) + cp - cmap.readUInt32BE(g);
    }
    return 0;
  };
}

function format4(cmap: Buffer, at: number): (cp: number) => number {
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segments - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmap.readUInt16BE(ends + mid * 2) < cp) lo = mid + 1;
      else hi = mid;
    }
    const start = cmap.readUInt16BE(starts + lo * 2);
    if (cp < start || cp > cmap.readUInt16BE(ends + lo * 2)) return 0;
    const delta = cmap.readUInt16BE(deltas + lo * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + lo * 2);
    if (rangeOffset === 0) return (cp + delta) & 0xffff;
    const glyph = cmap.readUInt16BE(rangeOffsets + lo * 2 + rangeOffset + (cp - start) * 2);
    return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
  };
}

/** A character map of one Unicode subtable (Windows, UCS-4, format 12) holding just these code points → glyphs. */
export function writeCmap(map: Array<[number, number]>): Buffer {
  // Sorted as numbers in a typed array (native), code point and glyph packed into one exact double:
  // this runs once per PNG, mostly before V8 optimizes a comparator or writeUInt32BE calls.
  const packed = new Float64Array(map.length);
  for (let i = 0; i < map.length; i++) packed[i] = map[i][0] * 0x10000 + map[i][1];
  packed.sort();
  const starts: number[] = [];
  const ends: number[] = [];
  const glyphs: number[] = [];
  for (let i = 0; i < packed.length; i++) {
    const cp = Math.floor(packed[i] / 0x10000);
    const glyph = packed[i] % 0x10000;
    const last = starts.length - 1;
    if (last >= 0 && cp === ends[last] + 1 && glyph === glyphs[last] + cp - starts[last]) ends[last] = cp;
    else { starts.push(cp); ends.push(cp); glyphs.push(glyph); }
  }
  const table = Buffer.alloc(12 + 16 + starts.length * 12);
  const view = new DataView(table.buffer, table.byteOffset, table.length);
  view.setUint16(0, 0);
  view.setUint16(2, 1);
  view.setUint16(4, 3);
  view.setUint16(6, 10);
  view.setUint32(8, 12);
  view.setUint16(12, 12);
  view.setUint32(16, 16 + starts.length * 12);
  view.setUint32(24, starts.length);
  for (let i = 0; i < starts.length; i++) {
    view.setUint32(28 + i * 12, starts[i]);
    view.setUint32(32 + i * 12, ends[i]);
    view.setUint32(36 + i * 12, glyphs[i]);
  }
  return table;
}
