import type { Command } from 'commander';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { addLimitOptions, formatOption, limitsFrom } from './options.js';

/** Registers `journeyflow data template`; its code is loaded only when it runs. */
export function addDataCommand(program: Command, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, setCode: (code: number) => void): void {
  const data = program.command('data').description('data files that set a diagram\'s figures (`data: [{ file: metrics.csv }]`)');
  addLimitOptions(
    data.command('template')
      .description('write a CSV with the columns a diagram accepts and one row per element id, to fill in and name under `data:`')
      .argument('<input>', 'one diagram file')
      .option('-o, --out <file>', 'CSV file to write (default: standard output)')
      .addOption(formatOption()),
  ).action(async (input: string, o) => {
    const { runDataTemplate } = await import('./data-template.js');
    setCode(await runDataTemplate(input, { out: o.out, limits: limitsFrom(o), format: o.format as DiagnosticFormat }, stdout, stderr));
  });
}
