import path from 'node:path';
import { buildFiles } from './build.js';
import type { BuildOptions } from './build-options.js';
import { printDiagnostics } from './diagnose.js';
import { resolveInputs, UsageError, type InputFile } from './inputs.js';
import { importPackage } from '../runtime/import-package.js';
import { showControls } from '../diagnostics/terminal-text.js';

/**
 * `build --watch`: builds everything once, then rebuilds a file as soon as it is saved. Runs in this
 * process so ELK stays loaded and a rebuild of one diagram takes milliseconds. Resolves on SIGINT.
 */
export async function runWatch(inputs: string[], opts: BuildOptions, stderr: NodeJS.WritableStream, onBuilt?: (files: string[]) => void): Promise<number> {
  if (opts.out === '-' || inputs.includes('-')) throw new UsageError('--watch needs files or folders, not standard input or output');
  const { watch } = await importPackage<typeof import('chokidar')>('chokidar');
  const local: BuildOptions = { ...opts, jobs: 1 };
  const build = async (files: InputFile[]) => {
    const sources = new Map<string, string>();
    const run = await buildFiles(files, local, stderr, undefined, sources);
    printDiagnostics(run.diagnostics, opts.format, stderr, sources);
    const time = new Date().toTimeString().slice(0, 8);
    if (!opts.quiet) stderr.write(`[${time}] ${run.written.length} file(s) written${run.diagnostics.length ? `, ${run.diagnostics.length} problem(s)` : ''}\n`);
    onBuilt?.(run.written);
  };
  const known = new Map((await resolveInputs(inputs, { allowOutside: opts.allowOutside })).map((f) => [f.absPath!, f]));
  await build([...known.values()]);
  // A theme file given with -t lies anywhere: watch it too, so an edit to it shows at once.
  const themeFile = opts.theme && /\.ya?ml$/i.test(opts.theme) ? [path.resolve(opts.theme)] : [];
  const watched = [...inputs.map((i) => path.resolve(i)), ...themeFile];
  /** The input a changed path belongs to: known already, or new in a watched folder. */
  const inputFor = async (file: string): Promise<InputFile | undefined> => {
    const abs = path.resolve(file);
    if (known.has(abs)) return known.get(abs);
    const found = (await resolveInputs(inputs, { allowOutside: opts.allowOutside }).catch(() => [] as InputFile[])).find((f) => f.absPath === abs);
    if (found) known.set(abs, found);
    return found;
  };
  const watcher = watch(watched, {
    ignoreInitial: true,
    ignored: (p: string) => /node_modules|\.git/.test(p) || (opts.out !== undefined && path.resolve(p).startsWith(path.resolve(opts.out) + path.sep)),
    // Short: editors save in one write or an atomic rename; a half-written file only costs one
    // diagnostic, and the next change event rebuilds it.
    awaitWriteFinish: { stabilityThreshold: 8, pollInterval: 4 },
  });
  let queue = Promise.resolve();
  const onChange = (file: string) => {
    if (!/\.ya?ml$/i.test(file)) return;
    queue = queue.then(async () => {
      // The same InputFile as in the first build keeps the same base, so the same output folder.
      const input = await inputFor(file);
      // A YAML file that is not a diagram is a theme (or other file) diagrams read: rebuild them all.
      if (input) await build([input]);
      else await build([...known.values()]);
    }).catch((err) => { stderr.write(`journeyflow: ${showControls((err as Error).message)}\n`); });
  };
  watcher.on('add', onChange).on('change', onChange);
  // An unreadable sub-folder (EACCES) must not end the watch: say so and keep watching the rest.
  watcher.on('error', (err) => stderr.write(`journeyflow: cannot watch ${showControls(String((err as NodeJS.ErrnoException).path ?? ''))}: ${showControls((err as Error).message)}; its changes will not rebuild\n`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  if (!opts.quiet) stderr.write(`watching ${inputs.join(', ')} (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    const stop = () => { void watcher.close().then(() => resolve(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
