import { mermaidSizeProblem } from '../render/mermaid-text.js';
import fs from 'node:fs';
import path from 'node:path';
import { checkSource, drawDocument, layoutDiagnostic, readDataAhead, type CompileOptions } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits } from '../load/limits.js';
import { outputName } from '../load/references.js';
import type { MermaidEngine } from '../render/mermaid-engine.js';
import { renderPng } from '../render/png.js';
import { renderTxt } from '../render/txt/index.js';
import { printDiagnostics, summary } from './diagnose.js';
import type { BuildOptions, BuiltOutput } from './build-options.js';
import { forEachInput, resolveInputs, UsageError, type InputFile } from './inputs.js';
import { isSceneFormat, SCENE_FORMATS, type ScenePage } from './formats.js';
import { defaultJobs, estimateWorkMs, makeCompiler, perFile, type Compile } from './pool.js';
import { Progress } from './progress.js';
import { selectShard } from './shard.js';
import { RefusedWrite, writeFileAtomic } from './write.js';

/** Where an output goes: under -o keeping the input's folder layout, or beside the input. */
function targetPath(input: InputFile, outDir: string | undefined, ext: string, docId: string | undefined): string {
  if (!input.absPath) return path.join(outDir ?? process.cwd(), `${docId ?? 'diagram'}.${ext}`);
  const name = outputName(path.basename(input.absPath), ext, docId);
  if (!outDir) return path.join(path.dirname(input.absPath), name);
  const rel = path.relative(input.base, path.dirname(input.absPath));
  return path.join(path.resolve(outDir), rel, name);
}

/** Compiles one input file to its outputs in memory; nothing is written here. */
export async function compileInput(input: InputFile, text: string, opts: BuildOptions, engine?: MermaidEngine): Promise<{ diagnostics: Diagnostic[]; outputs: BuiltOutput[] }> {
  const compileOptions: CompileOptions = { file: input.display, absPath: input.absPath, root: input.base, theme: opts.theme, locale: opts.locale, limits: opts.limits, strict: opts.strict };
  compileOptions.dataTables = await readDataAhead(text, compileOptions);
  const checked = checkSource(text, compileOptions);
  const outputs: BuiltOutput[] = [];
  const multi = checked.documents.length > 1 || checked.documents.some((d) => d.doc.count > 1);
  // Only what the formats need: mmd and txt never wait for a layout, svg never writes Mermaid.
  const sceneFormats = opts.formats.filter(isSceneFormat);
  const drawing = sceneFormats.length > 0 || (!engine && opts.formats.some((f) => f === 'svg' || f === 'png'));
  const needsMermaid = Boolean(engine) || opts.formats.includes('mmd');
  const pages: ScenePage[] = [];
  for (const doc of checked.documents) {
    if (!doc.ok) continue;
    let svg = '';
    if (drawing) {
      try {
        const drawn = await drawDocument(doc, compileOptions);
        svg = drawn.svg;
        pages.push({ scene: drawn.scene, svg, name: path.basename(targetPath(input, undefined, 'svg', multi || !input.absPath ? doc.model.id : undefined)) });
      } catch (err) {
        // The layout engine can fail on extreme graphs (e.g. its recursion depth); that costs this
        // diagram only, reported at the document like any other problem.
        checked.diagnostics.push(layoutDiagnostic(doc, err, ', or run journeyflow with "node --stack-size=16000"'));
        continue;
      }
    }
    const mermaid = needsMermaid ? await doc.definition.toMermaid(doc.model) : '';
    const tooLong = opts.formats.includes('mmd') ? mermaidSizeProblem(mermaid) : undefined;
    if (tooLong) checked.diagnostics.push(doc.doc.diagnostic([], 'mermaid-too-large', tooLong, 'warning'));
    const docId = multi || !input.absPath ? doc.model.id : undefined;
    for (const f of opts.formats) {
      const file = targetPath(input, opts.out, f, docId);
      if (isSceneFormat(f)) continue;
      if (f === 'mmd') outputs.push({ file, bytes: mermaid });
      else if (f === 'txt') outputs.push({ file, bytes: renderTxt(await doc.definition.toText(doc.model)) });
      else if (engine) outputs.push({ file, bytes: await engine.render(mermaid, f, f === 'png' ? opts.scale : 1) });
      else if (f === 'svg') outputs.push({ file, bytes: svg });
      else outputs.push({ file, bytes: await renderPng(svg, { scale: opts.scale, fontFiles: opts.fontFiles }) });
    }
  }
  if (pages.length) outputs.push(...(await sceneOutputs(input, pages, sceneFormats, opts, multi)));
  return { diagnostics: checked.diagnostics, outputs };
}

/** The scene formats of one input: a file holding every diagram as a page, or one file per diagram. */
async function sceneOutputs(input: InputFile, pages: ScenePage[], formats: Array<keyof typeof SCENE_FORMATS>, opts: BuildOptions, multi: boolean): Promise<BuiltOutput[]> {
  const outputs: BuiltOutput[] = [];
  for (const f of formats) {
    const spec = SCENE_FORMATS[f];
    const render = await spec.load();
    // Links between diagrams name each other's output of the same format.
    const named = pages.map((p) => ({ ...p, name: p.name.replace(/\.svg$/, `.${spec.ext}`) }));
    if (spec.per === 'file') outputs.push({ file: targetPath(input, opts.out, spec.ext, undefined), bytes: await render(named, opts.sceneOptions ?? {}) });
    else for (const p of named) outputs.push({ file: targetPath(input, opts.out, spec.ext, multi || !input.absPath ? p.scene.id : undefined), bytes: await render([p], opts.sceneOptions ?? {}) });
  }
  return outputs;
}

export interface BuildRun {
  diagnostics: Diagnostic[];
  written: string[];
  failedInputs: number;
  files: InputFile[];
}

/** Compiles inputs (in parallel where it pays) and writes each output whole as soon as it is ready. */
export async function buildFiles(files: InputFile[], opts: BuildOptions, stderr: NodeJS.WritableStream, engine?: MermaidEngine, sources?: Map<string, string>): Promise<BuildRun> {
  const limits = resolveLimits(opts.limits);
  const inProcess: Compile = (input, text, o) => compileInput(input, text, o, engine);
  const bytes = files.reduce((sum, f) => { try { return sum + (f.absPath ? fs.statSync(f.absPath).size : 0); } catch { return sum; } }, 0);
  // An explicit -j N is obeyed; the default only goes parallel when the work pays for the workers.
  const estimate = opts.jobs !== undefined ? Infinity : estimateWorkMs(bytes, files.length, opts.formats.includes('png'));
  const { compile, close } = engine ? { compile: perFile(inProcess, 'mermaid engine failed'), close: async () => {} } : await makeCompiler(opts.jobs ?? defaultJobs(), files.length, inProcess, estimate);
  const progress = new Progress(stderr, files.length, opts.quiet);
  const diagnostics: Diagnostic[] = [];
  const written: string[] = [];
  let failedInputs = 0;
  let done = 0;
  try {
    const unreadable = await forEachInput(files, { limits, sources, concurrent: true }, async (input, text) => {
      const result = await compile(input, text, opts);
      diagnostics.push(...result.diagnostics);
      if (hasErrors(result.diagnostics, opts.strict)) failedInputs++;
      const refused = writeOutputs(input, result.outputs, opts.out, written);
      diagnostics.push(...refused);
      if (refused.length && !hasErrors(result.diagnostics, opts.strict)) failedInputs++;
      progress.tick(++done, input.display);
    });
    diagnostics.push(...unreadable);
    failedInputs += unreadable.length;
  } finally {
    progress.done();
    await close();
  }
  return { diagnostics, written: written.sort(), failedInputs, files };
}

/**
 * Writes one input's outputs, each confined to the real `-o` folder. An output that would land
 * through a symlink leading out is a diagnostic of its input, and nothing is written there.
 */
function writeOutputs(input: InputFile, outputs: BuiltOutput[], outDir: string | undefined, written: string[]): Diagnostic[] {
  const refused: Diagnostic[] = [];
  const root = outDir === undefined ? undefined : path.resolve(outDir);
  for (const o of outputs) {
    try {
      writeFileAtomic(o.file, o.bytes, { root });
      written.push(o.file);
    } catch (err) {
      if (!(err instanceof RefusedWrite)) throw err;
      refused.push({ file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'output-outside', message: err.message, path: '' });
    }
  }
  return refused;
}

export function writeErrorMessage(err: NodeJS.ErrnoException): string {
  const reason = err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? 'the output folder is not writable' : err.code === 'ENOSPC' ? 'the disk is full' : err.message;
  return `cannot write ${err.path ?? 'an output'}: ${reason}`;
}

export async function runBuild(inputs: string[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const all = await resolveInputs(inputs, { allowOutside: opts.allowOutside });
  if (!all.length) throw new UsageError('no diagram files found in the given inputs (looked for *.yaml and *.yml holding a `kind`)');
  const files = selectShard(all, (f) => f.display, opts.shard);
  const toStdout = opts.out === '-';
  if (toStdout && opts.formats.length !== 1) throw new UsageError('-o - writes one diagram to standard output: choose exactly one format with -f');
  const sources = new Map<string, string>();
  let engine: MermaidEngine | undefined;
  if (opts.engine === 'mermaid') {
    const { startMermaidEngine } = await import('../render/mermaid-engine.js');
    engine = await startMermaidEngine();
  }
  try {
    if (toStdout) return await buildToStdout(files, opts, stdout, stderr, sources, engine);
    let run: BuildRun;
    try {
      run = await buildFiles(files, opts, stderr, engine, sources);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code) { stderr.write(`journeyflow: ${writeErrorMessage(err as NodeJS.ErrnoException)}\n`); return 2; }
      throw err;
    }
    printDiagnostics(run.diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)), opts.format, stderr, sources);
    if (!opts.quiet && opts.format === 'text') {
      const shard = opts.shard && opts.shard.count > 1 ? ` (shard ${opts.shard.index}/${opts.shard.count}: ${files.length} of ${all.length} inputs)` : '';
      stderr.write(`journeyflow: ${run.written.length} file(s) written from ${files.length} input(s)${shard}${run.diagnostics.length ? `; ${summary(run.diagnostics)}` : ''}\n`);
    }
    return run.failedInputs ? 1 : 0;
  } finally {
    await engine?.close();
  }
}

async function buildToStdout(files: InputFile[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, sources: Map<string, string>, engine?: MermaidEngine): Promise<number> {
  const limits = resolveLimits(opts.limits);
  const diagnostics: Diagnostic[] = [];
  const outputs: BuiltOutput[] = [];
  diagnostics.push(...await forEachInput(files, { limits, sources }, async (input, text) => {
    const r = await compileInput(input, text, { ...opts, out: undefined }, engine);
    diagnostics.push(...r.diagnostics);
    outputs.push(...r.outputs);
  }));
  printDiagnostics(diagnostics, opts.format, stderr, sources);
  if (outputs.length > 1) throw new UsageError(`-o - writes one diagram, but the inputs hold ${outputs.length}`);
  if (outputs[0]) stdout.write(outputs[0].bytes);
  return hasErrors(diagnostics, opts.strict) ? 1 : 0;
}
