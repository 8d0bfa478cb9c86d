import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';

/*
 * How answers are written. Errors as Kroki writes them: `Error <status>: <message>` as text/plain
 * (or {"error": {code, message}} for a client that asks for JSON first), never a stack trace.
 */

/** Browsers (Kroki's editors, markdown-it-kroki in a page) may call from any origin, as they may call Kroki. */
export function allowCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
}

export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': '*',
    'access-control-max-age': '86400',
  });
  res.end();
}

const wantsJson = (req: IncomingMessage) => /^\s*application\/json/i.test(req.headers.accept ?? '');

export function sendError(req: IncomingMessage, res: ServerResponse, err: HttpError): void {
  if (res.headersSent) { res.destroy(); return; }
  const json = wantsJson(req);
  const body = json ? JSON.stringify({ error: { code: err.status, message: err.message } }) : `Error ${err.status}: ${err.message}\n`;
  res.writeHead(err.status, {
    ...err.headers,
    'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export function sendBody(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
