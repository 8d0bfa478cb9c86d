import { checkSource, readDataAhead, type CompileOptions } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import type { Limits } from '../load/limits.js';
import { resolveLimits } from '../load/limits.js';
import { printDiagnostics, summary } from './diagnose.js';
import { forEachInput, resolveInputs, UsageError } from './inputs.js';

export interface ValidateOptions { format: DiagnosticFormat; strict: boolean; limits: Partial<Limits>; quiet?: boolean; allowOutside?: boolean }

/** Schema and semantic rules only: never loads layout, fonts or the rasterizer. */
export async function runValidate(inputs: string[], opts: ValidateOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const files = await resolveInputs(inputs, { allowOutside: opts.allowOutside });
  if (!files.length) throw new UsageError('no diagram files found in the given inputs');
  const limits = resolveLimits(opts.limits);
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  let documents = 0;
  all.push(...await forEachInput(files, { limits, sources }, async (input, text) => {
    const options: CompileOptions = { file: input.display, absPath: input.absPath, root: input.base, limits: opts.limits, strict: opts.strict };
    const result = checkSource(text, { ...options, dataTables: await readDataAhead(text, options) });
    documents += result.documents.length;
    all.push(...result.diagnostics);
  }));
  printDiagnostics(all, opts.format, stdout, sources);
  if (opts.format === 'text' && !opts.quiet) stderr.write(`journeyflow: ${documents} diagram(s) in ${files.length} file(s) checked; ${summary(all)}\n`);
  return hasErrors(all, opts.strict) ? 1 : 0;
}
