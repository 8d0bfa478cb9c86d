/**
 * The in-process analytics engine: DuckDB reads the log itself (CSV, Parquet or JSON, in parallel,
 * spilling to disk past its memory limit) and runs the discovery query of sql.ts, so the events
 * never pass through JavaScript; only the small result does. Loaded on first use.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { dfgFromRows, type Dfg, type DfgRow } from './dfg.js';
import { DiscoverUsageError, tableError } from './diagnostics.js';
import { csvPass, logColumnIndexes } from './csv-pass.js';
import { duckDbApi, type DuckDbApi } from '../runtime/duckdb-api.js';
import { doubleQuoted, firstProblemSql, type CheckedSource } from './checked-sql.js';
import { readEvent, type LogColumns, type LogSource } from './log.js';
import { discoverySql, sqlString, type Dialect } from './sql.js';
import { readCsv } from './table.js';
import { timestampGlob } from './timestamps.js';

export type LogFormat = 'csv' | 'parquet' | 'json';

type Connection = { runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[]; columnNames(): string[] }>; run(sql: string): Promise<unknown>; closeSync(): void };

async function connect(): Promise<{ connection: Connection; close: () => void }> {
  let api: DuckDbApi;
  try { api = duckDbApi(); } catch {
    throw new DiscoverUsageError('DuckDB (@duckdb/node-api) is not installed; install it, or use --engine js for CSV and XES logs');
  }
  const spill = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-duckdb-'));
  // The memory limit keeps a 10 M event log under 1 GB of the process; past it DuckDB spills to `spill`.
  const instance = await api.DuckDBInstance.create(':memory:', { threads: String(Math.max(1, os.availableParallelism())), memory_limit: '512MB', temp_directory: spill });
  const connection = (await instance.connect()) as unknown as Connection;
  await connection.run("SET TimeZone = 'UTC'");
  return { connection, close: () => { connection.closeSync(); instance.closeSync(); fs.rmSync(spill, { recursive: true, force: true }); } };
}

/**
 * The DuckDB table function reading the log. A CSV's columns are the header JavaScript read, every
 * value as text (so the checks are the JavaScript pass's), nothing left to DuckDB's sniffer.
 */
export function sourceExpression(file: string, format: LogFormat, delimiter = ',', header?: readonly string[]): string {
  if (format === 'parquet') return `read_parquet(${sqlString(file)})`;
  if (format === 'json') return `read_json(${sqlString(file)}, format = 'auto')`;
  const columns = header ? `, auto_detect = false, columns = {${header.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ')}}` : '';
  return `read_csv(${sqlString(file)}, header = true, all_varchar = true, delim = ${sqlString(delimiter)}, quote = '"', escape = '"'${columns})`;
}

/** The columns of the log, checked as the JavaScript pass checks them (missing column, empty file), and its first row's timestamps. */
interface Resolved { columns: LogColumns; indexes: Record<keyof LogColumns, number | undefined>; source: CheckedSource }

async function resolvedColumns(source: LogSource, format: LogFormat, connection: Connection): Promise<Resolved> {
  let header: string[] | undefined;
  let first: string[] | undefined;
  if (format === 'csv') {
    // Only the header and the first row: readCsv stops there, having parsed 16 kB rather than its usual 1 MB.
    await readCsv(source.file, source.display, { delimiter: source.delimiter }, (h) => { header = h; }, (row) => { first = row; throw new FirstRowRead(); }, 1 << 14)
      .catch((e) => { if (!(e instanceof FirstRowRead)) throw e; });
    if (!header) throw tableError({ file: source.display, line: 1, column: 1 }, 'log-empty', 'the log is empty; expected a header row and one row per event');
  } else {
    header = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${sourceExpression(source.file, format)}`)).getRowObjectsJS().map((r) => String(r.column_name));
  }
  const indexes = logColumnIndexes(header, source);
  const columns = { ...source.columns, lane: indexes.lane === undefined ? undefined : source.columns.lane };
  // Explicit columns only for a header DuckDB takes as it stands (names unique and not empty).
  const plain = new Set(header).size === header.length && !header.includes('');
  const expression = sourceExpression(source.file, format, source.delimiter, format === 'csv' && plain ? header : undefined);
  if (format !== 'csv') first = await firstRowTexts(connection, expression, header);
  const sample = (k: 'timestamp' | 'end') => (indexes[k] === undefined || !first ? undefined : first[indexes[k]!]);
  const glob = (k: 'timestamp' | 'end') => { const value = sample(k); return value === undefined ? undefined : timestampGlob(value); };
  return { columns, indexes, source: { expression, columns, text: format === 'csv', globs: { timestamp: glob('timestamp'), end: glob('end') } } };
}
class FirstRowRead extends Error {}

/** The first row of a Parquet or JSON log, every value as DuckDB writes it as text. */
async function firstRowTexts(connection: Connection, expression: string, header: string[]): Promise<string[] | undefined> {
  const texts = header.map((name, i) => `CAST(${doubleQuoted(name)} AS VARCHAR) AS c${i}`).join(', ');
  const row = (await connection.runAndReadAll(`SELECT ${texts} FROM ${expression} LIMIT 1`)).getRowObjectsJS()[0];
  return row ? header.map((_, i) => (row[`c${i}`] === null ? '' : String(row[`c${i}`]))) : undefined;
}

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

/** A result row, and for an activity the lane rows of its histogram (see sql.ts). */
function toRows(r: Record<string, unknown>): DfgRow[] {
  const row: DfgRow = {
    kind: r.kind as DfgRow['kind'], from: str(r.from), to: str(r.to), lane: str(r.lane), cases: Number(r.cases), ends: num(r.ends),
    medianS: num(r.median_s), p90S: num(r.p90_s), busyMedianS: num(r.busy_median_s), busyP90S: num(r.busy_p90_s),
  };
  const lanes = (r.lanes ?? []) as Array<{ key: unknown; value: unknown }>;
  return [row, ...lanes.map(({ key, value }): DfgRow => ({ kind: 'lane', to: row.to, lane: String(key), cases: Number(value) }))];
}

/** The printed query for a log file: for DuckDB it reads the file itself; other dialects read a table of the same columns. */
export async function sqlForLog(source: LogSource, format: LogFormat, dialect: Dialect): Promise<string> {
  const { connection, close } = await connect();
  try {
    const { columns } = await resolvedColumns(source, format, connection);
    // The printed query reads the file as DuckDB's sniffer does: it may be run by hand on another copy of the log.
    const from = dialect === 'duckdb' ? { expression: sourceExpression(source.file, format, source.delimiter) } : { table: 'event_log' };
    return discoverySql({ from, columns, dialect });
  } finally {
    close();
  }
}

/** The directly-follows graph of a log, computed by DuckDB. */
export async function duckdbPass(source: LogSource, format: LogFormat): Promise<Dfg> {
  const { connection, close } = await connect();
  try {
    const resolved = await resolvedColumns(source, format, connection);
    const checked = resolved.source;
    const from = { expression: checked.expression };
    const run = async (sequence: boolean) => (await connection.runAndReadAll(discoverySql({ from, columns: resolved.columns, dialect: 'duckdb', checked: { ...checked, sequence } }))).getRowObjectsJS();
    let rows: Record<string, unknown>[];
    try {
      rows = await run(false);
      // Events of a case at the same time: ordered by file position as well, as the JavaScript pass and PM4Py do.
      if (rows.some((r) => Number(r.ties ?? 0) > 0)) rows = await run(true);
    } catch (err) {
      throw await located(err as Error, source, format, resolved, connection);
    }
    if (rows.length === 0) throw tableError({ file: source.display, line: 2, column: 1 }, 'log-empty', 'the log has a header but no events');
    return dfgFromRows(rows.flatMap(toRows));
  } finally {
    close();
  }
}

/**
 * The diagnostic for a query that stopped: the JavaScript pass finds the row and column of a CSV's
 * first bad value; for Parquet and JSON a query finds the first row whose values fail the same checks.
 */
async function located(err: Error, source: LogSource, format: LogFormat, { columns, indexes, source: checked }: Resolved, connection: Connection): Promise<Error> {
  if (format === 'csv') {
    try { await csvPass(source); } catch (e) { return e as Error; }
  } else {
    const found = (await connection.runAndReadAll(firstProblemSql(checked))).getRowObjectsJS()[0];
    if (found) {
      const read = readEvent(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v === null ? undefined : String(v)])), columns.end !== undefined);
      if ('rule' in read) {
        const row = Number(found.row);
        return tableError({ file: source.display, line: row, column: (indexes[read.column] ?? 0) + 1, path: `/${row}/${columns[read.column]}` }, read.rule, `row ${row}: ${read.message}`);
      }
    }
  }
  return tableError({ file: source.display, line: 1, column: 1 }, 'log-syntax', `DuckDB cannot read the log: ${err.message.split('\n')[0]}`);
}
