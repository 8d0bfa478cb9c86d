import { cmapLookup, readTables, writeCmap, writeFont, type Table, type TableData } from './png-sfnt.js';

/**
 * Per-diagram font subsets for PNGs. resvg-js reads the whole font file again for every glyph it
 * outlines, so a PNG's text costs in proportion to the size of the font file: a journey map's
 * ~1 000 glyph outlines read the 1.7 MB common subset ~1 000 times (150 ms of copying). A subset of
 * just the diagram's characters is a fraction of that. It keeps every glyph id (so the glyph
 * positioning, substitution and metrics tables stay valid byte for byte, and the PNG is the same)
 * and empties the outlines of the glyphs the diagram cannot reach: its characters' glyphs and
 * what the substitution table (GSUB) may turn those into keep theirs.
 */
export interface SubsettableFont {
  bytes: Buffer;
  tables: Map<string, Table>;
  glyphOf: (cp: number) => number;
  /** For each glyph, the glyphs any GSUB lookup may substitute for it (a superset of what shaping does). */
  substitutes: Map<number, number[]>;
  cff: CffLayout;
}

/** Where the outlines (the CharStrings INDEX) lie in the CFF table, and the offsets that point past them. */
interface CffLayout {
  start: number;
  end: number;
  /** Where each outline starts in the CFF table: glyph g's is [outlines[g], outlines[g + 1]). */
  outlines: Uint32Array;
  /** Positions (in the CFF table) of 5-byte integer offsets that point past the outlines and must move with what follows. */
  pointersPast: number[];
}

/** The font parsed for subsetting, or undefined when it is not a CFF OpenType font this code can subset. */
export function parseSubsettable(bytes: Buffer): SubsettableFont | undefined {
  try {
    const tables = readTables(bytes);
    const cffTable = tables?.get('CFF ');
    const cmap = tables?.get('cmap');
    if (!tables || !cffTable || !cmap) return undefined;
    const glyphOf = cmapLookup(bytes.subarray(cmap.offset, cmap.offset + cmap.length));
    const cff = cffLayout(bytes.subarray(cffTable.offset, cffTable.offset + cffTable.length));
    const gsub = tables.get('GSUB');
    const substitutes = gsub ? gsubSubstitutes(bytes.subarray(gsub.offset, gsub.offset + gsub.length)) : new Map<number, number[]>();
    if (!glyphOf || !cff || !substitutes) return undefined;
    return { bytes, tables, glyphOf, substitutes, cff };
  } catch {
    return undefined; // a table that runs past its end: not a font to subset
  }
}

/** Tables only vertical text reads (resvg lays out `writing-mode: tb` with them): left out of a subset for horizontal text. */
const VERTICAL = new Set(['vhea', 'vmtx', 'VORG']);

/**
 * The font with outlines only for these code points' glyphs (and what GSUB reaches from them), and
 * a cmap of just these; without the vertical metrics unless `vertical`.
 */
export function subsetFont(font: SubsettableFont, codePoints: Iterable<number>, vertical = true): Buffer {
  const map: Array<[number, number]> = [];
  const keep = new Set<number>([0]); // .notdef, drawn for a character no font has
  for (const cp of codePoints) {
    const glyph = font.glyphOf(cp);
    if (glyph === 0) continue;
    map.push([cp, glyph]);
    keep.add(glyph);
  }
  for (const glyph of keep) for (const next of font.substitutes.get(glyph) ?? []) keep.add(next);
  const tables = new Map<string, TableData>();
  for (const [tag, { offset, length, checksum }] of font.tables) {
    // The digital signature no longer matches a changed font (and no renderer checks it).
    if (tag !== 'DSIG' && (vertical || !VERTICAL.has(tag))) tables.set(tag, { data: font.bytes.subarray(offset, offset + length), checksum });
  }
  tables.set('cmap', { data: writeCmap(map) });
  tables.set('CFF ', { data: keptOutlines(tables.get('CFF ')!.data, font.cff, keep) });
  return writeFont(font.bytes.readUInt32BE(0), tables);
}

const ENDCHAR = 14;

/** The CFF table with every outline not kept replaced by a bare endchar, the data after the outlines moved. */
function keptOutlines(cff: Buffer, layout: CffLayout, keep: Set<number>): Buffer {
  // One plain loop over the glyphs, bulk fills and copies in native code: this runs once per PNG
  // in a fresh process, mostly before V8 optimizes it, so every pass over the ~9 000 glyphs counts.
  const { outlines } = layout;
  const count = outlines.length - 1;
  const kept = new Uint8Array(count);
  // The data's size: an endchar byte per glyph, a kept glyph's outline instead; offsets count from 1.
  let size = 1 + count;
  for (const g of keep) {
    if (g >= count) continue;
    kept[g] = 1;
    size += outlines[g + 1] - outlines[g] - 1;
  }
  const offSize = size <= 0xff ? 1 : size <= 0xffff ? 2 : size <= 0xffffff ? 3 : 4;
  const dataAt = 3 + (count + 1) * offSize - 1;
  const index = Buffer.allocUnsafe(dataAt + size);
  index.writeUInt16BE(count, 0);
  index[2] = offSize;
  index.fill(ENDCHAR, dataAt + 1);
  let at = 1;
  for (let g = 0, p = 3; g <= count; g++) {
    // Byte stores, not writeUIntBE: a method call per glyph costs more than the rest of the loop.
    if (offSize === 4) index[p++] = at >>> 24;
    if (offSize >= 3) index[p++] = (at >>> 16) & 0xff;
    if (offSize >= 2) index[p++] = (at >>> 8) & 0xff;
    index[p++] = at & 0xff;
    if (g === count) break;
    if (kept[g]) {
      cff.copy(index, dataAt + at, outlines[g], outlines[g + 1]);
      at += outlines[g + 1] - outlines[g];
    } else at += 1;
  }
  const before = Buffer.from(cff.subarray(0, layout.start));
  const after = Buffer.from(cff.subarray(layout.end));
  const shift = index.length - (layout.end - layout.start);
  for (const p of layout.pointersPast) {
    const target = p < layout.start ? before : after;
    const at5 = p < layout.start ? p : p - layout.end;
    target.writeInt32BE(target.readInt32BE(at5 + 1) + shift, at5 + 1);
  }
  return Buffer.concat([before, index, after]);
}

/** A CFF INDEX: object i is [data + offsets[i], data + offsets[i + 1]) (offsets count from 1, data is one before). */
interface CffIndex { count: number; data: number; offsets: Uint32Array; end: number }

function readIndex(cff: Buffer, at: number): CffIndex {
  const count = cff.readUInt16BE(at);
  if (count === 0) return { count, data: at + 2, offsets: new Uint32Array(0), end: at + 2 };
  const offSize = cff[at + 2];
  if (offSize < 1 || offSize > 4) throw new Error(`CFF offSize ${offSize}`);
  const offsets = new Uint32Array(count + 1);
  for (let i = 0, p = at + 3; i <= count; i++) {
    let v = 0;
    for (let b = 0; b < offSize; b++) v = v * 256 + cff[p++];
    offsets[i] = v;
  }
  const data = at + 3 + (count + 1) * offSize - 1;
  return { count, data, offsets, end: data + offsets[count] };
}

/** A DICT's operators with their operands, and where each operand starts (and whether it is a 5-byte integer). */
interface DictEntry { op: number; operands: number[]; at: number[]; long: boolean[] }

function readDict(cff: Buffer, start: number, end: number): DictEntry[] {
  const entries: DictEntry[] = [];
  let entry: DictEntry = { op: -1, operands: [], at: [], long: [] };
  for (let p = start; p < end;) {
    const b0 = cff[p];
    if (b0 <= 21) {
      entry.op = b0 === 12 ? 1200 + cff[p + 1] : b0;
      p += b0 === 12 ? 2 : 1;
      entries.push(entry);
      entry = { op: -1, operands: [], at: [], long: [] };
      continue;
    }
    entry.at.push(p);
    entry.long.push(b0 === 29);
    if (b0 === 28) { entry.operands.push(cff.readInt16BE(p + 1)); p += 3; }
    else if (b0 === 29) { entry.operands.push(cff.readInt32BE(p + 1)); p += 5; }
    else if (b0 === 30) { // a real number: nibbles up to the 0xf end nibble
      let q = p + 1;
      while ((cff[q] & 0x0f) !== 0x0f && (cff[q] >> 4) !== 0x0f) q++;
      entry.operands.push(NaN);
      p = q + 1;
    } else if (b0 >= 32 && b0 <= 246) { entry.operands.push(b0 - 139); p += 1; }
    else if (b0 >= 247 && b0 <= 250) { entry.operands.push((b0 - 247) * 256 + cff[p + 1] + 108); p += 2; }
    else if (b0 >= 251 && b0 <= 254) { entry.operands.push(-(b0 - 251) * 256 - cff[p + 1] - 108); p += 2; }
    else throw new Error(`CFF DICT byte ${b0}`);
  }
  return entries;
}

/** The DICT operators that hold offsets (two-byte operators 12 x as 1200 + x). */
const OP = { charset: 15, encoding: 16, charStrings: 17, private: 18, subrs: 19, fdArray: 1236, fdSelect: 1237 } as const;

/**
 * The layout of a CFF table whose outlines can be swapped: everything an offset points to lies
 * wholly before or wholly after the CharStrings INDEX, and every offset to something after it is a
 * 5-byte integer (so it can be moved in place). fontTools, which wrote the shipped subsets, and the
 * makeotf build of the full Noto fonts both lay CFF out so. Undefined for any other layout.
 */
function cffLayout(cff: Buffer): CffLayout | undefined {
  const names = readIndex(cff, cff[2]);
  const top = readIndex(cff, names.end);
  if (top.count !== 1) return undefined;
  const topDict = readDict(cff, top.data + top.offsets[0], top.data + top.offsets[1]);
  const operand = (dict: DictEntry[], op: number) => dict.find((e) => e.op === op);
  const charStrings = operand(topDict, OP.charStrings);
  if (!charStrings) return undefined;
  const outlinesIndex = readIndex(cff, charStrings.operands[0]);
  const start = charStrings.operands[0];
  const end = outlinesIndex.end;
  const pointersPast: number[] = [];
  // An absolute offset (operand i of an entry): fine before the outlines, movable after them.
  const pointer = (entry: DictEntry | undefined, i: number): boolean => {
    if (!entry) return true;
    const value = entry.operands[i];
    if (value <= start) return true;
    if (value < end || !entry.long[i]) return false;
    pointersPast.push(entry.at[i]);
    return true;
  };
  const privateFits = (dict: DictEntry[]): boolean => {
    const priv = operand(dict, OP.private);
    if (!priv) return true;
    const [size, offset] = priv.operands;
    const subrs = operand(readDict(cff, offset, offset + size), OP.subrs);
    // Local subroutines are found relative to their Private DICT: both must lie on one side.
    const sameSide = !subrs || (offset + subrs.operands[0] >= end) === (offset >= end);
    return sameSide && pointer(priv, 1);
  };
  if (![OP.charset, OP.encoding, OP.fdSelect].every((op) => { const e = operand(topDict, op); return !e || e.operands[0] <= 2 || pointer(e, 0); })) return undefined;
  if (!privateFits(topDict)) return undefined;
  const fdArray = operand(topDict, OP.fdArray);
  if (fdArray) {
    if (!pointer(fdArray, 0)) return undefined;
    const fds = readIndex(cff, fdArray.operands[0]);
    for (let i = 0; i < fds.count; i++) {
      if (!privateFits(readDict(cff, fds.data + fds.offsets[i], fds.data + fds.offsets[i + 1]))) return undefined;
    }
  }
  const outlines = new Uint32Array(outlinesIndex.offsets.length);
  for (let g = 0; g < outlines.length; g++) outlines[g] = outlinesIndex.data + outlinesIndex.offsets[g];
  return { start, end, outlines, pointersPast };
}

/**
 * For each glyph, every glyph a GSUB lookup may put in its place: single, multiple, alternate and
 * ligature substitutions (a ligature counted from its first component), also inside extension
 * lookups, and reverse chaining. Contextual lookups substitute only through other lookups, which are
 * read anyway. Undefined for a lookup type this does not know (the caller then keeps the whole font).
 */
function gsubSubstitutes(gsub: Buffer): Map<number, number[]> | undefined {
  const result = new Map<number, number[]>();
  const lookupList = gsub.readUInt16BE(8);
  const lookups = gsub.readUInt16BE(lookupList);
  for (let l = 0; l < lookups; l++) {
    const lookup = lookupList + gsub.readUInt16BE(lookupList + 2 + l * 2);
    const type = gsub.readUInt16BE(lookup);
    const subtables = gsub.readUInt16BE(lookup + 4);
    for (let s = 0; s < subtables; s++) {
      let at = lookup + gsub.readUInt16BE(lookup + 6 + s * 2);
      let kind = type;
      if (kind === 7) { kind = gsub.readUInt16BE(at + 2); at += gsub.readUInt32BE(at + 4); }
      if (!substitutionsOf(gsub, kind, at, result)) return undefined;
    }
  }
  return result;
}

/** Adds one subtable's substitutions to `into` (glyph → glyphs); false for a kind of subtable this does not read. */
function substitutionsOf(gsub: Buffer, kind: number, at: number, into: Map<number, number[]>): boolean {
  if (kind === 5 || kind === 6) return true;
  const u16 = (p: number) => gsub.readUInt16BE(p);
  const format = u16(at);
  const covered = coverage(gsub, at + u16(at + 2));
  const outputs = (glyph: number) => {
    let list = into.get(glyph);
    if (!list) into.set(glyph, (list = []));
    return list;
  };
  for (let i = 0; i < covered.length; i++) {
    const out = outputs(covered[i]);
    if (kind === 1 && format === 1) out.push((covered[i] + u16(at + 4)) & 0xffff);
    else if (kind === 1 && format === 2) out.push(u16(at + 6 + i * 2));
    else if (kind === 2 || kind === 3) { // a sequence, or a set of alternates
      const list = at + u16(at + 6 + i * 2);
      for (let k = 0; k < u16(list); k++) out.push(u16(list + 2 + k * 2));
    } else if (kind === 4) { // ligatures starting with this glyph: each begins with its glyph id
      const set = at + u16(at + 6 + i * 2);
      for (let k = 0; k < u16(set); k++) out.push(u16(set + u16(set + 2 + k * 2)));
    } else if (kind === 8) {
      const backtrack = u16(at + 4);
      const lookahead = u16(at + 6 + backtrack * 2);
      out.push(u16(at + 10 + backtrack * 2 + lookahead * 2 + i * 2));
    } else return false;
  }
  return true;
}

/** The glyphs of a Coverage table, in coverage-index order. */
function coverage(gsub: Buffer, at: number): number[] {
  const format = gsub.readUInt16BE(at);
  const count = gsub.readUInt16BE(at + 2);
  const glyphs: number[] = [];
  if (format === 1) {
    for (let i = 0; i < count; i++) glyphs.push(gsub.readUInt16BE(at + 4 + i * 2));
    return glyphs;
  }
  if (format !== 2) throw new Error(`coverage format ${format}`);
  for (let r = 0; r < count; r++) {
    const range = at + 4 + r * 6;
    const last = gsub.readUInt16BE(range + 2);
    // Ranges are in coverage-index order (startCoverageIndex ascending), as the specification requires.
    for (let g = gsub.readUInt16BE(range); g <= last; g++) glyphs.push(g);
  }
  return glyphs;
}
