export type Severity = 'error' | 'warning';

/** One problem found in an input, positioned at the offending YAML node (1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  /** JSON pointer of the offending value inside its document. */
  path: string;
}

export const hasErrors = (diagnostics: readonly Diagnostic[], strict = false): boolean =>
  diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) : a.file < b.file ? -1 : 1,
  );
}

/** Builds a JSON pointer (RFC 6901) from path segments. */
export function toPointer(path: ReadonlyArray<string | number>): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
