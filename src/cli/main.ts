import { Command, CommanderError, Option } from 'commander';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { readSchema } from '../validate/schema.js';
import { KIND_DEFINITIONS, KIND_NAMES, listText, type DiagramKind } from '../kinds/registry.js';
import type { BuildOptions } from './build-options.js';
import { TEMPLATES } from './init.js';
import { configNotice, loadConfig } from './config.js';
import { parseShard } from './shard.js';
import { MissingEngineError } from '../render/engine-error.js';
import { LayoutTooComplexError } from '../layout/budget.js';
import path from 'node:path';
import { stdinSource, UsageError } from './inputs.js';
import { showControls } from '../diagnostics/terminal-text.js';
import { addLimitOptions, checkFontFiles, formatOption, limitsFrom, localeOption, parseFormats, parseScale } from './options.js';
import { addDiffCommand } from './diff-command.js';
import { addServerCommand, whole } from './server-command.js';
import { addDataCommand } from './data-command.js';
import { addDiscoverCommand } from './discover-command.js';
import { VERSION } from './version.js';


export interface MainOptions {
  /** What `-` reads instead of process.stdin (tests run the CLI in-process with their own input). */
  stdin?: NodeJS.ReadableStream;
}

/** The font files after checking each is a usable font (a usage error otherwise). */
const fontFiles = (files: string[] | undefined): string[] | undefined => { checkFontFiles(files); return files; };

/** The command line; returns the exit code (0 ok, 1 input errors, 2 usage or internal failure). */
export async function main(argv: string[], stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr, options: MainOptions = {}): Promise<number> {
  let code = 0;
  const program = new Command('journeyflow')
    .description(`Compile ${listText(KIND_DEFINITIONS.map((d) => d.summary), 'and')} from YAML to SVG, PNG and Mermaid.`)
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.write(s), writeErr: (s) => stderr.write(s) })
    .showSuggestionAfterError(true);

  const outputOptions = (cmd: Command) => addLimitOptions(cmd
    .argument('<inputs...>', 'files, folders, globs or - for standard input')
    .option('-o, --out <dir>', 'output folder (keeps the inputs\' folder layout); - for standard output')
    .option('-f, --formats <list>', 'comma-separated formats: svg, png, mmd, txt, pptx, drawio, drawio.svg, pdf (default svg)')
    .option('-t, --theme <theme>', 'default, dark, neutral, high-contrast or a theme .yaml file')
    .option('-s, --scale <n>', 'PNG zoom factor (default 2)')
    .option('-j, --jobs <n>', 'worker threads (default: the number of cores)')
    .option('--shard <i/n>', 'build only part i of n of the inputs (stable split for parallel CI machines)')
    .addOption(new Option('--engine <engine>', 'native (default) or mermaid (renders the Mermaid through mermaid-cli and Chromium)').choices(['native', 'mermaid']))
    .option('--font <file...>', 'extra font files for PNG (OTF/TTF)')
    .addOption(new Option('--page <size>', 'PDF page: fit (default: each page the diagram\'s size), a4, a3 or letter (landscape for wide diagrams)').choices(['fit', 'a4', 'a3', 'letter']))
    .option('--one-slide', 'PPTX: keep a wide journey on one slide instead of one slide per group of stages', false)
    .addOption(localeOption())
    .option('--strict', 'treat warnings as errors', false)
    .option('--allow-outside', 'read inputs that are, or are symlinks to, files outside the folder they were named in', false)
    .option('--cache <dir>', 'keep the build manifest in this folder (default: the output folder, or the inputs\' folder without -o)')
    .option('--force', 'compile every input, even those the build manifest says are up to date', false)
    .option('-q, --quiet', 'print only diagnostics', false)
    .addOption(formatOption()));
  const buildOptions = (o: Record<string, any>): BuildOptions => {
    const config = loadConfig();
    const notice = configNotice(config);
    if (notice && !o.quiet) stderr.write(`journeyflow: ${notice}\n`);
    const scale = o.scale !== undefined ? parseScale(o.scale, '--scale') : config.scale !== undefined ? parseScale(config.scale, `${config.file}: "scale"`) : 2;
    const jobs = o.jobs !== undefined ? Number(o.jobs) : config.jobs;
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs must be a whole number ≥ 1, got "${o.jobs}"`);
    return {
      out: o.out ?? config.out,
      formats: parseFormats(o.formats ?? config.formats ?? 'svg'),
      theme: o.theme ?? config.theme,
      locale: o.locale,
      scale,
      jobs,
      shard: o.shard ? parseShard(o.shard) : undefined,
      engine: o.engine ?? config.engine ?? 'native',
      fontFiles: fontFiles(o.font ? o.font.map((f: string) => path.resolve(f)) : config.fonts),
      strict: o.strict,
      limits: limitsFrom(o),
      format: o.format as DiagnosticFormat,
      quiet: o.quiet,
      sceneOptions: { page: o.page, oneSlide: o.oneSlide },
      allowOutside: o.allowOutside,
      cache: o.cache,
      force: o.force,
      prune: o.prune,
    };
  };

  outputOptions(program.command('build').description('compile diagrams to SVG, PNG and/or Mermaid'))
    .option('-w, --watch', 'rebuild whenever an input changes', false)
    .option('--prune', 'remove outputs journeyflow wrote for inputs deleted since (only files the build manifest lists)', false)
    .action(async (inputs: string[], o) => {
      // Each command's code is loaded when it runs, so every command starts with only what it needs.
      if (o.watch) { code = await (await import('./watch.js')).runWatch(inputs, buildOptions(o), stderr); return; }
      code = await (await import('./build.js')).runBuild(inputs, buildOptions(o), stdout, stderr);
    });

  outputOptions(program.command('check').description('validate, lint, and fail if an output is missing or not what build would write now'))
    .action(async (inputs: string[], o) => { code = await (await import('./check.js')).runCheck(inputs, buildOptions(o), stdout, stderr); });

  addLimitOptions(
    program.command('validate')
      .description('check diagrams against the schema and the semantic rules, without rendering')
      .argument('<inputs...>', 'files, folders, globs or - for standard input')
      .option('--strict', 'treat warnings as errors', false)
      .option('--allow-outside', 'read inputs that are, or are symlinks to, files outside the folder they were named in', false)
      .option('-q, --quiet', 'no summary line', false)
      .addOption(formatOption()),
  ).action(async (inputs: string[], o) => {
    code = await (await import('./validate.js')).runValidate(inputs, { format: o.format as DiagnosticFormat, strict: o.strict, limits: limitsFrom(o), quiet: o.quiet, allowOutside: o.allowOutside }, stdout, stderr);
  });

  program.command('md')
    .description('render ```journeyflow blocks in Markdown files into Mermaid blocks or SVG image links')
    .argument('<files...>', 'Markdown files, rewritten in place')
    .addOption(new Option('--mode <mode>', 'mermaid: a ```mermaid block; svg: an image link to an SVG written beside the file').choices(['mermaid', 'svg']).default('mermaid'))
    .option('-t, --theme <theme>', 'theme for SVGs')
    .addOption(localeOption())
    .option('--check', 'write nothing; exit 1 if a file would change', false)
    .option('-q, --quiet', 'print only diagnostics', false)
    .addOption(formatOption())
    .action(async (files: string[], o) => {
      code = await (await import('./md.js')).runMd(files, { mode: o.mode, theme: o.theme, locale: o.locale, format: o.format as DiagnosticFormat, check: o.check, quiet: o.quiet }, stdout, stderr);
    });

  program.command('serve')
    .description('local live preview in the browser: rebuilds on save, shows errors in the page')
    .argument('<inputs...>', 'files, folders or globs')
    .option('-p, --port <n>', 'port (0 picks a free one)', '4400')
    .option('--host <host>', 'address to bind (default 127.0.0.1: this machine only)', '127.0.0.1')
    .option('-t, --theme <theme>', 'theme for the previews')
    .option('--allow-outside', 'read inputs that are, or are symlinks to, files outside the folder they were named in', false)
    .option('--follow', 'the page at / shows the diagram file saved last (for an editor\'s preview pane)', false)
    .option('-j, --jobs <n>', 'preview threads: diagrams drawn at once (default 2, or 1 on one core)')
    .option('--timeout <ms>', 'time limit of one preview; past it its thread is ended and the page says so (default 30000)')
    .action(async (inputs: string[], o) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${o.port}"`);
      const jobs = o.jobs === undefined ? undefined : whole('--jobs', o.jobs, 1, 64);
      const timeoutMs = o.timeout === undefined ? undefined : whole('--timeout', o.timeout, 1);
      code = await (await import('./serve.js')).runServe(inputs, { port, host: o.host, theme: o.theme, quiet: false, follow: o.follow, allowOutside: o.allowOutside, jobs, timeoutMs }, stderr);
    });

  program.command('init')
    .description('create diagram files from templates')
    .argument('[dir]', 'folder to create them in (default: the current folder)')
    .addOption(new Option('--template <name>', 'one template (default: all)').choices(Object.keys(TEMPLATES)))
    .option('--force', 'overwrite existing files', false)
    .option('--list', 'list the templates', false)
    .action(async (dir: string | undefined, o) => {
      if (o.list) { for (const [name, t] of Object.entries(TEMPLATES)) stdout.write(`${name.padEnd(20)} ${t.description}\n`); return; }
      code = (await import('./init.js')).runInit(dir, o.template, o.force, stderr);
    });

  // journeyflow diff (issue 11): src/cli/diff.ts
  addDiffCommand(program, stdout, stderr, (c) => { code = c; });

  // journeyflow server (issue 20): src/server/
  addServerCommand(program, stderr, (c) => { code = c; });

  // journeyflow data template (issue 25): src/cli/data-template.ts
  addDataCommand(program, stdout, stderr, (c) => { code = c; });

  // journeyflow discover (issue 25): src/discover/
  addDiscoverCommand(program, stdout, stderr, (c) => { code = c; });

  // journeyflow lsp (issue 22): src/lsp/
  program.command('lsp').description('language server for editors (LSP over standard input and output)').option('--stdio', 'talk over standard input and output (the default; editors pass it)')
    // vscode-languageserver reads it from argv itself and exits when that process is gone.
    .option('--clientProcessId <pid>', 'the editor\'s process id (vscode-languageclient passes it): the server exits when the editor does')
    .action(async () => { code = await (await import('../lsp/server.js')).runLsp(); });

  program.command('schema')
    .description('print the JSON Schema of a diagram kind, or of theme files (`schema theme`)')
    .argument('[kind]', `${listText()}, or theme`, 'flow')
    .action((kind: string) => {
      // `theme` is not a diagram kind: schemas/theme.schema.json describes theme files.
      if (kind !== 'theme' && !KIND_NAMES.includes(kind as DiagramKind)) throw new UsageError(`unknown kind "${kind}"; use ${KIND_NAMES.join(', ')} or theme`);
      stdout.write(JSON.stringify(readSchema(kind), null, 2) + '\n');
    });

  try {
    await (options.stdin ? stdinSource.run(options.stdin, () => program.parseAsync(argv)) : program.parseAsync(argv));
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || err instanceof MissingEngineError) { stderr.write(`journeyflow: ${showControls(err.message, true)}\n`); return 2; }
    // Commands that lay out without a per-diagram catch (md, diff): the input's problem, said as such.
    if (err instanceof LayoutTooComplexError) { stderr.write(`journeyflow: [layout-too-complex] a diagram is too complex to lay out: ${showControls(err.message, true)}\n`); return 1; }
    stderr.write(`journeyflow: internal error: ${showControls((err as Error)?.message ?? String(err), true)}\n`);
    if (process.env.JOURNEYFLOW_DEBUG) stderr.write(`${(err as Error)?.stack}\n`);
    return 2;
  }
}
