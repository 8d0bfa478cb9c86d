import path from 'node:path';
import { buildFiles, type BuildOptions } from './build.js';
import { printDiagnostics } from './diagnose.js';
import { resolveInputs, UsageError, type InputFile } from './inputs.js';

/**
 * `build --watch`: builds everything once, then rebuilds a file as soon as it is saved. Runs in this
 * process so ELK stays loaded and a rebuild of one diagram takes milliseconds. Resolves on SIGINT.
 */
export async function runWatch(inputs: string[], opts: BuildOptions, stderr: NodeJS.WritableStream, onBuilt?: (files: string[]) => void): Promise<number> {
  if (opts.out === '-' || inputs.includes('-')) throw new UsageError('--watch needs files or folders, not standard input or output');
  const { watch } = await import('chokidar');
  const local: BuildOptions = { ...opts, jobs: 1 };
  const build = async (files: InputFile[]) => {
    const sources = new Map<string, string>();
    const run = await buildFiles(files, local, stderr, undefined, sources);
    printDiagnostics(run.diagnostics, opts.format, stderr, sources);
    const time = new Date().toTimeString().slice(0, 8);
    if (!opts.quiet) stderr.write(`[${time}] ${run.written.length} file(s) written${run.diagnostics.length ? `, ${run.diagnostics.length} problem(s)` : ''}\n`);
    onBuilt?.(run.written);
  };
  await build(await resolveInputs(inputs));
  const watched = inputs.map((i) => path.resolve(i));
  const watcher = watch(watched, {
    ignoreInitial: true,
    ignored: (p: string) => /node_modules|\.git/.test(p) || (opts.out !== undefined && path.resolve(p).startsWith(path.resolve(opts.out) + path.sep)),
    awaitWriteFinish: { stabilityThreshold: 20, pollInterval: 10 },
  });
  let queue = Promise.resolve();
  const onChange = (file: string) => {
    if (!/\.ya?ml$/i.test(file)) return;
    queue = queue.then(async () => {
      // Resolve again so the file keeps the same base (and output folder) as in the first build.
      const all = await resolveInputs(inputs).catch(() => [] as InputFile[]);
      const hit = all.filter((f) => f.absPath === path.resolve(file));
      if (hit.length) await build(hit);
    }).catch((err) => { stderr.write(`journeyflow: ${(err as Error).message}\n`); });
  };
  watcher.on('add', onChange).on('change', onChange);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  if (!opts.quiet) stderr.write(`watching ${inputs.join(', ')} (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    const stop = () => { void watcher.close().then(() => resolve(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
