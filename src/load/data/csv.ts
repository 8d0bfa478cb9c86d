/**
 * CSV data files: read with csv-parse (a header row, then one row per element), every value placed
 * at its line and column; and written safely for spreadsheets (OWASP's CSV-injection advice).
 */
import { parse } from 'csv-parse/sync';
import { LineIndex } from './places.js';
import type { DataCell, DataRow, DataTable, TableRead } from './types.js';

interface ParsedRecord { record: string[]; raw: string }

/** Offsets (inside `raw`) where each field of one record starts: quote-aware, after leading blank lines. */
function fieldStarts(raw: string): number[] {
  let i = 0;
  while (raw[i] === '\r' || raw[i] === '\n') i++;
  const starts = [i];
  let quoted = false;
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) starts.push(i + 1);
    else if ((c === '\n' || c === '\r') && !quoted) break;
  }
  // Values are trimmed, so each points past the blanks before it.
  return starts.map((s) => { while (raw[s] === ' ' || raw[s] === '\t') s++; return s; });
}

const problem = (line: number, message: string): TableRead => ({ ok: false, problem: { rule: 'data-file', line, column: 1, endColumn: 2, message } });

/** A CSV text with a header row as a table; a malformed file is one problem at its line. */
export function readCsvTable(text: string): TableRead {
  const body = text.replace(/^\uFEFF/, '');
  let records: ParsedRecord[];
  try {
    records = parse(body, { raw: true, skip_empty_lines: true, trim: true }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return problem(e.lines ?? 1, `malformed CSV: ${e.message ?? String(err)}`);
  }
  if (!records.length) return problem(1, 'the data file is empty: it needs a header row naming its columns (id, then the fields to set)');
  const index = new LineIndex(body);
  const located: Array<{ cells: DataCell[] }> = [];
  let offset = 0;
  for (const { record, raw } of records) {
    const starts = fieldStarts(raw);
    located.push({ cells: record.map((value, k) => ({ value, ...index.place(offset + (starts[k] ?? 0), value.length) })) });
    offset += raw.length;
  }
  const [head, ...rest] = located;
  const columns = head.cells.map((c) => ({ name: String(c.value), line: c.line, column: c.column, endColumn: c.endColumn }));
  const seen = new Set<string>();
  for (const c of columns) {
    if (!c.name) return { ok: false, problem: { rule: 'data-file', ...c, message: 'a column of the header row has no name' } };
    if (seen.has(c.name)) return { ok: false, problem: { rule: 'data-file', ...c, message: `column "${c.name}" appears twice in the header row` } };
    seen.add(c.name);
  }
  const rows: DataRow[] = rest.map(({ cells }) => ({
    place: cells[0],
    cells: new Map(cells.flatMap((c, k): Array<[string, DataCell]> => (c.value === '' || k >= columns.length ? [] : [[columns[k].name, c]]))),
  }));
  const table: DataTable = { columns, rows, typed: false };
  return { ok: true, table };
}

/** Characters a spreadsheet may read as the start of a formula (OWASP: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, safe to open in a spreadsheet: a value a spreadsheet would run as a formula gets a
 * leading `'` (OWASP's CSV-injection advice), and any field holding a comma, quote or line break is
 * quoted with its quotes doubled.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text of a header and rows, every field made safe by csvField, lines ending in \n. */
export function csvText(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
