import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node.js';
import { checkSource } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { KIND_NAMES } from '../kinds/registry.js';
import type { BufferView } from './navigation.js';

/** The README's rules table, shipped with the package; each diagnostic's code links to it. */
export const RULES_HREF = `${pathToFileURL(new URL('../../README.md', import.meta.url).pathname).href}#rules`;

/** Files named `*.<kind>.yaml` are diagrams even before they say `kind:` (or while it is misspelt). */
const DIAGRAM_NAME = new RegExp(`\\.(${KIND_NAMES.join('|')})\\.ya?ml$`, 'i');

/** A top-level `kind:` line naming a registered kind (checked without parsing, on every keystroke). */
const KIND_LINE = new RegExp(`^kind:[ \\t]*(["']?)(${KIND_NAMES.join('|')})\\1[ \\t]*(#.*)?\\r?$`, 'm');

/** Whether a buffer is a journeyflow diagram: a top-level `kind:` line names a kind, or its file name says it is one. */
export function isDiagram(view: BufferView): boolean {
  return (view.fsPath !== undefined && DIAGRAM_NAME.test(view.fsPath)) || KIND_LINE.test(view.text);
}

function toLsp(d: Diagnostic): LspDiagnostic {
  return {
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: Math.max(d.endColumn - 1, d.line === d.endLine ? d.column : 0) } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.rule,
    codeDescription: { href: RULES_HREF },
    source: 'journeyflow',
    message: d.message,
  };
}

/**
 * Every schema and rule diagnostic of a buffer, as `journeyflow validate` finds them, except that a
 * document with YAML errors is still checked as the parser repaired it.
 */
export function diagnose(view: BufferView): LspDiagnostic[] {
  if (!isDiagram(view)) return [];
  const fsPath = view.fsPath;
  const file = fsPath ?? '<input>';
  const result = checkSource(view.text, { file, absPath: fsPath, fileAccess: fsPath !== undefined, recoverYaml: true });
  return result.diagnostics.map((d) => toLsp(d.file === file ? d : inDataFile(d, view.text)));
}

/**
 * A diagnostic in a data file the buffer names (`data: [{ file: metrics.csv }]`) is shown on the
 * buffer's line naming that file (else its first line), its own place leading the message.
 */
function inDataFile(d: Diagnostic, text: string): Diagnostic {
  const name = d.file.split('/').pop() ?? d.file;
  const line = text.split('\n').findIndex((l) => l.includes(name));
  const at = line < 0 ? 1 : line + 1;
  return { ...d, line: at, column: 1, endLine: at, endColumn: 1, message: `${d.file}:${d.line}:${d.column}: ${d.message}` };
}
