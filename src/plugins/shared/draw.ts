import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkSource, drawDocument, layoutDocument, type CheckedDocument, type CompileOptions } from '../../compile.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderSvg } from '../../render/svg.js';
import type { Scene } from '../../scene/types.js';
import { diagnosticsError, shiftDiagnostics, type DrawJob } from './block.js';
import { contentHash, publish, writeCache, type BlockResult, type PublishedFile } from './cache.js';
import { figureHtml, type DrawnDiagram } from './html.js';
import { darkStyle, paintMap } from './recolour.js';
import type { BlockError, ResolvedOptions } from './options.js';

const short = (s: string) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 10);
const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * Links between diagrams (a subprocess `ref`, a step's `flow`) point at the linked diagram's SVG,
 * published under `fsPath` at its path inside the site root; those SVGs keep journeyflow's
 * relative links, so a reader can click on through the published tree.
 */
class LinkedDiagrams {
  readonly files: PublishedFile[] = [];
  readonly deps: Array<{ file: string; hash: string }> = [];
  private readonly seen = new Set<string>();
  private readonly queue: string[] = [];
  constructor(private readonly o: ResolvedOptions) {}

  rel(absYaml: string): string {
    return path.relative(this.o.root, absYaml).split(path.sep).join('/').replace(/\.ya?ml$/i, '.svg');
  }

  /** The `link` of CompileOptions: queues the target and returns its published URL. */
  readonly link = ({ absPath }: { absPath: string }): string => {
    if (!this.seen.has(absPath)) { this.seen.add(absPath); this.queue.push(absPath); }
    return `${this.o.webPath}/${this.rel(absPath)}`;
  };

  /** Draws every queued diagram (and what those link to); a broken linked file is skipped, its own build reports it. */
  async drawAll(): Promise<void> {
    for (let abs = this.queue.shift(); abs !== undefined; abs = this.queue.shift()) {
      let text: string;
      try { text = fs.readFileSync(abs, 'utf8'); } catch { continue; }
      this.deps.push({ file: abs, hash: contentHash(text) });
      const opts: CompileOptions = { file: abs, absPath: abs, root: this.o.root, theme: this.o.theme, link: this.link };
      const doc = checkSource(text, opts).documents.find((d) => d.ok);
      if (!doc) continue;
      const { svg } = await drawDocument(doc, opts);
      this.files.push({ rel: this.rel(abs), content: svg });
    }
  }
}

/** A scene as SVG; ids inside get a suffix so two inline SVGs in a page never share one. */
function svgOf(scene: Scene, suffix: string): string {
  return renderSvg({ ...scene, id: `${scene.id}-${suffix}` }).replace(/ data-id="[^"]*"/, ` data-id="${scene.id.replace(/[&<>"']/g, '')}"`);
}

/** One drawing of a checked document. */
async function drawOne(doc: CheckedDocument, opts: CompileOptions, suffix: string): Promise<{ svg: string; title: string; width: number; height: number }> {
  const scene = await layoutDocument(doc, opts);
  return { svg: svgOf(scene, suffix), title: scene.title, width: Math.ceil(scene.width), height: Math.ceil(scene.height) };
}

/**
 * The dark variant of a diagram: for inline SVG, drawn with the light drawing's ids and turned into
 * a repainting stylesheet when only its colours differ (recolour.ts); else a second drawing.
 */
async function drawDark(doc: CheckedDocument, opts: CompileOptions, tag: string, light: string, o: ResolvedOptions): Promise<{ svg?: string; css?: string }> {
  const scene = await layoutDocument(doc, opts);
  if (o.strategy === 'inline-svg') {
    const map = paintMap(light, svgOf(scene, tag));
    if (map) return { css: darkStyle(map, tag, o.darkScheme) };
  }
  return { svg: svgOf(scene, `${tag}-dark`) };
}

async function drawDiagram(doc: CheckedDocument, job: DrawJob, o: ResolvedOptions, links: LinkedDiagrams): Promise<{ drawn: DrawnDiagram; files: PublishedFile[] }> {
  const base: CompileOptions = { file: job.display, absPath: job.absPath, root: o.root, strict: o.strict, link: links.link };
  const tag = short(job.key + doc.model.id);
  const light = await drawOne(doc, { ...base, theme: o.theme }, tag);
  const dark = o.dark ? await drawDark(doc, { ...base, theme: o.dark }, tag, light.svg, o) : undefined;
  const drawn: DrawnDiagram = { id: doc.model.id, uid: tag, title: light.title, width: light.width, height: light.height, light: light.svg, dark: dark?.svg, darkCss: dark?.css };
  const files: PublishedFile[] = [];
  if (o.strategy === 'file') {
    const name = `${slug(doc.model.id)}-${short(light.svg)}`;
    files.push({ rel: `${name}.svg`, content: light.svg });
    drawn.lightUrl = `${o.webPath}/${name}.svg`;
    if (dark?.svg) {
      files.push({ rel: `${name}-dark.svg`, content: dark.svg });
      drawn.darkUrl = `${o.webPath}/${name}-dark.svg`;
    }
  }
  return { drawn, files };
}

/**
 * Checks and draws a prepared block (ELK loads on the first diagram and stays warm for the
 * process), publishes its files and stores the result in the cache. Errors are returned, not thrown.
 */
export async function drawBlock(job: DrawJob, o: ResolvedOptions): Promise<{ result?: BlockResult; error?: BlockError }> {
  const checked = checkSource(job.source, { file: job.display, absPath: job.absPath, root: o.root, theme: o.theme, strict: o.strict });
  const { shifted, text } = shiftDiagnostics(job, checked.diagnostics);
  if (hasErrors(shifted, o.strict) || !checked.documents.length) {
    if (!shifted.length) return { error: diagnosticsError(job, [{ file: job.display, line: job.lineShift + 1, column: 1, endLine: job.lineShift + 1, endColumn: 1, severity: 'error', rule: 'schema', message: 'the block holds no diagram', path: '' }], text, o.strict) };
    return { error: diagnosticsError(job, shifted, text, o.strict) };
  }
  const links = new LinkedDiagrams(o);
  const diagrams: DrawnDiagram[] = [];
  const files: PublishedFile[] = [];
  for (const doc of checked.documents) {
    const r = await drawDiagram(doc, job, o, links);
    diagrams.push(r.drawn);
    files.push(...r.files);
  }
  await links.drawAll();
  files.push(...links.files);
  const warnings = text ? [text] : [];
  const result: BlockResult = { html: figureHtml(diagrams, o), warnings, files, deps: links.deps };
  publish(o.fsPath, files);
  writeCache(o.cache, job.key, result);
  return { result };
}
