import { checkSource, drawDocument, type CheckedDocument } from '../compile.js';
import type { BufferView } from './buffer.js';

/** The answer to `journeyflow/preview`: the SVG of one document, or why there is none. */
export type Preview = { id: string; kind: string; svg: string } | { error: string };

/** The checked document whose lines hold `line` (1-based), else the first. */
function documentOnLine(documents: CheckedDocument[], line: number): CheckedDocument | undefined {
  return documents.find((d) => { const span = d.doc.locate([]); return line >= span.line && line <= span.endLine; }) ?? documents[0];
}

/**
 * The SVG of the document under the cursor, drawn as `journeyflow build` draws it. A document with
 * errors has no picture; the answer names its first error (the diagnostics say the rest).
 */
export async function previewAt(view: BufferView, offset: number): Promise<Preview> {
  const options = { file: view.fsPath ?? '<input>', absPath: view.fsPath, fileAccess: view.fsPath !== undefined };
  const checked = checkSource(view.text, options);
  const doc = documentOnLine(checked.documents, view.lines.linePos(offset).line);
  const span = doc?.doc.locate([]);
  // The first error of this document (a file of several may have others elsewhere).
  const first = checked.diagnostics.find((d) => d.severity === 'error' && (!span || (d.line >= span.line && d.line <= span.endLine)));
  if (!doc || !doc.ok) return { error: first ? `line ${first.line}: ${first.message}` : 'no journeyflow diagram here' };
  const { svg } = await drawDocument(doc, options);
  return { id: doc.model.id, kind: doc.kind, svg };
}
