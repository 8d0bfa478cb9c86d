/**
 * The text of an input file's bytes. YAML allows UTF-16 as well as UTF-8, and editors on Windows
 * save "Unicode" as UTF-16 with a byte order mark: read as UTF-8 such a file is NULs and
 * replacement characters (a misleading syntax error, and folder scans did not see its `kind:`), so
 * the mark decides. Without a mark the bytes are UTF-8, as before.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node has no UTF-16BE decoder: swap each pair of bytes (an odd last byte is dropped, as it is no character).
    const swapped = Buffer.alloc(bytes.byteLength & ~1);
    for (let i = 0; i + 1 < bytes.byteLength; i += 2) { swapped[i] = bytes[i + 1]; swapped[i + 1] = bytes[i]; }
    return swapped.toString('utf16le');
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
