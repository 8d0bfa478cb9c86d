/**
 * The discovery query, in SQL with window functions: LAG/LEAD over each case's events in time order
 * give every directly-follows pair, GROUPING SETS count pairs, activities and lanes in one scan. It is
 * what DuckDB runs in-process, and what `--sql` prints for a warehouse; only a few functions differ
 * between dialects (the millisecond difference of two times, the percentile aggregate). The result:
 *
 *   kind      edge | activity | lane
 *   from, to  edge: the pair (empty from: the case starts; to is never empty); activity, lane: `to` is the activity
 *   lane      lane rows: the lane; `cases` its events of the activity
 *   cases     edge: times `to` directly follows `from`; activity: its events
 *   ends      activity rows: cases that end with it
 *   median_s, p90_s            edge: time between the two events; activity: time since the case's previous event
 *   busy_median_s, busy_p90_s  activity rows, with an end timestamp: its end − start
 */
import type { LogColumns } from './log.js';
import { MAX_VALUE_LENGTH } from './diagnostics.js';
import { TIMESTAMP_PATTERN } from './timestamps.js';

export const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'trino', 'spark'] as const;
export type Dialect = (typeof DIALECTS)[number];

interface DialectParts {
  quote: (name: string) => string;
  timestamp: (expr: string) => string;
  /** b − a in milliseconds. */
  diffMs: (a: string, b: string) => string;
  /** Select items computing the median and p90 of `x` as `<name>_…`, and how the final select reads them back. */
  percentiles: (x: string, name: string) => { items: string[]; median: string; p90: string };
  /** A note printed above the query when its percentiles are approximate. */
  note?: string;
}

const doubleQuoted = (n: string) => `"${n.replace(/"/g, '""')}"`;
const backQuoted = (n: string) => `\`${n.replace(/`/g, '``')}\``;
const standardPercentiles = (x: string, name: string) => ({
  items: [`PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ${x}) AS ${name}_median`, `PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY ${x}) AS ${name}_p90`],
  median: `${name}_median`, p90: `${name}_p90`,
});
const functionPercentiles = (fn: string) => (x: string, name: string) => ({
  items: [`${fn}(${x}, 0.5) AS ${name}_median`, `${fn}(${x}, 0.9) AS ${name}_p90`], median: `${name}_median`, p90: `${name}_p90`,
});

const PARTS: Record<Dialect, DialectParts> = {
  duckdb: {
    quote: doubleQuoted,
    timestamp: (e) => `CAST(${e} AS TIMESTAMPTZ)`,
    diffMs: (a, b) => `(epoch_ms(${b}) - epoch_ms(${a}))`,
    // One aggregate for both quantiles: DuckDB sorts the durations once.
    percentiles: (x, name) => ({ items: [`quantile_cont(${x}, [0.5, 0.9]) AS ${name}_q`], median: `${name}_q[1]`, p90: `${name}_q[2]` }),
  },
  postgres: { quote: doubleQuoted, timestamp: (e) => `CAST(${e} AS TIMESTAMPTZ)`, diffMs: (a, b) => `(EXTRACT(EPOCH FROM (${b} - ${a})) * 1000)`, percentiles: standardPercentiles },
  snowflake: { quote: doubleQuoted, timestamp: (e) => `CAST(${e} AS TIMESTAMP_TZ)`, diffMs: (a, b) => `DATEDIFF('millisecond', ${a}, ${b})`, percentiles: standardPercentiles },
  bigquery: {
    quote: backQuoted,
    timestamp: (e) => `CAST(${e} AS TIMESTAMP)`,
    diffMs: (a, b) => `TIMESTAMP_DIFF(${b}, ${a}, MILLISECOND)`,
    percentiles: (x, name) => ({ items: [`APPROX_QUANTILES(${x}, 100)[OFFSET(50)] AS ${name}_median`, `APPROX_QUANTILES(${x}, 100)[OFFSET(90)] AS ${name}_p90`], median: `${name}_median`, p90: `${name}_p90` }),
    note: 'BigQuery has no exact percentile aggregate: median_s and p90_s are APPROX_QUANTILES (counts are exact).',
  },
  trino: { quote: doubleQuoted, timestamp: (e) => `CAST(${e} AS TIMESTAMP WITH TIME ZONE)`, diffMs: (a, b) => `date_diff('millisecond', ${a}, ${b})`, percentiles: functionPercentiles('approx_percentile'), note: 'Trino\'s approx_percentile is approximate: median_s and p90_s may differ slightly from an exact run (counts are exact).' },
  spark: { quote: backQuoted, timestamp: (e) => `CAST(${e} AS TIMESTAMP)`, diffMs: (a, b) => `(unix_millis(${b}) - unix_millis(${a}))`, percentiles: functionPercentiles('percentile') },
};

export interface SqlOptions {
  /** What the FROM clause reads: a table name (quoted here) or, in-process, a DuckDB table function. */
  from: { table: string } | { expression: string };
  columns: LogColumns;
  dialect: Dialect;
  /**
   * In-process DuckDB only: stop with error() at the first bad value (the JavaScript pass or a
   * locating query then says where), check timestamps against the JavaScript pattern, count ties.
   */
  guarded?: boolean;
  /** In-process only: an extra ORDER BY key after the timestamp, for events of a case at the same time (file order). */
  sequence?: boolean;
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The checks of log.ts as SQL: a message for the first problem of a row, or NULL. */
export function problemSql(columns: LogColumns, quote: (n: string) => string): string {
  const col = (k: keyof LogColumns) => `CAST(${quote(columns[k]!)} AS VARCHAR)`;
  const checks: string[] = [];
  const text = (k: keyof LogColumns, required: boolean) => {
    if (required) checks.push(`WHEN ${col(k)} IS NULL OR ${col(k)} = '' THEN ${sqlString(`${k}:log-value:empty`)}`);
    checks.push(`WHEN length(${col(k)}) > ${MAX_VALUE_LENGTH} THEN ${sqlString(`${k}:log-value:long`)}`);
  };
  const time = (k: keyof LogColumns) => checks.push(`WHEN ${col(k)} IS NULL OR NOT regexp_full_match(${col(k)}, ${sqlString(TIMESTAMP_PATTERN)}) THEN ${sqlString(`${k}:log-timestamp:unreadable`)}`);
  text('case', true);
  text('activity', true);
  time('timestamp');
  if (columns.lane) text('lane', false);
  if (columns.end) time('end');
  return `CASE ${checks.join(' ')} ELSE NULL END`;
}

export function discoverySql(o: SqlOptions): string {
  const d = PARTS[o.dialect];
  const q = d.quote;
  const c = o.columns;
  const source = 'table' in o.from ? o.from.table.split('.').map(q).join('.') : o.from.expression;
  const asText = (name: string) => (o.guarded ? `CAST(${q(name)} AS VARCHAR)` : q(name));
  // Guarded, a bad value stops the query with error(): `problem` names it (see problemSql).
  const started = o.guarded ? `CASE WHEN problem IS NULL THEN ${d.timestamp(asText(c.timestamp))} ELSE error(problem) END` : d.timestamp(q(c.timestamp));
  const ended = !c.end ? 'NULL'
    : o.guarded ? `CASE WHEN ${d.timestamp(asText(c.end))} < ${d.timestamp(asText(c.timestamp))} THEN error('end:log-timestamp:before') ELSE ${d.timestamp(asText(c.end))} END`
      : d.timestamp(q(c.end));
  const order = o.sequence ? 'started, seq' : 'started';
  const w = `OVER (PARTITION BY case_id ORDER BY ${order})`;
  const wait = d.percentiles('wait_ms', 'wait');
  const busy = c.end ? d.percentiles('busy_ms', 'busy') : undefined;
  return [
    ...(d.note ? [`-- ${d.note}`] : []),
    '-- journeyflow discover: the directly-follows graph of an event log (one row per edge, activity and lane).',
    ...(o.sequence || o.guarded ? [] : ['-- Events of a case at the same time are ordered by timestamp alone: add your sequence column after `started` if you have one.']),
    ...(o.guarded ? [`WITH checked AS (SELECT *, ${problemSql(c, q)} AS problem FROM ${source}),`, 'events AS ('] : ['WITH events AS (']),
    `  SELECT ${q(c.case)} AS case_id, ${q(c.activity)} AS activity, ${c.lane ? q(c.lane) : 'NULL'} AS lane,`,
    `    ${started} AS started,`,
    `    ${ended} AS ended${o.sequence ? ',\n    row_number() OVER () AS seq' : ''}`,
    `  FROM ${o.guarded ? 'checked' : source}`,
    '),',
    'steps AS (',
    '  SELECT activity, lane,',
    `    LAG(activity) ${w} AS previous,`,
    `    CASE WHEN LEAD(activity) ${w} IS NULL THEN 1 ELSE 0 END AS is_last,`,
    ...(o.guarded ? [`    CASE WHEN LAG(started) ${w} = started THEN 1 ELSE 0 END AS tie,`] : []),
    `    ${d.diffMs(`LAG(${c.end ? 'ended' : 'started'}) ${w}`, 'started')} AS wait_ms${c.end ? ',' : ''}`,
    ...(c.end ? [`    ${d.diffMs('started', 'ended')} AS busy_ms`] : []),
    '  FROM events',
    '),',
    'grouped AS (',
    `  SELECT CASE WHEN GROUPING(previous) = 0 THEN 'edge' WHEN GROUPING(lane) = 0 THEN 'lane' ELSE 'activity' END AS kind,`,
    `    previous, activity, lane, COUNT(*) AS cases, SUM(is_last) AS ends,${o.guarded ? ' SUM(tie) AS ties,' : ''}`,
    `    ${[...wait.items, ...(busy?.items ?? [])].join(',\n    ')}`,
    '  FROM steps',
    '  GROUP BY GROUPING SETS ((previous, activity), (activity), (activity, lane))',
    ')',
    `SELECT kind, previous AS ${q('from')}, activity AS ${q('to')}, lane, cases,`,
    `  CASE WHEN kind = 'activity' THEN ends END AS ends,${o.guarded ? ' ties,' : ''}`,
    `  ${wait.median} / 1000.0 AS median_s, ${wait.p90} / 1000.0 AS p90_s${busy ? `,\n  ${busy.median} / 1000.0 AS busy_median_s, ${busy.p90} / 1000.0 AS busy_p90_s` : ''}`,
    'FROM grouped',
    "WHERE NOT (kind = 'lane' AND lane IS NULL)",
    'ORDER BY kind, 2, 3, 4',
  ].join('\n') + ';\n';
}
