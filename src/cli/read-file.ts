/**
 * Reading files an untrusted tree may have planted (SECURITY.md): a FIFO blocks a reader forever,
 * a device such as /dev/zero never ends, and a symlink can point anywhere. Everything journeyflow
 * reads from a tree being built (inputs, `check`'s outputs on disk, Markdown for `md`) comes
 * through here: opened without following a final symlink and without blocking, checked to be a
 * regular file by its descriptor (not by a name that can be swapped), and read within a bound.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type ReadResult = { bytes: Buffer; error?: undefined } | { bytes?: undefined; error: string; code: 'not-regular' | 'too-large' | 'unreadable' | 'symlink' };

const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

export type ReadFailure = Extract<ReadResult, { error: string }>;

/**
 * Opens `file` without following a final symlink and without blocking, checks by its descriptor
 * that it is a regular file of at most `maxBytes`, and hands the descriptor and the size seen to
 * `read`; the failure otherwise. The descriptor is closed afterwards in every case.
 */
function withRegularFile<T>(file: string, maxBytes: number, read: (fd: number, size: number) => T | ReadFailure): T | ReadFailure {
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
    return read(fd, stat.size);
  } catch (err) {
    return { error: (err as Error).message, code: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

const grewPast = (maxBytes: number): ReadFailure => ({ error: `it grew past the limit of ${maxBytes} bytes while being read`, code: 'too-large' });

/** The bytes of `file` when it is a regular file (not a symlink) of at most `maxBytes`. */
export function readRegularFile(file: string, maxBytes: number): ReadResult {
  return withRegularFile(file, maxBytes, (fd, size) => {
    const bytes = readToBound(fd, size, maxBytes);
    return bytes.length > maxBytes ? grewPast(maxBytes) : { bytes };
  });
}

/**
 * Read chunks are hashed through this one buffer, overwritten by every read: checking the 20 MB
 * of outputs of a 500-diagram build then allocates (and page-faults, and collects) nothing.
 */
let scratch: Buffer | undefined;
const SCRATCH_BYTES = 256 * 1024;

export type HashResult = { sha256: string; size: number; error?: undefined } | ReadFailure;

/**
 * The sha256 and length of a regular file's bytes, read as readRegularFile reads them (no final
 * symlink, no FIFO or device, to the end or past `maxBytes`), without keeping the bytes.
 */
export function hashRegularFile(file: string, maxBytes: number): HashResult {
  return withRegularFile(file, maxBytes, (fd) => {
    scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
    const hash = createHash('sha256');
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, scratch, 0, scratch.length, n);
      if (got === 0) break;
      n += got;
      if (n > maxBytes) return grewPast(maxBytes);
      hash.update(got === scratch.length ? scratch : scratch.subarray(0, got));
    }
    return { sha256: hash.digest('hex'), size: n };
  });
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
