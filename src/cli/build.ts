import fs from 'node:fs';
import path from 'node:path';
import { checkSource, renderDocument, type CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import type { Limits } from '../load/limits.js';
import { resolveLimits } from '../load/limits.js';
import { outputName } from '../load/references.js';
import { renderPng } from '../render/png.js';
import { printDiagnostics, summary } from './diagnose.js';
import { readStdin, resolveInputs, UsageError, type InputFile } from './inputs.js';
import type { OutputFormat } from './options.js';
import { writeFileAtomic } from './write.js';

export interface BuildOptions {
  out?: string;
  formats: OutputFormat[];
  theme?: string;
  scale: number;
  strict: boolean;
  limits: Partial<Limits>;
  format: DiagnosticFormat;
  quiet: boolean;
}

export interface BuiltOutput { file: string; bytes: Uint8Array | string }

/** Where an output goes: under -o keeping the input's folder layout, or beside the input. */
function targetPath(input: InputFile, outDir: string | undefined, ext: string, docId: string | undefined): string {
  if (!input.absPath) return path.join(outDir ?? process.cwd(), `${docId ?? 'diagram'}.${ext}`);
  const name = outputName(path.basename(input.absPath), ext, docId);
  if (!outDir) return path.join(path.dirname(input.absPath), name);
  const rel = path.relative(input.base, path.dirname(input.absPath));
  return path.join(path.resolve(outDir), rel, name);
}

/** Reads an input within the size bound without loading an oversized file into memory. */
export function readInput(input: InputFile, limits: Limits): { text?: string; diagnostic?: Diagnostic } {
  const size = fs.statSync(input.absPath!).size;
  if (size > limits.maxBytes) {
    return { diagnostic: { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'input-too-large', message: `file is ${size} bytes; the limit is ${limits.maxBytes} (raise it with --max-bytes)`, path: '' } };
  }
  return { text: fs.readFileSync(input.absPath!, 'utf8') };
}

/** Compiles one input file to its outputs in memory; nothing is written here. */
export async function compileInput(input: InputFile, text: string, opts: BuildOptions): Promise<{ diagnostics: Diagnostic[]; outputs: BuiltOutput[] }> {
  const compileOptions: CompileOptions = { file: input.display, absPath: input.absPath, root: input.base, theme: opts.theme, limits: opts.limits, strict: opts.strict };
  const checked = checkSource(text, compileOptions);
  const outputs: BuiltOutput[] = [];
  const multi = checked.documents.length > 1 || checked.documents.some((d) => d.doc.count > 1);
  for (const doc of checked.documents) {
    if (!doc.ok) continue;
    const rendered = await renderDocument(doc, compileOptions);
    const docId = multi || !input.absPath ? rendered.id : undefined;
    for (const f of opts.formats) {
      const file = targetPath(input, opts.out, f, docId);
      if (f === 'svg') outputs.push({ file, bytes: rendered.svg });
      else if (f === 'mmd') outputs.push({ file, bytes: rendered.mermaid });
      else outputs.push({ file, bytes: await renderPng(rendered.svg, { scale: opts.scale }) });
    }
  }
  return { diagnostics: checked.diagnostics, outputs };
}

export async function runBuild(inputs: string[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const files = await resolveInputs(inputs);
  if (!files.length) throw new UsageError('no diagram files found in the given inputs (looked for *.yaml and *.yml holding a `kind`)');
  const toStdout = opts.out === '-';
  if (toStdout && opts.formats.length !== 1) throw new UsageError('-o - writes one diagram to standard output: choose exactly one format with -f');
  const limits = resolveLimits(opts.limits);
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let written = 0;
  let failed = 0;
  const stdoutOutputs: BuiltOutput[] = [];
  for (const input of files) {
    const read = input.absPath ? readInput(input, limits) : { text: await readStdin() };
    if (read.diagnostic) { all.push(read.diagnostic); failed++; continue; }
    sources.set(input.display, read.text!);
    const result = await compileInput(input, read.text!, { ...opts, out: toStdout ? undefined : opts.out });
    all.push(...result.diagnostics);
    if (result.diagnostics.some((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'))) failed++;
    if (toStdout) { stdoutOutputs.push(...result.outputs); continue; }
    for (const o of result.outputs) {
      try {
        writeFileAtomic(o.file, o.bytes);
        written++;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        stderr.write(`journeyflow: cannot write ${o.file}: ${e.code === 'EACCES' || e.code === 'EROFS' ? 'the output folder is not writable' : e.code === 'ENOSPC' ? 'the disk is full' : e.message}\n`);
        return 2;
      }
    }
  }
  printDiagnostics(all, opts.format, stderr, sources);
  if (toStdout) {
    if (stdoutOutputs.length > 1) throw new UsageError(`-o - writes one diagram, but the inputs hold ${stdoutOutputs.length}`);
    if (stdoutOutputs[0]) stdout.write(stdoutOutputs[0].bytes);
  } else if (!opts.quiet && opts.format === 'text') {
    stderr.write(`journeyflow: ${written} file(s) written from ${files.length} input(s)${all.length ? `; ${summary(all)}` : ''}\n`);
  }
  return failed ? 1 : 0;
}
