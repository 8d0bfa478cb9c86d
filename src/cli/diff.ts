/**
 * `journeyflow diff <old> <new>` and `journeyflow diff --git <rev> <inputs…>` (SPEC §6.2): a picture
 * of the new diagram with what changed marked (svg, png), a Markdown summary (md) and a text
 * picture (txt). Exit 0 whether or not anything changed; 1 with --exit-code when something did,
 * or when an input has errors; 2 for bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { checkSource, layoutDiagnostic, type CheckedDocument, type CompileOptions } from '../compile.js';
import type { Locale } from '../model/locale.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { breakdownText, countChanges, countsText, diffModels, KindMismatchError, type DiagramDiff } from '../diff/index.js';
import { diffMarkdown, type MarkdownDiagram } from '../diff/markdown.js';
import { diffScene } from '../diff/picture.js';
import { renderDiffTxt } from '../diff/txt.js';
import type { KindDefinition, LayoutEnv } from '../kinds/types.js';
import { resolveLimits, type Limits } from '../load/limits.js';
import { checkReference, outputName } from '../load/references.js';
import { renderPng } from '../render/png.js';
import { renderSvg } from '../render/svg.js';
import { resolveTheme } from '../validate/theme.js';
import { printDiagnostics } from './diagnose.js';
import { readAtRevision } from './diff-git.js';
import { readInput, resolveInputs, UsageError, type InputFile } from './inputs.js';
import { addLimitOptions, formatOption, limitsFrom } from './options.js';
import { writeFileAtomic } from './write.js';

export type DiffFormat = 'svg' | 'png' | 'md' | 'txt';
export const DIFF_FORMATS: readonly DiffFormat[] = ['svg', 'png', 'md', 'txt'];

export interface DiffOptions {
  git?: string;
  locale?: Locale;
  out?: string;
  formats: DiffFormat[];
  theme?: string;
  scale: number;
  fontFiles?: string[];
  exitCode: boolean;
  format: DiagnosticFormat;
  quiet: boolean;
  strict: boolean;
  limits: Partial<Limits>;
  imageBase?: string;
}

/** One file to compare: the new side on disk, the old side from a file or from git. */
interface Pair { input: InputFile; oldText?: string; oldDisplay: string; oldAbs?: string }

/** One diagram's diff; `checked` is the side it is drawn from (the new one, or the old when deleted). */
interface Rendered { diff: DiagramDiff; definition: KindDefinition; input: InputFile; checked: CheckedDocument; docId?: string }

const FATAL_OLD = new Set(['yaml-syntax', 'schema', 'input-too-large']);

export function parseDiffFormats(value: string): DiffFormat[] {
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const f of list) if (!DIFF_FORMATS.includes(f as DiffFormat)) throw new UsageError(`unknown diff format "${f}"; use ${DIFF_FORMATS.join(', ')}`);
  if (!list.length) throw new UsageError('-f needs at least one format');
  return [...new Set(list)] as DiffFormat[];
}

function envFor(model: { theme: string }, o: CompileOptions): LayoutEnv {
  const root = o.root ?? process.cwd();
  const r = o.theme !== undefined ? resolveTheme(o.theme, path.join(process.cwd(), 'cli'), path.parse(process.cwd()).root) : resolveTheme(model.theme, o.absPath, root);
  const theme = r.ok ? r.theme : resolveTheme('default', undefined, root).theme!;
  return { theme, linkFor: (t) => { const ref = checkReference(t, o.absPath, root); return ref.ok ? ref.relative.replace(/\.ya?ml$/i, '.svg') : undefined; } };
}

async function pairsOf(paths: string[], o: DiffOptions, limits: Limits): Promise<{ pairs: Pair[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  if (o.git === undefined) {
    if (paths.length !== 2) throw new UsageError(`diff compares two files: journeyflow diff <old> <new> (or --git <rev> <inputs…>); got ${paths.length} argument(s)`);
    const [oldPath, newPath] = paths.map((p) => path.resolve(p));
    for (const [p, abs] of [[paths[0], oldPath], [paths[1], newPath]]) if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new UsageError(`input not found: ${p}`);
    const [input] = await resolveInputs([paths[1]]);
    const old = await resolveInputs([paths[0]]);
    const read = readInput(old[0], limits);
    if (read.diagnostic) diagnostics.push(read.diagnostic);
    return { pairs: read.diagnostic ? [] : [{ input, oldText: read.text, oldDisplay: old[0].display, oldAbs: oldPath }], diagnostics };
  }
  if (!paths.length) throw new UsageError('diff --git <rev> needs at least one input');
  const inputs = (await resolveInputs(paths)).filter((i) => i.absPath);
  if (!inputs.length) throw new UsageError('no diagram files found in the given inputs');
  const pairs: Pair[] = [];
  for (const input of inputs) {
    const old = await readAtRevision(input.absPath!, o.git, limits.maxBytes);
    if (old.tooLarge) {
      diagnostics.push({ file: old.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'input-too-large', message: `file is larger than the limit of ${limits.maxBytes} bytes (raise it with --max-bytes)`, path: '' });
      continue;
    }
    pairs.push({ input, oldText: old.text, oldDisplay: old.display, oldAbs: input.absPath });
  }
  return { pairs, diagnostics };
}

/** Diffs the documents of one pair: matched by id (or one to one when each side holds one). */
async function diffPair(pair: Pair, newText: string, o: DiffOptions, diagnostics: Diagnostic[], sources: Map<string, string>): Promise<Rendered[] | undefined> {
  const co: CompileOptions = { file: pair.input.display, absPath: pair.input.absPath, root: pair.input.base, theme: o.theme, locale: o.locale, limits: o.limits, strict: o.strict };
  const now = checkSource(newText, co);
  diagnostics.push(...now.diagnostics);
  sources.set(pair.input.display, newText);
  let failed = hasErrors(now.diagnostics, o.strict);
  let before: CheckedDocument[] = [];
  if (pair.oldText !== undefined) {
    const was = checkSource(pair.oldText, { ...co, file: pair.oldDisplay, absPath: pair.oldAbs });
    sources.set(pair.oldDisplay, pair.oldText);
    // The old side only needs a model: its own rule findings are history, not this change's problem.
    const fatal = was.diagnostics.filter((d) => d.severity === 'error' && FATAL_OLD.has(d.rule));
    diagnostics.push(...fatal);
    if (fatal.length) failed = true;
    before = was.documents;
  }
  if (failed) return undefined;
  const after = now.documents.filter((d) => d.ok);
  const single = after.length === 1 && before.length === 1;
  const multi = now.documents.length > 1 || now.documents.some((d) => d.doc.count > 1);
  const out: Rendered[] = [];
  const used = new Set<CheckedDocument>();
  try {
    for (const n of after) {
      const old = single ? before[0] : before.find((b) => b.model.id === n.model.id);
      if (old) used.add(old);
      out.push({ diff: await diffModels(n.definition, old?.model, n.model), definition: n.definition, input: pair.input, checked: n, docId: multi ? n.model.id : undefined });
    }
    for (const b of before) if (!used.has(b)) out.push({ diff: await diffModels(b.definition, b.model, undefined), definition: b.definition, input: pair.input, checked: b, docId: b.model.id });
  } catch (err) {
    if (!(err instanceof KindMismatchError)) throw err;
    diagnostics.push({ file: pair.input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'schema', message: err.message, path: '/kind' });
    return undefined;
  }
  return out;
}

/** Where an output goes: -o FILE (its stem), -o DIR (keeping the inputs' folders), or beside the input. */
function targetPath(r: Rendered, ext: DiffFormat, o: DiffOptions, many: boolean): string {
  const abs = r.input.absPath!;
  const out = o.out;
  if (out && /\.(svg|png|md|txt)$/i.test(out)) {
    const stem = out.replace(/\.(svg|png|md|txt)$/i, '');
    return path.resolve(many && r.docId ? `${stem}.${r.docId}.${ext}` : `${stem}.${ext}`);
  }
  const name = outputName(path.basename(abs), `diff.${ext}`, r.docId);
  if (!out) return path.join(path.dirname(abs), name);
  return path.join(path.resolve(out), path.relative(r.input.base, path.dirname(abs)), name);
}

function imageLink(r: Rendered, o: DiffOptions, mdFile: string | undefined, many: boolean): string {
  // With -o - (and --image-base) the SVGs are published from where a run without -o writes them: beside each input.
  const svg = targetPath(r, 'svg', o.out === '-' ? { ...o, out: undefined } : o, many);
  if (o.imageBase) return `${o.imageBase.replace(/\/+$/, '')}/${path.relative(o.out && o.out !== '-' ? path.resolve(o.out.replace(/[^/\\]*\.(svg|png|md|txt)$/i, '') || '.') : process.cwd(), svg).split(path.sep).join('/')}`;
  return path.relative(mdFile ? path.dirname(mdFile) : process.cwd(), svg).split(path.sep).join('/');
}

/**
 * The picture and text of every diff, before anything is written. A diff whose layout fails (past
 * the layout budget) is a diagnostic at the array to reduce in its document, as in `build`.
 */
async function drawDiffs(rendered: Rendered[], o: DiffOptions, diagnostics: Diagnostic[]): Promise<Array<{ r: Rendered; svg: string; txt: string }>> {
  const drawn: Array<{ r: Rendered; svg: string; txt: string }> = [];
  const needsSvg = o.formats.includes('svg') || o.formats.includes('png');
  for (const r of rendered) {
    const opts: CompileOptions = { absPath: r.input.absPath, root: r.input.base, theme: o.theme };
    try {
      const svg = needsSvg ? renderSvg(await diffScene(r.definition, r.diff, envFor(r.diff.new, opts))) : '';
      const txt = o.formats.includes('txt') || o.formats.includes('md') ? await renderDiffTxt(r.definition, r.diff) : '';
      drawn.push({ r, svg, txt });
    } catch (err) {
      diagnostics.push(layoutDiagnostic(r.checked, err, ', or run journeyflow with "node --stack-size=16000"'));
    }
  }
  return drawn;
}

export async function runDiff(paths: string[], o: DiffOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const limits = resolveLimits(o.limits);
  const toStdout = o.out === '-';
  if (toStdout && o.formats.length !== 1) throw new UsageError('-o - writes to standard output: choose exactly one format with -f');
  // On standard output the summary's picture is written nowhere, so its link could only be dead.
  if (toStdout && o.formats[0] === 'md' && !o.imageBase) {
    throw new UsageError('-f md -o - would link pictures that are not written; write to a folder instead (-f svg,md -o jf-diff), or give --image-base <url> of where the SVGs are published');
  }
  const { pairs, diagnostics } = await pairsOf(paths, o, limits);
  let failed = diagnostics.length > 0;
  const sources = new Map<string, string>();
  const rendered: Rendered[] = [];
  for (const pair of pairs) {
    const read = readInput(pair.input, limits);
    if (read.diagnostic) { diagnostics.push(read.diagnostic); failed = true; continue; }
    const r = await diffPair(pair, read.text!, o, diagnostics, sources);
    if (!r) { failed = true; continue; }
    rendered.push(...r);
  }
  const drawn = await drawDiffs(rendered, o, diagnostics);
  if (drawn.length < rendered.length) failed = true;
  printDiagnostics(diagnostics, o.format, stderr, sources);
  const many = drawn.length > 1;
  if (toStdout && (o.formats[0] === 'svg' || o.formats[0] === 'png') && many) throw new UsageError(`-o - writes one picture, but the inputs hold ${drawn.length} diagrams`);

  const written: string[] = [];
  const stdoutParts: Array<string | Uint8Array> = [];
  const mdItems = new Map<string, MarkdownDiagram[]>();
  for (const { r, svg, txt } of drawn) {
    for (const f of o.formats) {
      const file = toStdout ? undefined : targetPath(r, f, o, many);
      if (f === 'md') {
        const key = file ?? '-';
        mdItems.set(key, [...(mdItems.get(key) ?? []), { diff: r.diff, file: r.input.display, image: imageLink(r, o, file, many), txt }]);
        continue;
      }
      const bytes = f === 'svg' ? svg : f === 'txt' ? txt : await renderPng(svg, { scale: o.scale, fontFiles: o.fontFiles });
      if (file) { writeFileAtomic(file, bytes); written.push(file); } else stdoutParts.push(bytes);
    }
  }
  for (const [file, items] of mdItems) {
    const text = diffMarkdown(items);
    if (file === '-') stdoutParts.push(text);
    else { writeFileAtomic(file, text); written.push(file); }
  }
  for (const part of stdoutParts) stdout.write(part);

  const changed = drawn.map((d) => d.r).filter((r) => r.diff.entries.length > 0);
  if (!o.quiet && o.format === 'text') {
    for (const { r } of drawn) stderr.write(`journeyflow: ${r.input.display}${r.docId ? ` #${r.docId}` : ''}: ${countsText(countChanges(r.diff.entries))}${r.diff.entries.length ? ` (${breakdownText(r.diff)})` : ''}\n`);
    if (!toStdout) stderr.write(`journeyflow: ${written.length} file(s) written from ${drawn.length} diagram(s)\n`);
  }
  if (o.format === 'github') {
    for (const r of changed) stderr.write(`::notice file=${r.input.display.replace(/[%:,\r\n]/g, (c) => encodeURIComponent(c))},title=journeyflow diff::${r.diff.id}: ${countsText(countChanges(r.diff.entries))}\n`);
  }
  if (failed) return 1;
  return o.exitCode && changed.length > 0 ? 1 : 0;
}

/** Registers `diff` on the program; `setCode` receives the exit code. */
