/**
 * Reading a data file named by a document: its format from its extension, bounded by the input
 * limits, CSV and JSON synchronously (so every caller of checkSource binds them), Parquet ahead of
 * the check by the callers that can wait (see readDataAhead in src/compile.ts).
 */
import fs from 'node:fs';
import { decodeText } from '../encoding.js';
import type { Limits } from '../limits.js';
import { readCsvTable } from './csv.js';
import { readJsonTable } from './json.js';
import { readParquetTable } from './parquet.js';
import type { TableProblem, TableRead } from './types.js';

export type DataFormat = 'csv' | 'json' | 'parquet';

/** The format a data file's name says, or undefined for any other name. */
export function dataFormatOf(file: string): DataFormat | undefined {
  const m = /\.(csv|json|parquet)$/i.exec(file);
  return m ? (m[1].toLowerCase() as DataFormat) : undefined;
}

/** Tables read before the check (Parquet), by absolute path. */
export type DataTables = ReadonlyMap<string, TableRead>;

const refused = (message: string, rule: TableProblem['rule'] = 'data-file'): TableRead => ({ ok: false, problem: { rule, line: 1, column: 1, endColumn: 2, message } });

/** The bytes of a regular file of at most `maxBytes`, checked on its open descriptor. */
function readBounded(absPath: string, maxBytes: number): Buffer | TableRead {
  let fd: number;
  try {
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return refused(`cannot read the data file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return refused('the data file is not a regular file');
    if (stat.size > maxBytes) return refused(`the data file is ${stat.size} bytes; the limit is ${maxBytes} (raise --max-bytes)`, 'input-too-large');
    const buf = Buffer.alloc(stat.size);
    let got = 0;
    while (got < stat.size) {
      const n = fs.readSync(fd, buf, got, stat.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch (err) {
    return refused(`cannot read the data file: ${(err as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** More rows than a diagram may have elements: refused, as an oversized diagram would be. */
function bounded(read: TableRead, limits: Limits): TableRead {
  if (!read.ok || read.table.rows.length <= limits.maxElements) return read;
  const row = read.table.rows[limits.maxElements];
  return { ok: false, problem: { rule: 'input-too-large', ...row.place, message: `the data file has more than ${limits.maxElements} rows (raise --max-elements)` } };
}

/** Reads a CSV or JSON data file, or takes a Parquet file's table from those read ahead. */
export function readDataFile(absPath: string, format: DataFormat, limits: Limits, ahead?: DataTables): TableRead {
  const early = ahead?.get(absPath);
  if (early) return early;
  if (format === 'parquet') {
    return refused('Parquet files are read ahead by `journeyflow build`, `check` and `validate` and by the library\'s compile(); this caller checks synchronously, so use a CSV or JSON file here');
  }
  const bytes = readBounded(absPath, limits.maxBytes);
  if (!Buffer.isBuffer(bytes)) return bytes;
  const text = decodeText(bytes);
  return bounded(format === 'csv' ? readCsvTable(text) : readJsonTable(text), limits);
}

/** Reads the Parquet files among `absPaths` (each once), for readDataFile to find. */
export async function readParquetAhead(absPaths: readonly string[], limits: Limits): Promise<Map<string, TableRead>> {
  const tables = new Map<string, TableRead>();
  for (const p of new Set(absPaths)) {
    if (dataFormatOf(p) === 'parquet') tables.set(p, await readParquetTable(p, limits.maxElements));
  }
  return tables;
}
