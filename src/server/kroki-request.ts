import type { IncomingHttpHeaders } from 'node:http';
import { decodeSource } from './decode.js';
import { collectOptions, type RawOptions } from './diagram-options.js';
import { badRequest, HttpError } from './http-error.js';
import { DIAGRAM_TYPE_NAMES, DIAGRAM_TYPES, OUTPUT_FORMATS, type OutputFormat } from './protocol.js';

/*
 * Kroki's three request forms, read into one shape:
 *   GET  /{type}/{format}/{source deflated + base64url}
 *   POST /  with JSON {diagram_source, diagram_type, output_format, diagram_options}
 *   POST /{type}/{format} (or /{type} with an Accept header) with the source as text/plain, or
 *        with JSON {diagram_source, diagram_options}
 * Messages follow Kroki's wording, so users of its clients recognise them.
 */

export interface DiagramRequest {
  diagramType: string;
  format: OutputFormat;
  source: string;
  options: RawOptions;
}

/** What routing found before any body is read: the form, and the type and format from the path. */
export type Route =
  | { form: 'get'; diagramType: string; format: OutputFormat; encoded: string }
  | { form: 'post-json' }
  | { form: 'post-typed'; diagramType: string; format?: OutputFormat };

const oneOf = (names: readonly string[]) => names.join(', ');

export function checkType(diagramType: string): string {
  if (!Object.hasOwn(DIAGRAM_TYPES, diagramType)) throw badRequest(`Unsupported diagram type: ${diagramType}. Must be one of ${oneOf(DIAGRAM_TYPE_NAMES)}.`);
  return diagramType;
}

export function checkFormat(format: string, diagramType: string): OutputFormat {
  const f = format.toLowerCase();
  if (!OUTPUT_FORMATS.includes(f as OutputFormat)) throw badRequest(`Unsupported output format: ${format} for ${diagramType}. Must be one of ${oneOf(OUTPUT_FORMATS)}.`);
  return f as OutputFormat;
}

const methodNotAllowed = (allow: string) => new HttpError(405, 'Method Not Allowed', { allow });

/** The route of a diagram request, or undefined when the path is not one (404). */
export function route(method: string, pathname: string): Route | undefined {
  let parts: string[];
  try { parts = pathname.split('/').filter(Boolean).map(decodeURIComponent); } catch { throw badRequest('The request path is not valid percent-encoding.'); }
  if (parts.length === 0) return method === 'POST' ? { form: 'post-json' } : undefined;
  if (parts.length > 3 || !Object.hasOwn(DIAGRAM_TYPES, parts[0])) {
    // A path shaped like a diagram request for another type gets Kroki's 400; anything else a 404.
    if (parts.length <= 3 && /^[a-z0-9-]+$/i.test(parts[0])) checkType(parts[0]);
    return undefined;
  }
  const diagramType = parts[0];
  if (parts.length === 3) {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed('GET, HEAD');
    return { form: 'get', diagramType, format: checkFormat(parts[1], diagramType), encoded: parts[2] };
  }
  const format = parts[1] !== undefined ? checkFormat(parts[1], diagramType) : undefined;
  if (method !== 'POST') throw methodNotAllowed('POST');
  return { form: 'post-typed', diagramType, format };
}

const MIME_FORMATS: Record<string, OutputFormat> = {
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'text/plain': 'txt',
  'text/vnd.mermaid': 'mmd',
  'text/x-mermaid': 'mmd',
  'image/*': 'svg',
  '*/*': 'svg',
};

/** The output format an Accept header asks for, by its q-values (Kroki's POST /{type} form). */
export function formatFromAccept(accept: string | undefined, diagramType: string): OutputFormat {
  if (!accept) throw badRequest(`Output format is undefined: set it in the path (/${diagramType}/svg) or with an Accept header (image/svg+xml, image/png, text/plain).`);
  const ranked = accept.split(',').map((part, i) => {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return { type, q: Number.isFinite(q) ? q : 0, i };
  }).filter((m) => m.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const m of ranked) if (Object.hasOwn(MIME_FORMATS, m.type)) return MIME_FORMATS[m.type];
  throw badRequest(`None of the accepted types (${accept}) is an output of ${diagramType}; accept image/svg+xml, image/png or text/plain.`);
}

function parseJson(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (!text.trim()) throw badRequest('Request body must not be empty.');
  let value: unknown;
  try { value = JSON.parse(text); } catch (err) { throw badRequest(`Request body is not valid JSON: ${(err as Error).message}`); }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('Request body must be a JSON object.');
  return value as Record<string, unknown>;
}

function field(json: Record<string, unknown>, name: string): string | undefined {
  const value = json[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`Field ${name} must be a string.`);
  return value;
}

function required(json: Record<string, unknown>, name: string): string {
  const value = field(json, name);
  if (value === undefined || !value.trim()) throw badRequest(`Field ${name} must not be empty.`);
  return value;
}

const isJson = (headers: IncomingHttpHeaders) => /^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '');

/** Reads the request into a DiagramRequest; `body` is the whole body (empty for GET). */
export function readRequest(r: Route, query: URLSearchParams, headers: IncomingHttpHeaders, body: Buffer, maxSourceBytes: number): DiagramRequest {
  if (r.form === 'get') {
    return { diagramType: r.diagramType, format: r.format, source: decodeSource(r.encoded, maxSourceBytes), options: collectOptions(query, headers) };
  }
  if (r.form === 'post-json') {
    const json = parseJson(body);
    const diagramType = checkType(required(json, 'diagram_type'));
    const format = checkFormat(required(json, 'output_format'), diagramType);
    return { diagramType, format, source: required(json, 'diagram_source'), options: collectOptions(query, headers, json.diagram_options) };
  }
  const queryFormat = query.get('output_format');
  const pathFormat = r.format ?? (queryFormat ? checkFormat(queryFormat, r.diagramType) : undefined);
  if (isJson(headers)) {
    const json = parseJson(body);
    const jsonFormat = field(json, 'output_format');
    const format = pathFormat ?? (jsonFormat ? checkFormat(jsonFormat, r.diagramType) : formatFromAccept(headers.accept, r.diagramType));
    return { diagramType: r.diagramType, format, source: required(json, 'diagram_source'), options: collectOptions(query, headers, json.diagram_options) };
  }
  const source = body.toString('utf8');
  if (!source.trim()) throw badRequest('Request body must not be empty.');
  const format = pathFormat ?? formatFromAccept(headers.accept, r.diagramType);
  return { diagramType: r.diagramType, format, source, options: collectOptions(query, headers) };
}
