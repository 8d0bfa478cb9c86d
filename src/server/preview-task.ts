import { checkSource, drawDocument, layoutDiagnostic, readDataAhead, type CheckResult, type CompileOptions } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';

/*
 * One preview of `journeyflow serve`, start to end: check the file's text, lay out and draw every
 * valid document, and write the problems as the CLI prints them. Runs on a pool thread
 * (preview-worker.ts), so a large diagram never holds up the preview's HTTP answers; the file was
 * read, as any input, on the HTTP side.
 */

export interface PreviewJob {
  /** The file's text (empty when it could not be read). */
  text: string;
  /** The file as diagnostics name it. */
  file: string;
  absPath: string;
  /** Folder tree references may not leave. */
  root: string;
  theme?: string;
  /** The preview page of each served file, by absolute path: where a subprocess `ref` or a step's `flow` link opens. */
  links: Map<string, string>;
  /** Why the file could not be read; shown instead of a picture. */
  unreadable?: Diagnostic;
}

export interface PreviewOutcome {
  svgs: Array<{ id: string; svg: string }>;
  /** The diagnostics with code frames; '' when there are none. */
  problems: string;
}

export async function renderPreview(job: PreviewJob): Promise<PreviewOutcome> {
  const options: CompileOptions = { file: job.file, absPath: job.absPath, root: job.root, theme: job.theme, link: (t) => job.links.get(t.absPath) };
  if (!job.unreadable) options.dataTables = await readDataAhead(job.text, options);
  const checked: CheckResult = job.unreadable ? { documents: [], diagnostics: [job.unreadable], dependencies: [] } : checkSource(job.text, options);
  const svgs: PreviewOutcome['svgs'] = [];
  for (const doc of checked.documents) {
    if (!doc.ok) continue;
    try {
      svgs.push({ id: doc.model.id, svg: (await drawDocument(doc, options)).svg });
    } catch (err) {
      // Past the layout budget, or a layout ELK fails on: this diagram's problem, shown in its page.
      checked.diagnostics.push(layoutDiagnostic(doc, err));
    }
  }
  return { svgs: hasErrors(checked.diagnostics) ? [] : svgs, problems: previewProblems(checked.diagnostics, job) };
}

/** The diagnostics as the page shows them, code frames from the file's text. */
export function previewProblems(diagnostics: readonly Diagnostic[], job: Pick<PreviewJob, 'file' | 'text'>): string {
  return formatDiagnostics(diagnostics, 'text', new Map([[job.file, job.text]]));
}
