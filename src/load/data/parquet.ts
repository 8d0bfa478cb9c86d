/**
 * Parquet data files, read through DuckDB (`@duckdb/node-api`, in-process). DuckDB is ~70 MB of
 * native code, so it is loaded on the first Parquet file only, and reading is asynchronous: the
 * callers that can wait read Parquet files ahead (readDataAhead in src/compile.ts). A Parquet file
 * has no lines, so a value's place is its row number (1-based) and its column number.
 */
import { duckDbApi, type DuckDbApi } from '../../runtime/duckdb-api.js';
import type { DataCell, DataRow, DataTable, TableRead } from './types.js';

/** Plain JavaScript values: BIGINT and HUGEINT as numbers, structs as maps, anything else (dates, decimals' text) as text. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return String(value);
}

/** A row's cells, struct columns flattened into dotted names. */
function addCells(prefix: string, value: unknown, place: { line: number; column: number }, cells: Map<string, DataCell>, heads: Map<string, number>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) addCells(`${prefix}.${k}`, v, place, cells, heads);
    return;
  }
  if (!heads.has(prefix)) heads.set(prefix, place.column);
  if (value !== null && value !== undefined) cells.set(prefix, { value, line: place.line, column: place.column, endColumn: place.column + 1 });
}

/** A Parquet file as a table of at most `maxRows` rows; a file DuckDB cannot read is one problem. */
export async function readParquetTable(absPath: string, maxRows: number): Promise<TableRead> {
  const fail = (message: string): TableRead => ({ ok: false, problem: { rule: 'data-file', line: 1, column: 1, endColumn: 2, message } });
  let api: DuckDbApi;
  try {
    api = duckDbApi();
  } catch (err) {
    return fail(`Parquet files are read with the optional package @duckdb/node-api, which did not load (${(err as Error).message.split('\n')[0]})`);
  }
  const instance = await api.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const literal = `'${absPath.replace(/'/g, "''")}'`;
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${literal}) LIMIT ${maxRows + 1}`);
    const names = reader.columnNames();
    const values = reader.getRowsJS();
    if (values.length > maxRows) return { ok: false, problem: { rule: 'input-too-large', line: maxRows + 1, column: 1, endColumn: 2, message: `the data file has more than ${maxRows} rows (raise --max-elements)` } };
    const heads = new Map<string, number>();
    const rows: DataRow[] = values.map((row, r) => {
      const cells = new Map<string, DataCell>();
      row.forEach((v, c) => addCells(names[c], plain(v), { line: r + 1, column: c + 1 }, cells, heads));
      return { place: { line: r + 1, column: 1, endColumn: 2 }, cells };
    });
    // A column that is empty in every row (or a struct never filled) is still a column.
    names.forEach((n, c) => { if (![...heads.keys()].some((h) => h === n || h.startsWith(`${n}.`))) heads.set(n, c + 1); });
    const columns = [...heads].map(([name, column]) => ({ name, line: 1, column, endColumn: column + 1 }));
    const table: DataTable = { columns, rows, typed: true };
    return { ok: true, table };
  } catch (err) {
    return fail(`not a readable Parquet file: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
