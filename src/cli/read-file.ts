/**
 * Reading files an untrusted tree may have planted (SECURITY.md): a FIFO blocks a reader forever,
 * a device such as /dev/zero never ends, and a symlink can point anywhere. Everything journeyflow
 * reads from a tree being built (inputs, `check`'s outputs on disk, Markdown for `md`) comes
 * through here: opened without following a final symlink and without blocking, checked to be a
 * regular file by its descriptor (not by a name that can be swapped), and read within a bound.
 */
import fs from 'node:fs';
import path from 'node:path';

export type ReadResult = { bytes: Buffer; error?: undefined } | { bytes?: undefined; error: string; code: 'not-regular' | 'too-large' | 'unreadable' | 'symlink' };

const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** The bytes of `file` when it is a regular file (not a symlink) of at most `maxBytes`. */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, FLAGS);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ELOOP') return { error: 'it is a symbolic link', code: 'symlink' };
    return { error: e.code === 'ENOENT' ? 'it does not exist' : e.message, code: 'unreadable' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: `it is not a regular file (${kindOf(stat)})`, code: 'not-regular' };
    if (stat.size > maxBytes) return { error: `it is ${stat.size} bytes; the limit is ${maxBytes}`, code: 'too-large' };
    const bytes = readToBound(fd, stat.size, maxBytes);
    if (bytes.length > maxBytes) return { error: `it grew past the limit of ${maxBytes} bytes while being read`, code: 'too-large' };
    return { bytes };
  } catch (err) {
    return { error: (err as Error).message, code: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads to the end or past the bound, not to the size seen: a file can grow while it is read. The
 * buffer starts at the size seen (+1 to notice growth) and doubles only if the file grew, so a
 * build reading hundreds of small files allocates little; it is not zero-filled, and only the
 * bytes read are returned.
 */
function readToBound(fd: number, size: number, maxBytes: number): Buffer {
  let buf = Buffer.allocUnsafeSlow(Math.min(maxBytes + 1, size + 1));
  let n = 0;
  for (;;) {
    const got = fs.readSync(fd, buf, n, buf.length - n, n);
    if (got === 0) break;
    n += got;
    if (n < buf.length) continue;
    if (n > maxBytes) break;
    const bigger = Buffer.allocUnsafeSlow(Math.min(maxBytes + 1, n * 2));
    buf.copy(bigger, 0, 0, n);
    buf = bigger;
  }
  return buf.subarray(0, n);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a file';
}

/** True when `file` is `dir` or lies under it (both already resolved). */
export function isInside(file: string, dir: string): boolean {
  // The common case without path.relative (which resolves both; a build asks this of every
  // input). A path with `..` anywhere takes the long way, should a caller pass one unresolved.
  if (!file.includes('..') && (file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep))) return true;
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * realpath that answers undefined for a path that does not exist. The system's realpath(3): one
 * call, where fs.realpathSync stats every folder of the path (a build resolves each input).
 */
export function realOrUndefined(p: string): string | undefined {
  try { return fs.realpathSync.native(p); } catch { return undefined; }
}
