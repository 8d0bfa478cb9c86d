import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { checkReference } from '../../load/references.js';
import { cacheKey, readCache, type BlockResult } from './cache.js';
import { optionsKey, type BlockError, type ResolvedOptions } from './options.js';

/** A fenced ```journeyflow block as a Markdown processor sees it. */
export interface BlockInput {
  /** The fence's text: YAML, or nothing when `src=` names a file. */
  code: string;
  /** The rest of the info string after `journeyflow` (e.g. `src=diagrams/x.flow.yaml`). */
  meta: string;
  /** Absolute path of the Markdown file; undefined for text without a file. */
  markdownFile?: string;
  /** 1-based line and column of the opening fence in the Markdown file. */
  line: number;
  column: number;
}

/** A block ready to draw: where its YAML comes from and how its diagnostics map to the Markdown. */
export interface DrawJob {
  source: string;
  /** The YAML's file for relative references: the included file, else the Markdown file. */
  absPath?: string;
  /** Name diagnostics carry. */
  display: string;
  /** Lines between the start of `display` and the YAML's first line (the fence line for inline YAML). */
  lineShift: number;
  /** Where the block is in the Markdown (named in errors about an included file). */
  fence: { file: string; line: number; column: number };
  key: string;
}

export type Prepared = { hit: BlockResult } | { job: DrawJob } | { error: BlockError };

export const displayPath = (abs: string): string => {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
};

/** `src=a.yaml`, `src="a b.yaml"`, `src='a.yaml'`: the attributes of an info string. */
export function parseMeta(meta: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of meta.matchAll(/([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g)) attrs[m[1]] = m[2] ?? m[3] ?? m[4];
  return attrs;
}

/** An error about the block itself (not its YAML), at the fence. */
export function fenceError(fence: DrawJob['fence'], rule: string, message: string): BlockError {
  const where = `${fence.file}:${fence.line}:${fence.column}`;
  return { message: `${where} error [${rule}] ${message}`, file: fence.file, line: fence.line, column: fence.column, details: `${where} error [${rule}] ${message}\n` };
}

/**
 * Finds the block's YAML (inline or included, confined to the site root), then looks it up in the
 * cache. Synchronous, so the markdown-it plugin needs its render thread only on a miss.
 */
export function prepareBlock(input: BlockInput, o: ResolvedOptions): Prepared {
  const md = input.markdownFile ? path.resolve(input.markdownFile) : undefined;
  const fence = { file: md ? displayPath(md) : '<markdown>', line: input.line, column: input.column };
  const src = parseMeta(input.meta).src;
  let job: Omit<DrawJob, 'key'>;
  if (src !== undefined) {
    // src= is relative to srcDir when given, else to the Markdown file; either way inside root.
    const from = o.srcDir ? path.join(o.srcDir, 'index.md') : md ?? path.join(o.root, 'index.md');
    const ref = checkReference(src, from, o.root);
    if (!ref.ok) return { error: fenceError(fence, 'unknown-reference', `src "${src}" ${ref.reason} (site root: ${displayPath(o.root)})`) };
    let text: string;
    try { text = fs.readFileSync(ref.absPath, 'utf8'); } catch (err) {
      return { error: fenceError(fence, 'unknown-reference', `src "${src}" cannot be read: ${(err as Error).message}`) };
    }
    job = { source: text, absPath: ref.absPath, display: displayPath(ref.absPath), lineShift: 0, fence };
  } else {
    if (md && path.relative(o.root, md).startsWith('..')) {
      return { error: fenceError(fence, 'unknown-reference', `the Markdown file is outside the site root ${displayPath(o.root)}; set the plugin's \`root\` option`) };
    }
    job = { source: input.code, absPath: md, display: fence.file, lineShift: input.line, fence };
  }
  const relOf = (p?: string) => (p ? path.relative(o.root, p) : '');
  const key = cacheKey([optionsKey(o), relOf(job.absPath), relOf(md), String(job.lineShift), job.source]);
  const hit = readCache(o.cache, key);
  return hit ? { hit } : { job: { ...job, key } };
}

/** Diagnostics of the YAML moved to the Markdown's lines (inline YAML), with code frames. */
export function shiftDiagnostics(job: DrawJob, diagnostics: Diagnostic[]): { shifted: Diagnostic[]; text: string } {
  const shifted = diagnostics.map((d) => ({ ...d, line: d.line + job.lineShift, endLine: d.endLine + job.lineShift }));
  // The frame source is the YAML placed at its lines in the Markdown, so frames show Markdown line numbers.
  const framed = '\n'.repeat(job.lineShift) + job.source;
  const text = formatDiagnostics(shifted, 'text', new Map([[job.display, framed]]));
  return { shifted, text };
}

/** The first error of a block's diagnostics, as the message a build fails with. */
export function diagnosticsError(job: DrawJob, shifted: Diagnostic[], text: string, strict: boolean): BlockError {
  const first = shifted.find((d) => d.severity === 'error') ?? shifted.find((d) => strict && d.severity === 'warning') ?? shifted[0];
  const more = shifted.length > 1 ? ` (and ${shifted.length - 1} more)` : '';
  const included = job.lineShift === 0 ? ` (in the block at ${job.fence.file}:${job.fence.line})` : '';
  return {
    message: `${first.file}:${first.line}:${first.column} ${first.severity} [${first.rule}] ${first.message}${included}${more}`,
    file: first.file,
    line: first.line,
    column: first.column,
    details: text,
  };
}
