import fs from 'node:fs';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits } from '../load/limits.js';
import type { BuildOptions } from './build-options.js';
import { printDiagnostics, summary } from './diagnose.js';
import { openManifest, replayDiagnostics } from './incremental.js';
import { planInputs } from './plan.js';
import { forEachInput, resolveInputs, UsageError, type ContentHashes, type InputFile } from './inputs.js';
import { readRegularFile } from './read-file.js';
import { showControls } from '../diagnostics/terminal-text.js';

/**
 * Whether the file on disk holds exactly `bytes`. Read as a regular file, without following a
 * symlink, and never past the expected length: an output that is a FIFO, a device or a link to
 * /dev/zero is simply stale (build would replace it), never read.
 */
const same = (file: string, bytes: string | Uint8Array): boolean => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  const read = readRegularFile(file, expected.length);
  return read.bytes !== undefined && read.bytes.equals(expected);
};

const exists = (file: string): boolean => fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;

/**
 * Validates and lints like `validate`, then compares every output `build` would write with what is
 * on disk. Nothing is written. Exit 1 names each missing or stale file and the command that fixes it.
 * An input the build manifest vouches for (same text, same files read, every output on disk
 * hashing to what was written) is up to date without being compiled; any other is compiled.
 */
export async function runCheck(inputs: string[], opts: BuildOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (opts.out === '-') throw new UsageError('check compares files on disk; -o - is not possible here');
  const hashes: ContentHashes = new Map();
  const files = await resolveInputs(inputs, { allowOutside: opts.allowOutside, hashes });
  if (!files.length) throw new UsageError('no diagram files found in the given inputs');
  const limits = resolveLimits(opts.limits);
  const sources = new Map<string, string>();
  const missing: string[] = [];
  const stale: string[] = [];
  const view = openManifest(files, opts);
  if (view?.notice && !opts.quiet) stderr.write(`journeyflow: ${view.notice}\n`);
  const plan = view ? planInputs(view, files, limits, sources, hashes) : { stale: files, upToDate: [], replayed: [] };
  // Each input's diagnostics in its place, as one pass over the inputs in order reports them.
  const byInput = new Map<InputFile, Diagnostic[]>(files.map((f) => [f, []]));
  for (const { input, record } of plan.upToDate) byInput.get(input)!.push(...replayDiagnostics(record, input));
  let compared = plan.upToDate.reduce((n, { record }) => n + Object.keys(record.outputs).length, 0);
  const unreadable = await forEachInput(plan.stale, { limits, sources }, async (input, text) => {
    const { compileInput } = await import('./compile-input.js');
    const result = await compileInput(input, text, opts);
    byInput.get(input)!.push(...result.diagnostics);
    for (const o of result.outputs) {
      compared++;
      const shown = path.relative(process.cwd(), o.file) || o.file;
      if (!exists(o.file)) missing.push(shown);
      else if (!same(o.file, o.bytes)) stale.push(shown);
    }
  });
  const diagnostics = [...[...byInput.values()].flat(), ...unreadable];
  const confirmed = plan.upToDate.length;
  printDiagnostics(diagnostics, opts.format, stdout, sources);
  const errors = hasErrors(diagnostics, opts.strict);
  for (const f of missing) stdout.write(`missing: ${showControls(f)}\n`);
  for (const f of stale) stdout.write(`stale:   ${showControls(f)}\n`);
  if (missing.length || stale.length) {
    const fix = ['journeyflow build', ...inputs, ...(opts.out ? ['-o', opts.out] : []), '-f', opts.formats.join(','), ...(opts.theme ? ['-t', opts.theme] : []), ...(opts.formats.includes('png') ? ['-s', String(opts.scale)] : [])];
    stdout.write(`${missing.length + stale.length} of ${compared} output(s) out of date; run: ${fix.join(' ')}\n`);
  } else if (!opts.quiet && opts.format === 'text') {
    const byManifest = confirmed ? ` (${confirmed} of ${files.length} input(s) confirmed by the build manifest)` : '';
    stderr.write(`journeyflow: ${compared} output(s) up to date${byManifest}${diagnostics.length ? `; ${summary(diagnostics)}` : ''}\n`);
  }
  return errors || missing.length || stale.length ? 1 : 0;
}
