import type { Diagnostic } from './diagnostic.js';
import { showControls } from './terminal-text.js';

export type DiagnosticFormat = 'text' | 'json' | 'github';

/** Renders diagnostics for people (text with code frames), for tools (json) or for GitHub Actions annotations. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: DiagnosticFormat,
  sources: ReadonlyMap<string, string> = new Map(),
  color = false,
): string {
  if (format === 'json') return JSON.stringify(diagnostics, null, 2) + '\n';
  if (format === 'github') return diagnostics.map(githubAnnotation).join('');
  // Each source is split into lines once, not once per diagnostic (a file can have thousands).
  const split = new Map<string, string[]>();
  const linesOf = (file: string): string[] | undefined => {
    const source = sources.get(file);
    if (source === undefined) return undefined;
    let lines = split.get(file);
    if (!lines) split.set(file, (lines = source.split(/\r?\n/)));
    return lines;
  };
  return diagnostics.map((d) => textDiagnostic(d, linesOf(d.file), color)).join('');
}

function githubAnnotation(d: Diagnostic): string {
  const level = d.severity === 'error' ? 'error' : 'warning';
  // Controls first: the runner echoes annotations into its log, a terminal of its own.
  const prop = (s: string) => showControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const msg = showControls(d.message, true).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `::${level} file=${prop(d.file)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${prop(d.rule)}::${msg}\n`;
}

function textDiagnostic(d: Diagnostic, source: string | string[] | undefined, color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sev = d.severity === 'error' ? paint('31', 'error') : paint('33', 'warning');
  const head = `${showControls(d.file)}:${d.line}:${d.column} ${sev} [${showControls(d.rule)}] ${showControls(d.message, true)}\n`;
  return head + (source === undefined ? '' : codeFrame(source, d, paint));
}

const FRAME_WIDTH = 160;

/** A few lines of source around the diagnostic with a caret under the offending span. */
export function codeFrame(source: string | readonly string[], d: Diagnostic, paint: (code: string, s: string) => string = (_c, s) => s): string {
  const lines = typeof source === 'string' ? source.split(/\r?\n/) : source;
  const first = Math.max(1, d.line - 1);
  const last = Math.min(lines.length, d.line + 1);
  const width = String(last).length;
  let out = '';
  // A very long line (a minified or hostile file) is shown as a window around the column, so a
  // frame stays a few hundred bytes however long the line is.
  const from = d.column > FRAME_WIDTH / 2 ? d.column - 1 - FRAME_WIDTH / 4 : 0;
  for (let n = first; n <= last; n++) {
    let text = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const clipped = text.length > FRAME_WIDTH;
    if (clipped) text = `${from > 0 ? '…' : ''}${text.slice(from, from + FRAME_WIDTH)}${text.length > from + FRAME_WIDTH ? '…' : ''}`;
    out += `${n === d.line ? '>' : ' '} ${String(n).padStart(width)} | ${showControls(text)}\n`;
    if (n === d.line) {
      const span = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, text.length - d.column + 1);
      const caretAt = clipped && from > 0 ? d.column - from : d.column - 1;
      out += `  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, caretAt))}${paint('31', '^'.repeat(Math.min(span, 80)))}\n`;
    }
  }
  return out;
}
