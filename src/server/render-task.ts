import { checkSource, drawDocument, layoutDiagnostic, type CheckedDocument, type CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { renderPng } from '../render/png.js';
import { listText } from '../kinds/registry.js';
import { renderTxt } from '../render/txt/index.js';
import { DIAGRAM_TYPES, INPUT_NAME, type RenderJob, type RenderOutcome } from './protocol.js';

/*
 * One render request, start to end, through the library: check (schema and rules), then only what
 * the format needs: txt and mmd never wait for a layout. Runs on a render worker; nothing here
 * reads a file (fileAccess: false), whatever the source names.
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The 400 answer: the diagnostics as the CLI prints them, code frames included. */
function refusal(diagnostics: readonly Diagnostic[], source: string): RenderOutcome {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const text = formatDiagnostics(diagnostics, 'text', new Map([[INPUT_NAME, source]]));
  return { ok: false, message: `journeyflow found ${plural(errors, 'error')} in the diagram\n${text}` };
}

/** The one document a request may hold, of the kind its diagram type asks for, or why not. */
function pickDocument(job: RenderJob, documents: CheckedDocument[]): CheckedDocument | { diagnostic: Diagnostic } | string {
  if (documents.length === 0) return `the source holds no diagram; it needs a \`kind\` (${listText()})`;
  const multi = documents.length > 1 || documents[0].doc.count > 1;
  if (multi) return `the source holds ${documents[0].doc.count} documents; send one diagram per request`;
  const [only] = documents;
  const wanted = DIAGRAM_TYPES[job.diagramType];
  if (wanted && only.kind !== wanted) {
    return { diagnostic: only.doc.diagnostic(['kind'], 'schema', `diagram type "${job.diagramType}" draws kind: ${wanted}, but this document is kind: ${only.kind}; use diagram type "journeyflow" or "journeyflow-${only.kind}"`) };
  }
  return only;
}

async function draw(job: RenderJob, doc: CheckedDocument, options: CompileOptions): Promise<string | Uint8Array> {
  if (job.format === 'txt') return renderTxt(await doc.definition.toText(doc.model));
  if (job.format === 'mmd') return doc.definition.toMermaid(doc.model);
  const { svg } = await drawDocument(doc, options);
  return job.format === 'svg' ? svg : renderPng(svg, { scale: job.scale });
}

export async function renderJob(job: RenderJob): Promise<RenderOutcome> {
  const options: CompileOptions = { file: INPUT_NAME, fileAccess: false, theme: job.theme, limits: job.limits };
  const checked = checkSource(job.source, options);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return refusal(checked.diagnostics, job.source);
  const picked = pickDocument(job, checked.documents);
  if (typeof picked === 'string') return { ok: false, message: picked };
  if ('diagnostic' in picked) return refusal([picked.diagnostic], job.source);
  try {
    return { ok: true, body: await draw(job, picked, options) };
  } catch (err) {
    // As in `build`: the layout engine can fail on extreme graphs; that is this diagram's problem.
    return refusal([layoutDiagnostic(picked, err)], job.source);
  }
}
