/**
 * `journeyflow discover`: a front end that writes YAML for the rest of journeyflow to build. From an
 * event log (CSV, Parquet, JSON through DuckDB; CSV and XES through plain JavaScript) or a DFG result
 * of a warehouse, a flow; from a survey table, a journey's emotion curve (survey.ts). Nothing here
 * writes files: the command (src/cli/discover-command.ts) writes what these functions return.
 */
import fs from 'node:fs';
import { dfgFromRows, type Dfg } from './dfg.js';
import { DiscoverUsageError, tableError } from './diagnostics.js';
import { csvPass } from './csv-pass.js';
import { readDfgFile } from './dfg-file.js';
import { flowYaml } from './flow-yaml.js';
import { XES_COLUMNS, type LogColumns, type LogSource } from './log.js';
import { discoverySql, type Dialect } from './sql.js';
import { xesPass } from './xes.js';
import type { FilterOptions } from './filter.js';

export { TableError, DiscoverUsageError } from './diagnostics.js';
export { DIALECTS, type Dialect } from './sql.js';
export { fillJourney, type SurveyOptions } from './survey.js';
export type { Dfg } from './dfg.js';

export type Engine = 'duckdb' | 'js';
type Format = 'csv' | 'parquet' | 'json' | 'xes';

export interface LogInput {
  /** Absolute path of the log. */
  file: string;
  display: string;
  columns?: Partial<LogColumns>;
  delimiter?: string;
  /** Default: duckdb for CSV, Parquet and JSON; js for XES. */
  engine?: Engine;
}

export const formatOf = (file: string): Format =>
  /\.xes$/i.test(file) ? 'xes' : /\.parquet$/i.test(file) ? 'parquet' : /\.(json|jsonl|ndjson)$/i.test(file) ? 'json' : 'csv';

function sourceOf(input: LogInput): LogSource {
  const columns = { ...XES_COLUMNS, ...Object.fromEntries(Object.entries(input.columns ?? {}).filter(([, v]) => v !== undefined)) } as LogColumns;
  const delimiter = input.delimiter ?? (/\.tsv$/i.test(input.file) ? '\t' : undefined);
  return { file: input.file, display: input.display, columns, laneNamed: input.columns?.lane !== undefined, delimiter };
}

/** The directly-follows graph of a log, by the engine asked for (or the one that reads its format). */
export async function discoverDfg(input: LogInput): Promise<Dfg> {
  const format = formatOf(input.file);
  const engine = input.engine ?? (format === 'xes' ? 'js' : 'duckdb');
  if (format === 'xes' && engine === 'duckdb') throw new DiscoverUsageError('DuckDB does not read XES; XES logs go through the JavaScript pass (--engine js)');
  if ((format === 'parquet' || format === 'json') && engine === 'js') throw new DiscoverUsageError(`the JavaScript pass reads CSV and XES only; ${format} logs need --engine duckdb`);
  const source = sourceOf(input);
  if (fs.statSync(input.file).size === 0) throw tableError({ file: input.display, line: 1, column: 1 }, 'log-empty', 'the log is empty');
  if (format === 'xes') return xesPass(source);
  if (engine === 'js') return csvPass(source);
  return (await import('./duckdb-pass.js')).duckdbPass(source, format);
}

export interface FlowOutput extends FilterOptions { title?: string }

/** The flow YAML of a log. */
export async function discoverFlow(input: LogInput, output: FlowOutput = {}): Promise<string> {
  const dfg = await discoverDfg(input);
  return flowYaml(dfg, { source: input.display, hasEnd: sourceOf(input).columns.end !== undefined, filter: output, title: output.title });
}

/** The flow YAML of a DFG result (`--dfg`). */
export async function flowFromDfgFile(file: string, display: string, output: FlowOutput = {}): Promise<string> {
  const { rows, hasEnd } = await readDfgFile(file, display);
  return flowYaml(dfgFromRows(rows), { source: display, hasEnd, filter: output, title: output.title });
}

export interface SqlRequest { columns?: Partial<LogColumns>; dialect: Dialect; table?: string; log?: { file: string; display: string; format: 'csv' | 'parquet' | 'json'; delimiter?: string } }

/**
 * The discovery query (`--sql`): for a warehouse table (lanes only with --resource: a table's columns
 * are not known here), or for DuckDB reading a given log file, its columns checked as discover does.
 */
export async function discoverSqlText(request: SqlRequest): Promise<string> {
  if (request.log) {
    const source = sourceOf({ ...request.log, columns: request.columns });
    return (await import('./duckdb-pass.js')).sqlForLog(source, request.log.format, request.dialect);
  }
  const columns = sourceOf({ file: '', display: '', columns: request.columns }).columns;
  if (request.columns?.lane === undefined) delete columns.lane;
  return discoverySql({ from: { table: request.table ?? 'event_log' }, columns, dialect: request.dialect });
}
