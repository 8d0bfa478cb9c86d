import os from 'node:os';
import type { BuildOptions, BuiltOutput } from './build-options.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { InputFile } from './inputs.js';
import { importPackage } from '../runtime/import-package.js';

/** One compiled input: its problems, its outputs in memory, and the files besides it that it read. */
export interface CompiledInput { diagnostics: Diagnostic[]; outputs: BuiltOutput[]; dependencies: string[] }
export type Compile = (input: InputFile, text: string, opts: BuildOptions) => Promise<CompiledInput>;

/** Rough serial cost of a build, from input sizes and formats (PNG rasterizing dominates when asked). */
export function estimateWorkMs(totalBytes: number, files: number, png: boolean): number {
  return files * (40 + (png ? 180 : 0)) + totalBytes / 40;
}

export const defaultJobs = (): number => Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/** Memory one compile thread may take on a large diagram (ELK and the scene), for the thread cap. */
const THREAD_MEMORY = 256 * 1024 * 1024;

/**
 * Threads for a build: never more than files, cores, or half the machine's memory allows. More
 * threads than cores only add memory (`-j 64` on 200 files took 2.9 GB) and no speed.
 */
export function poolThreads(jobs: number, files: number): number {
  const byMemory = Math.max(1, Math.floor(os.totalmem() / 2 / THREAD_MEMORY));
  return Math.max(1, Math.min(jobs, files, defaultJobs(), byMemory));
}

/** The pool's worker entry. */
export const WORKER_FILE = new URL('../../bin/journeyflow-worker.cjs', import.meta.url).href;

/** A compile that fails unexpectedly costs its one file, reported as such; the build goes on. */
export function perFile(compile: Compile, what: string): Compile {
  return async (input, text, opts) => {
    try {
      return await compile(input, text, opts);
    } catch (err) {
      const message = `internal error while compiling (${what}): ${(err as Error)?.message ?? String(err)}`;
      return { diagnostics: [{ file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'internal-error', message, path: '' }], outputs: [], dependencies: [] };
    }
  };
}

/**
 * Compiles on worker threads (piscina) and in this thread when several files and jobs make it pay;
 * otherwise in this thread alone. With N threads, N - 1 are workers and this thread is the last:
 * it has the compiler loaded and warm already, where one more worker would load and warm up its
 * own (~1 s of CPU on a 500-diagram build, measured). A worker holds one task at a time, so a
 * worker that dies costs only the file it was compiling. Results come back
 * keyed by task, so output bytes never depend on scheduling. `workerFile` is the pool's entry
 * module (tests pass one that crashes).
 */
export async function makeCompiler(jobs: number, files: number, inProcess: Compile, estimatedMs = Infinity, workerFile = WORKER_FILE): Promise<{ compile: Compile; close: () => Promise<void> }> {
  const threads = poolThreads(jobs, files);
  const compileHere = perFile(inProcess, 'compiler failed');
  // Compiles in this thread resume each other through promises alone, which would keep the event
  // loop from a signal (Ctrl-C) and the workers' finished tasks until the build is over: they run
  // one after the other, each a turn of the loop after the one before.
  let previous: Promise<unknown> = Promise.resolve();
  const local: Compile = (input, text, opts) => {
    const run = previous.then(() => new Promise(setImmediate)).then(() => compileHere(input, text, opts));
    previous = run.catch(() => undefined);
    return run;
  };
  // A worker costs ~300 ms to start (modules, ELK); below a few seconds of work one thread wins.
  if (threads <= 1 || estimatedMs < 1500) return { compile: local, close: async () => {} };
  const { Piscina } = await importPackage<typeof import('piscina')>('piscina');
  const workers = threads - 1;
  const pool = new Piscina({ filename: workerFile, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  const remote = perFile(async (input, text, opts) => (await pool.run({ input, text, opts })) as CompiledInput, 'worker failed');
  const slots = new Slots(workers);
  return {
    compile: async (input, text, opts) => {
      const where = await slots.take();
      try {
        return await (where === 'pool' ? remote : local)(input, text, opts);
      } finally {
        slots.give(where);
      }
    },
    close: () => pool.destroy(),
  };
}

/** Where the next compile runs: a free place in the pool first (so the workers stay busy), else this thread, else it waits. */
class Slots {
  private here = false;
  private readonly waiting: Array<(where: 'pool' | 'here') => void> = [];
  constructor(private pool: number) {}

  take(): Promise<'pool' | 'here'> {
    if (this.pool > 0) { this.pool--; return Promise.resolve('pool'); }
    if (!this.here) { this.here = true; return Promise.resolve('here'); }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(where: 'pool' | 'here'): void {
    const next = this.waiting.shift();
    if (next) { next(where); return; }
    if (where === 'pool') this.pool++;
    else this.here = false;
  }
}
