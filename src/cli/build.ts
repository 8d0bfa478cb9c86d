import fs from 'node:fs';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits } from '../load/limits.js';
import type { MermaidEngine } from '../render/mermaid-engine.js';
import { printDiagnostics, summary } from './diagnose.js';
import type { BuildOptions, BuiltOutput } from './build-options.js';
import { learn, nextManifest, openManifest, recordOf, saveManifest, type Learnt } from './incremental.js';
import { planInputs, type Plan } from './plan.js';
import { forEachInput, resolveInputs, UsageError, type ContentHashes, type InputFile } from './inputs.js';
import { defaultJobs, estimateWorkMs, makeCompiler, perFile, type Compile, type CompiledInput } from './pool.js';
import { Progress } from './progress.js';
import { settleOrphans } from './prune.js';
import { selectShard } from './shard.js';
import { RefusedWrite, writeFileAtomic } from './write.js';

// The layout and render stack (./compile-input.js) is imported only once an input is to be
// compiled: a build where the manifest vouches for every input never loads it.
export interface BuildRun {
  diagnostics: Diagnostic[];
  written: string[];
  failedInputs: number;
  files: InputFile[];
  /** Inputs the build manifest vouched for: not compiled, nothing of theirs written. */
  upToDate: InputFile[];
  /** Lines about orphaned outputs and the manifest, printed after the diagnostics. */
  notes: string[];
}

/** Told of each input compiled, with the outputs that were written of it and when its compile was asked for. */
export type OnCompiled = (input: InputFile, bytes: Buffer, compiled: { result: CompiledInput; written: BuiltOutput[]; at: number }) => void;

/** Compiles inputs (in parallel where it pays) and writes each output whole as soon as it is ready. */
export async function buildFiles(files: InputFile[], opts: BuildOptions, stderr: NodeJS.WritableStream, engine?: MermaidEngine, sources?: Map<string, string>, onCompiled?: OnCompiled): Promise<BuildRun> {
  const run: BuildRun = { diagnostics: [], written: [], failedInputs: 0, files, upToDate: [], notes: [] };
  if (!files.length) return run;
  const { compileInput } = await import('./compile-input.js');
  const limits = resolveLimits(opts.limits);
  const inProcess: Compile = (input, text, o) => compileInput(input, text, o, engine);
  const bytes = files.reduce((sum, f) => { try { return sum + (f.absPath ? fs.statSync(f.absPath).size : 0); } catch { return sum; } }, 0);
  // An explicit -j N is obeyed; the default only goes parallel when the work pays for the workers.
  const estimate = opts.jobs !== undefined ? Infinity : estimateWorkMs(bytes, files.length, opts.formats.includes('png'));
  const { compile, close } = engine ? { compile: perFile(inProcess, 'mermaid engine failed'), close: async () => {} } : await makeCompiler(opts.jobs ?? defaultJobs(), files.length, inProcess, estimate);
  const progress = new Progress(stderr, files.length, opts.quiet);
  let done = 0;
  try {
    const unreadable = await forEachInput(files, { limits, sources, concurrent: true }, async (input, text, bytes) => {
      const at = Date.now();
      const result = await compile(input, text, opts);
      run.diagnostics.push(...result.diagnostics);
      if (hasErrors(result.diagnostics, opts.strict)) run.failedInputs++;
      const { written, refused } = writeOutputs(input, result.outputs, opts.out);
      run.written.push(...written.map((o) => o.file));
      run.diagnostics.push(...refused);
      if (refused.length && !hasErrors(result.diagnostics, opts.strict)) run.failedInputs++;
      if (bytes) onCompiled?.(input, bytes, { result, written, at });
      progress.tick(++done, input.display);
    });
    run.diagnostics.push(...unreadable);
    run.failedInputs += unreadable.length;
  } finally {
    progress.done();
    await close();
  }
  run.written.sort();
  return run;
}

export interface IncrementalBuild {
  /** Every input resolved, of which `files` may be one shard: the manifest's root is theirs. */
  all?: InputFile[];
  sources: Map<string, string>;
  /** Input hashes taken as the inputs were resolved (see ContentHashes). */
  hashes?: ContentHashes;
  /** Starts the Mermaid engine (`--engine mermaid`); called only when some input is to be compiled. */
  startEngine?: () => Promise<MermaidEngine>;
}

/**
 * Builds what changed: inputs the build manifest vouches for are skipped (their warnings
 * repeated), the rest compiled and written; then the manifest is brought up to date, orphaned
 * outputs reported or pruned. Without a manifest location (standard input) it builds everything.
 */
export async function buildIncremental(files: InputFile[], opts: BuildOptions, stderr: NodeJS.WritableStream, build: IncrementalBuild): Promise<BuildRun> {
  const view = openManifest(build.all ?? files, opts);
  const learnt: Learnt = new Map();
  // With a second core, the outputs of unchanged inputs are checked on it while the changed ones
  // compile, when there are enough of them to be worth a thread (planInputs, worthAThread).
  const aside = Math.min(opts.jobs ?? Infinity, defaultJobs()) > 1;
  const plan: Plan = view ? planInputs(view, files, resolveLimits(opts.limits), build.sources, build.hashes, aside) : { stale: files, upToDate: [], replayed: [] };
  const engine = plan.stale.length && build.startEngine ? await build.startEngine() : undefined;
  let run: BuildRun;
  let later: Plan | undefined;
  try {
    const onCompiled: OnCompiled | undefined = view && ((input, bytes, compiled) => learn(view, learnt, input, recordOf(view, input, bytes, compiled, opts.strict)));
    run = await buildFiles(plan.stale, opts, stderr, engine, build.sources, onCompiled);
    later = await plan.later;
    // Inputs whose outputs were found changed on disk (rare: a hand-edited or deleted output).
    if (later?.stale.length) run = joinRuns(run, await buildFiles(later.stale, opts, stderr, engine, build.sources, onCompiled));
  } finally {
    await engine?.close();
  }
  const upToDate = [...plan.upToDate, ...(later?.upToDate ?? [])];
  if (view) for (const { input, record } of upToDate) learn(view, learnt, input, record);
  const notes: string[] = view?.notice ? [`journeyflow: ${view.notice}`] : [];
  if (view) {
    const next = settleOrphans(nextManifest(view, learnt, files), view.location.root, Boolean(opts.prune), opts.quiet, notes);
    const problem = saveManifest(view, next);
    if (problem) notes.push(`journeyflow: ${problem}`);
  }
  const replayed = [...plan.replayed, ...(later?.replayed ?? [])];
  return { ...run, files, diagnostics: [...replayed, ...run.diagnostics], upToDate: upToDate.map((u) => u.input), notes };
}

const joinRuns = (a: BuildRun, b: BuildRun): BuildRun => ({
  ...a,
  diagnostics: [...a.diagnostics, ...b.diagnostics],
  written: [...a.written, ...b.written].sort(),
  failedInputs: a.failedInputs + b.failedInputs,
});

/**
 * Writes one input's outputs, each confined to the real `-o` folder. An output that would land
 * through a symlink leading out is a diagnostic of its input, and nothing is written there.
 */
function writeOutputs(input: InputFile, outputs: BuiltOutput[], outDir: string | undefined): { written: BuiltOutput[]; refused: Diagnostic[] } {
  const refused: Diagnostic[] = [];
  const written: BuiltOutput[] = [];
  const root = outDir === undefined ? undefined : path.resolve(outDir);
  for (const o of outputs) {
    try {
      writeFileAtomic(o.file, o.bytes, { root });
      written.push(o);
    } catch (err) {
      if (!(err instanceof RefusedWrite)) throw err;
      refused.push({ file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'output-outside', message: err.message, path: '' });
    }
  }
  return { written, refused };
}

export function writeErrorMessage(err: NodeJS.ErrnoException): string {
  const reason = err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' ? 'the output folder is not writable' : err.code === 'ENOSPC' ? 'the disk is full' : err.message;
  return `cannot write ${err.path ?? 'an output'}: ${reason}`;
}

export async function runBuild(inputs: string[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const hashes: ContentHashes = new Map();
  const all = await resolveInputs(inputs, { allowOutside: opts.allowOutside, hashes });
  if (!all.length) throw new UsageError('no diagram files found in the given inputs (looked for *.yaml and *.yml holding a `kind`)');
  const files = selectShard(all, (f) => f.display, opts.shard);
  const toStdout = opts.out === '-';
  if (toStdout && opts.formats.length !== 1) throw new UsageError('-o - writes one diagram to standard output: choose exactly one format with -f');
  const sources = new Map<string, string>();
  const startEngine = opts.engine === 'mermaid' ? async () => (await import('../render/mermaid-engine.js')).startMermaidEngine() : undefined;
  if (toStdout) return buildToStdout(files, opts, stdout, stderr, sources, startEngine);
  let run: BuildRun;
  try {
    run = await buildIncremental(files, opts, stderr, { all, sources, hashes, startEngine });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) { stderr.write(`journeyflow: ${writeErrorMessage(err as NodeJS.ErrnoException)}\n`); return 2; }
    throw err;
  }
  printDiagnostics(run.diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)), opts.format, stderr, sources);
  for (const note of run.notes) stderr.write(`${note}\n`);
  if (!opts.quiet && opts.format === 'text') {
    const upToDate = run.upToDate.length ? `, ${run.upToDate.length} up to date` : '';
    const shard = opts.shard && opts.shard.count > 1 ? ` (shard ${opts.shard.index}/${opts.shard.count}: ${files.length} of ${all.length} inputs)` : '';
    stderr.write(`journeyflow: ${run.written.length} file(s) written from ${files.length} input(s)${upToDate}${shard}${run.diagnostics.length ? `; ${summary(run.diagnostics)}` : ''}\n`);
  }
  return run.failedInputs ? 1 : 0;
}

async function buildToStdout(files: InputFile[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, sources: Map<string, string>, startEngine?: () => Promise<MermaidEngine>): Promise<number> {
  const limits = resolveLimits(opts.limits);
  const diagnostics: Diagnostic[] = [];
  const outputs: BuiltOutput[] = [];
  const { compileInput } = await import('./compile-input.js');
  const engine = await startEngine?.();
  try {
    diagnostics.push(...await forEachInput(files, { limits, sources }, async (input, text) => {
      const r = await compileInput(input, text, { ...opts, out: undefined }, engine);
      diagnostics.push(...r.diagnostics);
      outputs.push(...r.outputs);
    }));
  } finally {
    await engine?.close();
  }
  printDiagnostics(diagnostics, opts.format, stderr, sources);
  if (outputs.length > 1) throw new UsageError(`-o - writes one diagram, but the inputs hold ${outputs.length}`);
  if (outputs[0]) stdout.write(outputs[0].bytes);
  return hasErrors(diagnostics, opts.strict) ? 1 : 0;
}
