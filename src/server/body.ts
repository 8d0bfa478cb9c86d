import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * The whole request body, refused as soon as it is known to be too large (by Content-Length or
 * while it streams) and when it has not arrived within `timeoutMs` (a slow sender holds a
 * connection, never a render thread). Bodies are only ever held in memory.
 */
export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: HttpError) => { cleanup(); req.pause(); reject(err); };
    const timer = setTimeout(() => fail(new HttpError(408, `The request body did not arrive within ${timeoutMs} ms.`, { connection: 'close' })), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) { fail(tooLarge(maxBytes)); return; }
      chunks.push(chunk);
    };
    const onEnd = () => { cleanup(); resolve(Buffer.concat(chunks, size)); };
    const onAborted = () => fail(new HttpError(400, 'The request was aborted by the client.', { connection: 'close' }));
    const cleanup = () => { clearTimeout(timer); req.off('data', onData); req.off('end', onEnd); req.off('aborted', onAborted); req.off('error', onAborted); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
  });
}

const tooLarge = (maxBytes: number) => new HttpError(413, `The request body is larger than ${maxBytes} bytes (the server's --max-body).`, { connection: 'close' });
