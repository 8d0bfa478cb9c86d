import type { Limits } from '../load/limits.js';
import { KIND_NAMES, type DiagramKind } from '../kinds/registry.js';

/*
 * What the HTTP side and the render workers say to each other: a render job (plain data, so it
 * crosses a thread by structured cloning) and its outcome.
 */

export type OutputFormat = 'svg' | 'png' | 'txt' | 'mmd';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['svg', 'png', 'txt', 'mmd'];

/** Kroki diagram types served: `journeyflow` draws any kind; an alias insists on one. */
export const DIAGRAM_TYPES: Readonly<Record<string, DiagramKind | undefined>> = {
  journeyflow: undefined,
  ...Object.fromEntries(KIND_NAMES.map((kind) => [`journeyflow-${kind}`, kind])),
};
export const DIAGRAM_TYPE_NAMES = Object.keys(DIAGRAM_TYPES);

export const CONTENT_TYPES: Readonly<Record<OutputFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
  mmd: 'text/plain; charset=utf-8',
};

/** File name shown in diagnostics of a request's source (SPEC §2: file, line, column). */
export const INPUT_NAME = '<input>';

export interface RenderJob {
  source: string;
  diagramType: string;
  format: OutputFormat;
  /** A built-in theme name; overrides the document's own. */
  theme?: string;
  /** PNG zoom. */
  scale: number;
  limits: Partial<Limits>;
}

/**
 * A rendered diagram, or the reason it was not drawn as the text a Kroki client shows (400);
 * renderMs is the time the render thread spent on it (sent as a Server-Timing header).
 */
export type RenderOutcome = ({ ok: true; body: string | Uint8Array } | { ok: false; message: string }) & { renderMs?: number };
