import fs from 'node:fs';
import path from 'node:path';
import { checkSource, layoutDiagnostic, renderDocument, type RenderedDiagram } from '../compile.js';
import type { Locale } from '../model/locale.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { printDiagnostics } from './diagnose.js';
import { UsageError } from './inputs.js';
import { BEGIN, END, fenceFor, scanMarkdown, splitLines, type Block, type Line } from './md-blocks.js';
import { readRegularFile } from './read-file.js';
import { RefusedWrite, writeFileAtomic } from './write.js';

export interface MdOptions { mode: 'mermaid' | 'svg'; theme?: string; locale?: Locale; format: DiagnosticFormat; check: boolean; quiet: boolean }

/** Largest Markdown file `md` reads (a document, not a data dump; SECURITY.md). */
const MAX_MD_BYTES = 16 * 1024 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

const fileProblem = (file: string, line: number, rule: string, message: string): Diagnostic =>
  ({ file, line, column: 1, endLine: line, endColumn: 1, severity: 'error', rule, message, path: '' });

interface MdFile { abs: string; shown: string; bytes: Buffer; bom: boolean; text: string; lines: Line[] }

/** Reads a Markdown file as a regular file, bounded; refuses what it could not write back byte for byte. */
function readMarkdown(file: string): MdFile | Diagnostic {
  const abs = path.resolve(file);
  const shown = path.relative(process.cwd(), abs) || abs;
  if (!fs.lstatSync(abs, { throwIfNoEntry: false })) throw new UsageError(`Markdown file not found: ${file}`);
  const read = readRegularFile(abs, MAX_MD_BYTES);
  if (!read.bytes) return fileProblem(shown, 1, 'md-unreadable', `cannot rewrite this file: ${read.error}${read.code === 'symlink' ? '; name the file it points to' : ''}`);
  const bom = read.bytes.subarray(0, 3).equals(BOM);
  const text = read.bytes.subarray(bom ? 3 : 0).toString('utf8');
  // Invalid UTF-8 would come back as U+FFFD: refuse rather than change bytes outside the blocks.
  if (!Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]).equals(read.bytes)) return fileProblem(shown, 1, 'md-unreadable', 'cannot rewrite this file: it is not valid UTF-8');
  return { abs, shown, bytes: read.bytes, bom, text, lines: splitLines(text) };
}

/** The lines a block becomes: the rendering (Mermaid or image links) with its source folded in <details>. */
async function renderBlock(md: MdFile, block: Block, n: number, opts: MdOptions, diagnostics: Diagnostic[]): Promise<string[] | undefined> {
  const options = { file: md.shown, absPath: md.abs, root: path.dirname(md.abs), theme: opts.theme, locale: opts.locale };
  const checked = checkSource(block.yaml, options);
  const shift = (d: Diagnostic): Diagnostic => ({ ...d, line: d.line + block.yamlLine - 1, endLine: d.endLine + block.yamlLine - 1 });
  diagnostics.push(...checked.diagnostics.map(shift));
  const docs = checked.documents.filter((d) => d.ok);
  if (docs.length !== checked.documents.length || !docs.length || hasErrors(checked.diagnostics)) return undefined; // keep what was there
  const rendered: string[] = [];
  for (const doc of docs) {
    let r: RenderedDiagram;
    try {
      r = await renderDocument(doc, options);
    } catch (err) {
      // Past the layout budget: said at the block's edges, and the block keeps what it had.
      diagnostics.push(shift(layoutDiagnostic(doc, err)));
      return undefined;
    }
    if (opts.mode === 'mermaid') {
      rendered.push('```mermaid', ...r.mermaid.trimEnd().split('\n'), '```');
      continue;
    }
    // Explicit ids name the image; blocks without one are numbered, so names never collide.
    const explicit = typeof (doc.doc.value as { id?: unknown }).id === 'string';
    const name = `${slug(path.basename(md.abs).replace(/\.(md|markdown)$/i, ''))}-${explicit ? slug(r.id) : n + 1}${docs.length > 1 && !explicit ? `-${doc.doc.index + 1}` : ''}.svg`;
    if (!opts.check) writeFileAtomic(path.join(path.dirname(md.abs), name), r.svg);
    const alt = (r.scene.title || r.id).replace(/[[\]\\]/g, ' ').replace(/\s+/g, ' ');
    rendered.push(`![${alt}](./${name})`);
  }
  const fence = fenceFor(block.yaml);
  return [BEGIN, '<details><summary>journeyflow source</summary>', '', `${fence}journeyflow`, ...block.yaml.replace(/\n$/, '').split('\n'), fence, '', '</details>', '', ...rendered, END];
}

/**
 * The file's new text: prose lines exactly as they were (with their own line endings), each block
 * replaced by its rendering. New lines take the ending of the block's first line; the last one
 * keeps the ending of the block's last line (none at the end of a file without a final newline).
 */
async function rewrite(md: MdFile, blocks: Block[], opts: MdOptions, diagnostics: Diagnostic[]): Promise<string> {
  const out: Line[] = [];
  let cursor = 0;
  for (const [n, block] of blocks.entries()) {
    out.push(...md.lines.slice(cursor, block.start));
    cursor = block.end;
    const fresh = await renderBlock(md, block, n, opts, diagnostics);
    if (!fresh) { out.push(...md.lines.slice(block.start, block.end)); continue; }
    const eol = md.lines[block.start].eol || '\n';
    out.push(...fresh.map((text, i) => ({ text, eol: i === fresh.length - 1 ? md.lines[block.end - 1].eol : eol })));
  }
  out.push(...md.lines.slice(cursor));
  return (md.bom ? '\ufeff' : '') + out.map((l) => l.text + l.eol).join('');
}

/**
 * Renders the journeyflow blocks of Markdown files into Mermaid blocks (which GitHub renders) or SVG
 * image links. The YAML stays in the file, folded in <details>, so a second run gives the same bytes.
 * A file whose markers do not pair up, or that changed while it was rendered, is left as it was.
 */
export async function runMd(files: string[], opts: MdOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (!files.length) throw new UsageError('name at least one Markdown file');
  let changedFiles = 0;
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    const md = readMarkdown(file);
    if (!('abs' in md)) { diagnostics.push(md); continue; }
    sources.set(md.shown, md.text);
    const { blocks, problems } = scanMarkdown(md.text, md.lines);
    if (problems.length) { diagnostics.push(...problems.map((p) => fileProblem(md.shown, p.line, 'md-markers', `${p.message}; the file was not changed`))); continue; }
    const next = await rewrite(md, blocks, opts, diagnostics);
    if (next === (md.bom ? '\ufeff' : '') + md.text) continue;
    changedFiles++;
    if (opts.check) { stdout.write(`stale: ${file}\n`); continue; }
    try {
      writeFileAtomic(md.abs, next, { unchangedFrom: md.bytes });
    } catch (err) {
      if (!(err instanceof RefusedWrite)) throw err;
      changedFiles--;
      diagnostics.push(fileProblem(md.shown, 1, 'md-changed', `this file changed while journeyflow rendered it (an editor or another run wrote to it); it was not changed, run again`));
    }
  }
  printDiagnostics(diagnostics, opts.format, stderr, sources);
  if (!opts.quiet && !opts.check && opts.format === 'text') stderr.write(`journeyflow: ${changedFiles} Markdown file(s) updated\n`);
  return hasErrors(diagnostics) || (opts.check && changedFiles > 0) ? 1 : 0;
}
