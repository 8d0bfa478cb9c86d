import { checkSource } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Diagnostics of one YAML text, as a table test wants them: rule, line, column. */
export function diagnose(yaml: string, options: { absPath?: string; root?: string; strict?: boolean } = {}): Diagnostic[] {
  return checkSource(yaml, { file: 'test.yaml', ...options }).diagnostics;
}

export const brief = (d: Diagnostic[]) => d.map((x) => ({ rule: x.rule, line: x.line, column: x.column, severity: x.severity }));
