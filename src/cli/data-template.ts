/**
 * `journeyflow data template x.flow.yaml`: the CSV a team fills to bind its figures, with the
 * columns the diagram's kind accepts (KindDefinition.data) and one row per element id. Each row
 * carries the element's label for the people filling it in (binding ignores `label`); labels are
 * free text, so every field is written safe against CSV injection (csvText).
 */
import path from 'node:path';
import { checkSource, type CheckedDocument } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticFormat } from '../diagnostics/format.js';
import { csvText } from '../load/data/csv.js';
import { valueAt } from '../load/data/targets.js';
import type { Limits } from '../load/limits.js';
import { resolveLimits } from '../load/limits.js';
import { printDiagnostics } from './diagnose.js';
import { forEachInput, resolveInputs, UsageError } from './inputs.js';
import { writeFileAtomic } from './write.js';

export interface DataTemplateOptions { out?: string; limits: Partial<Limits>; format: DiagnosticFormat }

/** Problems that leave a document's elements unknown: no template can be made from it. */
const BLOCKING = new Set(['yaml-syntax', 'schema', 'input-too-large']);

/** Header and rows of the template of some documents: `id`, `label`, then every column their elements take. */
export function templateRows(documents: readonly CheckedDocument[]): string[][] {
  const columns: string[] = [];
  const rows = new Map<string, string>();
  for (const { doc, definition } of documents) {
    for (const t of definition.data.targets(doc.value)) {
      for (const c of t.columns) if (!columns.includes(c.name)) columns.push(c.name);
      const entry = valueAt(doc.value, t.path);
      const label = !t.chain && entry && typeof entry === 'object' && typeof (entry as { label?: unknown }).label === 'string' ? (entry as { label: string }).label : '';
      if (!rows.has(t.id)) rows.set(t.id, label);
    }
  }
  return [['id', 'label', ...columns], ...[...rows].map(([id, label]) => [id, label, ...columns.map(() => '')])];
}

export async function runDataTemplate(input: string, opts: DataTemplateOptions, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  const files = await resolveInputs([input]);
  if (files.length !== 1) throw new UsageError(`data template takes one diagram file; "${input}" names ${files.length}`);
  const sources = new Map<string, string>();
  let result: string[][] | undefined;
  const problems: Diagnostic[] = [];
  problems.push(...await forEachInput(files, { limits: resolveLimits(opts.limits), sources }, async (file, text) => {
    const checked = checkSource(text, { file: file.display, absPath: file.absPath, root: file.base, limits: opts.limits });
    const blocking = checked.diagnostics.filter((d) => d.file === file.display && d.severity === 'error' && BLOCKING.has(d.rule));
    if (blocking.length || !checked.documents.length) { problems.push(...blocking); return; }
    result = templateRows(checked.documents);
  }));
  if (!result) {
    printDiagnostics(problems, opts.format, stderr, sources);
    stderr.write(`journeyflow: no template written: ${files[0].display} must hold a diagram that passes its schema\n`);
    return 1;
  }
  const csv = csvText(result);
  if (!opts.out || opts.out === '-') stdout.write(csv);
  else {
    writeFileAtomic(path.resolve(opts.out), csv);
    stderr.write(`journeyflow: ${path.relative(process.cwd(), path.resolve(opts.out)) || opts.out} written (${result.length - 1} element id(s))\n`);
  }
  return 0;
}
