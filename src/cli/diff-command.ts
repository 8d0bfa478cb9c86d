import path from 'node:path';
import type { Command } from 'commander';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { addLimitOptions, checkFontFiles, formatOption, limitsFrom, localeOption, parseScale } from './options.js';

/** Registers `journeyflow diff`; the diff machinery is loaded only when the command runs. */
export function addDiffCommand(program: Command, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, setCode: (code: number) => void): void {
  addLimitOptions(
    program.command('diff')
      .description('picture of what changed between two versions of a diagram (added, removed, changed), plus a Markdown summary')
      .argument('<inputs...>', '<old> <new>, or with --git: the current files, folders or globs')
      .option('--git <rev>', 'read the old side of each input from git at <rev> (e.g. HEAD~1, origin/main); no checkout needed')
      .option('-o, --out <file|dir>', 'output file (its extension is replaced per format) or folder; - for standard output (one format)')
      .option('-f, --formats <list>', 'comma-separated: svg, png, md, txt (default svg)', 'svg')
      .option('-t, --theme <theme>', 'default, dark, neutral, high-contrast or a theme .yaml file')
      .option('-s, --scale <n>', 'PNG zoom factor (default 2)', '2')
      .option('--font <file...>', 'extra font files for PNG (OTF/TTF)')
      .option('--image-base <url>', 'in Markdown, link the picture as <url>/<path of the SVG> (e.g. where CI publishes it)')
      .option('--exit-code', 'exit 1 when something changed (like git diff --exit-code)', false)
      .addOption(localeOption())
      .option('--strict', 'treat warnings as errors', false)
      .option('-q, --quiet', 'print only diagnostics', false)
      .addOption(formatOption()),
  ).action(async (inputs: string[], opts) => {
      // The same bounds and font checks as build: one rule for --scale and --font across commands.
      const scale = parseScale(opts.scale, '--scale');
      checkFontFiles(opts.font);
      const { runDiff, parseDiffFormats } = await import('./diff.js');
      setCode(await runDiff(inputs, {
        git: opts.git, locale: opts.locale, out: opts.out, formats: parseDiffFormats(opts.formats), theme: opts.theme, scale, fontFiles: opts.font?.map((f: string) => path.resolve(f)),
        exitCode: opts.exitCode, format: opts.format as DiagnosticFormat, quiet: opts.quiet, strict: opts.strict, limits: limitsFrom(opts), imageBase: opts.imageBase,
      }, stdout, stderr));
    });
}
