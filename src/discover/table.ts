/**
 * CSV tables with a header row, read with csv-parse as a stream (a log of any size passes through in
 * constant memory), and the diagnostics that point at one of their cells. Lines are counted only
 * when a diagnostic needs one: the file is read again up to that record (counting costs half the
 * speed of the pass, and most logs have no problem).
 */
import fs from 'node:fs';
import { parse, type Options } from 'csv-parse';
import { quoted, tableError, type TablePlace } from './diagnostics.js';

export interface CsvShape {
  /** Field separator; default `,`. */
  delimiter?: string;
}

const parserOptions = (shape: CsvShape): Options => ({ bom: true, delimiter: shape.delimiter ?? ',', skip_empty_lines: true });

/** Where a cell is: record 0 is the header, record 1 the first row (each may span lines when quoted). */
export interface CellRef { record: number; field: number; columnName?: string }

/** The 1-based line and column of a cell, found by reading the file again up to its record. */
export async function locateCell(file: string, display: string, shape: CsvShape, cell: CellRef): Promise<TablePlace> {
  const path = cell.columnName !== undefined ? `/${cell.record}/${cell.columnName.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${cell.record}`;
  const input = fs.createReadStream(file);
  const parser = input.pipe(parse({ ...parserOptions(shape), info: true, raw: true, relax_column_count: true, to: cell.record + 1 }));
  let found: { raw: string; lines: number } | undefined;
  try {
    for await (const r of parser as AsyncIterable<{ raw: string; info: { lines: number } }>) found = { raw: r.raw, lines: r.info.lines };
  } catch { /* a syntax error further on: the record was found before it */ } finally { input.destroy(); }
  if (!found) return { file: display, line: 1, column: 1, path };
  const raw = found.raw.replace(/\r?\n$/, '');
  const firstLine = found.lines - (raw.match(/\n/g)?.length ?? 0);
  const { line, column } = fieldStart(raw, cell.field, shape.delimiter ?? ',');
  return { file: display, line: firstLine + line, column, path };
}

/** Line offset and 1-based column where field `index` of a raw record starts (delimiters inside quotes do not count). */
function fieldStart(raw: string, index: number, delimiter: string): { line: number; column: number } {
  let field = 0;
  let line = 0;
  let column = 1;
  let inQuotes = false;
  for (let i = 0; i < raw.length && field < index; i++) {
    const ch = raw[i];
    column++;
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n') { line++; column = 1; }
    else if (!inQuotes && raw.startsWith(delimiter, i)) field++;
  }
  return { line, column };
}

/** A bad cell found while reading: turned into a diagnostic at its line and column once the pass stops. */
export class CellProblem extends Error {
  constructor(readonly cell: CellRef, readonly rule: string, message: string) { super(message); }
}

/** The header's index of every wanted column; a missing one is a diagnostic on the header line naming the columns there are. */
export function columnIndexes<K extends string>(header: readonly string[], wanted: Record<K, string | undefined>, display: string, optionOf: Record<K, string>): Record<K, number | undefined> {
  const out = {} as Record<K, number | undefined>;
  for (const key of Object.keys(wanted) as K[]) {
    const name = wanted[key];
    if (name === undefined) { out[key] = undefined; continue; }
    const i = header.indexOf(name);
    if (i < 0) {
      const there = header.slice(0, 12).map(quoted).join(', ') + (header.length > 12 ? ', …' : '');
      throw tableError({ file: display, line: 1, column: 1, path: '/0' }, 'log-column', `no column ${quoted(name)} in the header (${there}); name the ${key} column with ${optionOf[key]}`);
    }
    out[key] = i;
  }
  return out;
}

/**
 * Calls `onRow` for every record after the header, with its 1-based record number. A malformed
 * file (an unclosed quote, a row of the wrong width) is a `log-syntax` diagnostic at its line.
 * `chunkBytes`: how much is read (and parsed) at a time; small for a reader that stops early.
 */
export async function readCsv(file: string, display: string, shape: CsvShape, onHeader: (header: string[]) => void, onRow: (fields: string[], record: number) => void, chunkBytes = 1 << 20): Promise<number> {
  const input = fs.createReadStream(file, { highWaterMark: chunkBytes });
  const parser = input.pipe(parse(parserOptions(shape)));
  let record = -1;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (++record === 0) onHeader(fields);
      else onRow(fields, record);
    }
  } catch (err) {
    if (err instanceof CellProblem) throw tableError(await locateCell(file, display, shape, err.cell), err.rule, err.message);
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e?.code !== 'string' || !e.code.startsWith('CSV_')) throw err;
    throw tableError({ file: display, line: e.lines ?? 1, column: 1 }, 'log-syntax', `not a well-formed CSV file: ${e.message?.replace(/^Invalid Record Length: /, '') ?? e.code}`);
  } finally {
    input.destroy();
  }
  return record;
}
