import path from 'node:path';
import { buildIncremental } from './build.js';
import type { BuildOptions } from './build-options.js';
import { printDiagnostics } from './diagnose.js';
import { resolveInputs, UsageError, type InputFile } from './inputs.js';
import { importPackage } from '../runtime/import-package.js';
import { showControls } from '../diagnostics/terminal-text.js';

/**
 * `build --watch`: builds everything once, then rebuilds as soon as a file is saved. Runs in this
 * process so ELK stays loaded and a rebuild of one diagram takes milliseconds. Every rebuild is
 * incremental over all inputs, so a saved subprocess or theme rebuilds exactly the diagrams that
 * read it, and the build manifest stays current for the next `build` or `check`. Resolves on SIGINT.
 */
export async function runWatch(inputs: string[], opts: BuildOptions, stderr: NodeJS.WritableStream, onBuilt?: (files: string[]) => void): Promise<number> {
  if (opts.out === '-' || inputs.includes('-')) throw new UsageError('--watch needs files or folders, not standard input or output');
  const { watch } = await importPackage<typeof import('chokidar')>('chokidar');
  const local: BuildOptions = { ...opts, jobs: 1 };
  let first = true;
  const build = async (files: InputFile[]) => {
    const sources = new Map<string, string>();
    const run = await buildIncremental(files, local, stderr, { sources });
    // After the first build, only what was compiled now is news; skipped inputs' warnings were shown.
    const skipped = new Set(first ? [] : run.upToDate.map((f) => f.display));
    first = false;
    const diagnostics = run.diagnostics.filter((d) => !skipped.has(d.file));
    printDiagnostics(diagnostics, opts.format, stderr, sources);
    for (const note of run.notes) stderr.write(`${note}\n`);
    const time = new Date().toTimeString().slice(0, 8);
    if (!opts.quiet) stderr.write(`[${time}] ${run.written.length} file(s) written${diagnostics.length ? `, ${diagnostics.length} problem(s)` : ''}\n`);
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
      // A YAML file that is not a diagram is a theme (or other file) diagrams read: the manifest
      // knows which, and the incremental build compiles those and the saved file only.
      await inputFor(file);
      await build([...known.values()]);
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
