import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** A problem of an input table (log, survey, DFG result): file, line and column of the offending value. */
export class TableError extends Error {
  constructor(readonly diagnostic: Diagnostic) { super(diagnostic.message); }
}

export interface TablePlace {
  file: string;
  line: number;
  column: number;
  /** Where the value sits in the table: a JSON pointer of row number and column name (`/12/time:timestamp`). */
  path?: string;
}

export function tableDiagnostic(at: TablePlace, rule: string, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { file: at.file, line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1, severity, rule, message, path: at.path ?? '' };
}

export const tableError = (at: TablePlace, rule: string, message: string): TableError => new TableError(tableDiagnostic(at, rule, message));

/** Longest activity, lane, case or stage text taken from a table: past it the row is refused (the diagram could not show it anyway). */
export const MAX_VALUE_LENGTH = 1000;

/** A value for a message: quoted, cut when long, control characters shown as escapes. */
export const quoted = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** A request discover cannot carry out (a missing engine, a format the engine cannot read): exit code 2, not a problem of the input. */
export class DiscoverUsageError extends Error {}
