import zlib from 'node:zlib';
import { badRequest, HttpError } from './http-error.js';

/*
 * Kroki's GET form carries the source in the path: UTF-8, deflated with a zlib header, then
 * base64url (RFC 4648 §5; padding optional). Clients that send the plain base64 alphabet are
 * accepted too. Inflation is bounded, so a few kilobytes of URL cannot expand into gigabytes.
 */

const BASE64 = /^[A-Za-z0-9_\-+/]*={0,2}$/;

export function decodeSource(encoded: string, maxBytes: number): string {
  const text = encoded.trim();
  if (!text) throw badRequest('Unable to decode the source: it is empty.');
  if (!BASE64.test(text)) throw badRequest('Unable to decode the source: it is not base64url (A-Z, a-z, 0-9, - and _).');
  const compressed = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(compressed, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new HttpError(413, `The decoded source is larger than ${maxBytes} bytes (the server's --max-bytes).`);
    }
    throw badRequest(`Unable to decode the source: it is not deflate (zlib) data (${(err as Error).message}).`);
  }
  return raw.toString('utf8');
}

/** The inverse, as Kroki's clients do it (used by tests and the benchmark). */
export function encodeSource(source: string): string {
  return zlib.deflateSync(Buffer.from(source, 'utf8'), { level: 9 }).toString('base64url');
}
