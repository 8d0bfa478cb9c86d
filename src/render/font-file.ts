import fs from 'node:fs';
/** Signatures of the font files resvg reads: TrueType, OpenType (CFF), Apple TrueType and collections. */
const FONT_SIGNATURES = new Set([0x00010000, 0x4f54544f /* OTTO */, 0x74727565 /* true */, 0x74746366 /* ttcf */]);

/**
 * Why a font file given with --font cannot be used, or undefined when it can: resvg skips a
 * missing, foreign or truncated font silently, and the PNG then falls back to another font with
 * no word said. Checks the signature and that the table directory and every table lie in the file.
 */
export function fontFileProblem(file: string): string | undefined {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return 'is not a regular file';
    if (stat.size > 64 * 1024 * 1024) return `is ${stat.size} bytes, more than a font (64 MB at most)`;
    bytes = fs.readFileSync(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as Error).message})`;
  }
  if (bytes.length < 12 || !FONT_SIGNATURES.has(bytes.readUInt32BE(0))) return 'is not a TrueType or OpenType font (.ttf, .otf, .ttc)';
  if (bytes.readUInt32BE(0) === 0x74746366) return undefined;
  const tables = bytes.readUInt16BE(4);
  if (tables === 0 || 12 + tables * 16 > bytes.length) return 'is truncated (its table directory is cut off)';
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (bytes.readUInt32BE(record + 8) + bytes.readUInt32BE(record + 12) > bytes.length) return 'is truncated (a table runs past the end of the file)';
  }
  return undefined;
}
