import fs from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format.js';

/** Prints diagnostics in the chosen format; text gets code frames read from the files themselves. */
export function printDiagnostics(diagnostics: Diagnostic[], format: DiagnosticFormat, stream: NodeJS.WritableStream, sources: Map<string, string>): void {
  if (format === 'json') { stream.write(formatDiagnostics(diagnostics, 'json')); return; }
  if (!diagnostics.length) return;
  const color = format === 'text' && (stream as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR;
  stream.write(formatDiagnostics(diagnostics, format, sources, color));
}

export function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function readSource(absPath: string): string {
  return fs.readFileSync(absPath, 'utf8');
}
