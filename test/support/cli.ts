import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'journeyflow.js');
/** The conformance cases, copied into test/cases so the suite needs nothing outside the repository. */
export const SHARED_CASES = path.join(ROOT, 'test', 'cases');

export interface CliOptions { cwd?: string; input?: string; env?: Record<string, string> }
export interface CliResult { code: number; stdout: string; stderr: string }

/** A stream that keeps what is written to it (no isTTY: no colours, no progress line, as in a pipe). */
class Capture extends Writable {
  private chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    done();
  }
  text(): string { return Buffer.concat(this.chunks).toString('utf8'); }
}

// Process-wide listeners a CLI run may add (write.ts removes temporaries on Ctrl-C, watch/serve stop
// on it). A real run ends with its process; in-process, each run's listeners are removed after it.
const PROCESS_EVENTS: Array<'SIGINT' | 'SIGTERM'> = ['SIGINT', 'SIGTERM'];

function snapshotProcess(env: Record<string, string>): () => void {
  const cwd = process.cwd();
  const listeners = PROCESS_EVENTS.map((e) => new Set(process.listeners(e)));
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    process.chdir(cwd);
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    PROCESS_EVENTS.forEach((e, i) => { for (const l of process.listeners(e)) if (!listeners[i].has(l)) process.removeListener(e, l as () => void); });
  };
}

async function runInProcess(args: string[], options: CliOptions): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const restore = snapshotProcess({ NO_COLOR: '1', ...options.env });
  try {
    process.chdir(options.cwd ?? ROOT);
    freshRunState();
    const { main } = await import('../../src/cli/main.js');
    // Standard input is always given: a run that reads `-` must never wait on the test runner's own stdin.
    const stdin = Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]);
    const code = await main(['node', 'journeyflow', ...args], stdout, stderr, { stdin });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    restore();
  }
}

/**
 * src/ modules whose module-level state depends on one run's files or process: each run gets fresh
 * copies of them (and of the src/ modules importing them), as a new process would.
 * test/harness/in-process.test.ts fails when a src/ module gains module-level state listed in
 * neither this nor PURE_STATE, so a new cache cannot leak from one run into the next unnoticed.
 */
export const RUN_STATE: Record<string, string> = {
  'src/cli/diff-git.ts': 'git roots and revisions by folder',
  'src/cli/write.ts': 'temporaries being written and the Ctrl-C hook',
};
/** Module-level state that cannot carry one run into the next (loaded from the repository's own files, or scoped to one call): kept warm. */
export const PURE_STATE: Record<string, string> = {
  'src/layout/elk.ts': 'the loaded ELK layouter and its recent layouts (a function of the input graph alone, bounded)',
  'src/layout/text.ts': 'width tables of the bundled fonts',
  'src/layout/line-break.ts': 'break opportunities by paragraph text (a function of the text alone, bounded) and the Intl word segmenter',
  'src/validate/schema.ts': 'validators compiled from schemas/',
  'src/render/png.ts': 'the resvg module and the character map of the shipped common subsets',
  'src/render/png-fonts.ts': 'the bundled fonts parsed for subsetting, a counter naming the temporary subset files and those not yet removed (all scoped to renders, none read by a later run)',
  'src/render/png-encode.ts': 'the CRC table of Node versions without zlib.crc32',
  'src/cli/inputs.ts': 'the stdin of a main() call, scoped to that call\'s async context, and a scratch buffer file heads are read into (overwritten by every read)',
  'src/cli/read-file.ts': 'a scratch buffer files are hashed through, overwritten by every read (never read by a later one)',
  'src/runtime/code-cache.ts': 'V8 code caches waiting to be written at exit (never read by a run)',
  'src/render/pdf/index.ts': 'the pdfkit module, loaded on first use',
  'src/render/pptx/lib.ts': 'the pptxgenjs module, loaded on first use',
  'src/runtime/duckdb-api.ts': 'the DuckDB module, loaded on first use (discover, the first Parquet data file)',
  'src/plugins/shared/render-worker.ts': 'the docs plugins\' queue of renders in their thread (not used by the CLI)',
  'src/plugins/shared/sync.ts': 'the docs plugins\' render thread (not used by the CLI)',
};

interface ModuleCache { has(id: string): boolean; get(id: string): { importers?: Set<string> }; invalidateModule(mod: object): void }

/**
 * Gives the next run fresh copies of the RUN_STATE modules and of every src/ module importing them
 * (up to main.ts), as a new process would have; everything else (ELK, schemas, fonts) stays loaded:
 * a small build took ~0.1-0.3 s this way against ~1 s with all of src/ evaluated again (measured
 * on a busy machine). Walks vitest's module cache; should that
 * internal ever change shape, it falls back to vi.resetModules() (every module fresh: slower, same result).
 */
function freshRunState(): void {
  const cache = (globalThis as { __vitest_worker__?: { moduleCache?: Partial<ModuleCache> } }).__vitest_worker__?.moduleCache;
  if (typeof cache?.has !== 'function' || typeof cache.get !== 'function' || typeof cache.invalidateModule !== 'function') { vi.resetModules(); return; }
  const src = path.join(ROOT, 'src') + path.sep;
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !id.startsWith(src)) return;
    seen.add(id);
    // Not loaded yet: nothing to refresh (get() would create an empty entry).
    if (!cache.has!(id)) return;
    const mod = cache.get!(id);
    const importers = [...(mod.importers ?? [])];
    cache.invalidateModule!(mod);
    importers.forEach(visit);
  };
  Object.keys(RUN_STATE).forEach((f) => visit(path.join(ROOT, f)));
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process, from src/ (so a test proves the source, not a stale build), with
 * its own stdout, stderr, standard input, working directory and environment. Runs are queued:
 * cwd and env are process-wide, so two runs never overlap.
 * What needs a real process (signals, exit behaviour, memory caps, watch, serve, the code cache, -j
 * worker pools) uses jfProcess instead. Without -j, a large build may still start worker threads by
 * itself; those load dist/ (see src/cli/pool.ts), which test/support/dist-fresh.test.ts keeps current.
 */
export function jf(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, options));
  queue = run.catch(() => undefined);
  return run;
}

export interface ProcessResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
export interface ProcessOptions extends CliOptions {
  /** Options for node itself (e.g. --max-old-space-size). */
  nodeArgs?: string[];
  /** Only bounds a hang: the process is killed (signal SIGKILL in the result) after this long. */
  timeoutMs?: number;
  /** Replaces process.env instead of extending it. */
  cleanEnv?: boolean;
}

/** Runs `node <args>` asynchronously (never spawnSync: it would block the test worker's messages to vitest). */
export function runNode(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const env = { ...(options.cleanEnv ? {} : process.env), NO_COLOR: '1', ...options.env };
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    // A child that exits before reading all of its input closes the pipe: that is not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Runs the built CLI (bin/ → dist/) in a new process, as a user would. `npm test` builds first (pretest). */
export function jfProcess(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  return runNode([BIN, ...args], options);
}

export function tmpDir(prefix = 'jf-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes files (path → text) under a fresh temporary folder and returns it. */
export function fixture(files: Record<string, string>): string {
  const dir = tmpDir();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
