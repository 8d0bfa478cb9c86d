import fs from 'node:fs';
import path from 'node:path';
import { checkSource, renderDocument } from '../compile.js';
import type { Locale } from '../model/locale.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { printDiagnostics } from './diagnose.js';
import { UsageError } from './inputs.js';
import { writeFileAtomic } from './write.js';

export interface MdOptions { mode: 'mermaid' | 'svg'; theme?: string; locale?: Locale; format: DiagnosticFormat; check: boolean; quiet: boolean }

const BEGIN = '<!-- journeyflow:begin -->';
const END = '<!-- journeyflow:end -->';
const FENCE_OPEN = /^(\s{0,3})(`{3,}|~{3,})\s*journeyflow\s*$/;

interface Block {
  /** Line range [start, end) in the Markdown that the block (or its earlier rendering) occupies. */
  start: number;
  end: number;
  yaml: string;
  /** 1-based line of the YAML's first line in the Markdown. */
  yamlLine: number;
}

/** Finds ```journeyflow fences, and regions an earlier run produced (which carry their source inside). */
export function findBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const inRegion = lines[i].trim() === BEGIN;
    let j = i + (inRegion ? 1 : 0);
    if (inRegion) while (j < lines.length && !FENCE_OPEN.test(lines[j]) && lines[j].trim() !== END) j++;
    const open = lines[j]?.match(FENCE_OPEN);
    if (!open || (!inRegion && j !== i)) continue;
    const fence = open[2];
    let k = j + 1;
    while (k < lines.length && !(lines[k].trim().startsWith(fence[0].repeat(fence.length)) && lines[k].trim().replace(/[`~]/g, '') === '')) k++;
    const yaml = lines.slice(j + 1, k).join('\n') + '\n';
    let end = k + 1;
    if (inRegion) {
      let e = k + 1;
      while (e < lines.length && lines[e].trim() !== END) e++;
      end = Math.min(lines.length, e + 1);
    }
    blocks.push({ start: i, end, yaml, yamlLine: j + 2 });
    i = end - 1;
  }
  return blocks;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/**
 * Renders the journeyflow blocks of Markdown files into Mermaid blocks (which GitHub renders) or SVG
 * image links. The YAML stays in the file, folded in <details>, so a second run gives the same bytes.
 */
export async function runMd(files: string[], opts: MdOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (!files.length) throw new UsageError('name at least one Markdown file');
  let failed = false;
  let changedFiles = 0;
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    const abs = path.resolve(file);
    if (!fs.existsSync(abs)) throw new UsageError(`Markdown file not found: ${file}`);
    const text = fs.readFileSync(abs, 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(/\r?\n/);
    const blocks = findBlocks(lines);
    sources.set(path.relative(process.cwd(), abs) || abs, text);
    const out: string[] = [];
    let cursor = 0;
    for (const [n, block] of blocks.entries()) {
      out.push(...lines.slice(cursor, block.start));
      cursor = block.end;
      const shown = path.relative(process.cwd(), abs) || abs;
      const checked = checkSource(block.yaml, { file: shown, absPath: abs, root: path.dirname(abs), theme: opts.theme, locale: opts.locale });
      const shift = (d: Diagnostic): Diagnostic => ({ ...d, line: d.line + block.yamlLine - 1, endLine: d.endLine + block.yamlLine - 1 });
      diagnostics.push(...checked.diagnostics.map(shift));
      const docs = checked.documents.filter((d) => d.ok);
      if (docs.length !== checked.documents.length || !docs.length || hasErrors(checked.diagnostics)) {
        out.push(...lines.slice(block.start, block.end)); // keep what was there
        continue;
      }
      const rendered: string[] = [];
      for (const doc of docs) {
        const r = await renderDocument(doc, { file: shown, absPath: abs, root: path.dirname(abs), theme: opts.theme });
        if (opts.mode === 'mermaid') {
          rendered.push('```mermaid', r.mermaid.trimEnd(), '```');
        } else {
          // Explicit ids name the image; blocks without one are numbered, so names never collide.
          const explicit = typeof (doc.doc.value as { id?: unknown }).id === 'string';
          const name = `${slug(path.basename(abs).replace(/\.(md|markdown)$/i, ''))}-${explicit ? slug(r.id) : n + 1}${docs.length > 1 && !explicit ? `-${doc.doc.index + 1}` : ''}.svg`;
          const target = path.join(path.dirname(abs), name);
          if (!opts.check) writeFileAtomic(target, r.svg);
          const alt = (r.scene.title || r.id).replace(/[[\]\\]/g, ' ').replace(/\s+/g, ' ');
          rendered.push(`![${alt}](./${name})`);
        }
      }
      out.push(BEGIN, '<details><summary>journeyflow source</summary>', '', '```journeyflow', ...block.yaml.replace(/\n$/, '').split('\n'), '```', '', '</details>', '', ...rendered, END);
    }
    out.push(...lines.slice(cursor));
    const next = out.join(eol);
    if (next !== text) {
      changedFiles++;
      if (opts.check) stdout.write(`stale: ${file}\n`);
      else writeFileAtomic(abs, next);
    }
  }
  printDiagnostics(diagnostics, opts.format, stderr, sources);
  if (hasErrors(diagnostics)) failed = true;
  if (!opts.quiet && !opts.check && opts.format === 'text') stderr.write(`journeyflow: ${changedFiles} Markdown file(s) updated\n`);
  return failed || (opts.check && changedFiles > 0) ? 1 : 0;
}
