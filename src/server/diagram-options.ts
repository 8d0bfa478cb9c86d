import type { IncomingHttpHeaders } from 'node:http';
import { BUILTIN_THEMES } from '../render/themes.js';
import { badRequest } from './http-error.js';

/*
 * Diagram options as Kroki passes them: query parameters, `Kroki-Diagram-Options-<name>` headers
 * and the JSON body's `diagram_options`, in that order of precedence (the later wins), names
 * case-insensitive. journeyflow reads `theme`, `scale` and `locale`; other names are ignored, as
 * Kroki's own services ignore options they do not know (clients send their block attributes).
 */

export type RawOptions = Record<string, string>;

const HEADER_PREFIX = 'kroki-diagram-options-';
/** Query parameters that are part of Kroki's request, not options. */
const NOT_OPTIONS = new Set(['source_encoded', 'output_format']);

export function collectOptions(query: URLSearchParams, headers: IncomingHttpHeaders, body?: unknown): RawOptions {
  const options: RawOptions = {};
  for (const [name, value] of query) if (!NOT_OPTIONS.has(name.toLowerCase())) options[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(HEADER_PREFIX) && value !== undefined) options[name.slice(HEADER_PREFIX.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  if (body !== undefined && body !== null) {
    if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('Field diagram_options must be a JSON object.');
    for (const [name, value] of Object.entries(body)) {
      if (value === null || typeof value === 'object') throw badRequest(`diagram_options.${name} must be a string, number or boolean.`);
      options[name.toLowerCase()] = String(value);
    }
  }
  return options;
}

export interface DiagramOptions {
  theme?: string;
  scale: number;
}

/** PNG zoom when none is asked for: the same default as `build`. */
export const DEFAULT_SCALE = 2;
const MAX_SCALE = 16;

export function interpretOptions(raw: RawOptions): DiagramOptions {
  const out: DiagramOptions = { scale: DEFAULT_SCALE };
  if (raw.theme !== undefined && raw.theme !== '') {
    // Only names: a theme file would be a read of the server's disk chosen by the request.
    if (!Object.hasOwn(BUILTIN_THEMES, raw.theme)) throw badRequest(`Option theme "${raw.theme}" is not one of ${Object.keys(BUILTIN_THEMES).join(', ')} (theme files are not read by the render service).`);
    out.theme = raw.theme;
  }
  if (raw.scale !== undefined && raw.scale !== '') {
    const scale = Number(raw.scale);
    if (!(scale > 0 && scale <= MAX_SCALE)) throw badRequest(`Option scale must be a number above 0 and at most ${MAX_SCALE}, got "${raw.scale}".`);
    out.scale = scale;
  }
  // journeyflow's own words in a picture (descriptions, legends) are English only, and numbers are
  // written the same in every locale; a request for another locale is told so rather than ignored.
  if (raw.locale !== undefined && raw.locale !== '' && !/^en(?:[-_][a-z]{2,})?$/i.test(raw.locale)) {
    throw badRequest(`Option locale "${raw.locale}" is not available: journeyflow writes its own words in English (labels are drawn as written, in any language).`);
  }
  return out;
}
