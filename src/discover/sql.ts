/**
 * The discovery query, in SQL with window functions: LAG/LEAD over each case's events in time order
 * give every directly-follows pair, GROUPING SETS count pairs, activities and lanes in one scan. It is
 * what `--sql` prints for a warehouse, and what DuckDB runs in-process with its events read through
 * checked-sql.ts; only a few functions differ between dialects (the millisecond difference of two
 * times, the percentile aggregate). The result:
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
import { checkedEventsSql, doubleQuoted, type CheckedSource } from './checked-sql.js';

export { sqlString } from './checked-sql.js';

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
   * In-process DuckDB only: read the events through checked-sql.ts (every value checked in the same
   * scan, times as milliseconds, the first bad value stops the query) and count ties.
   */
  checked?: CheckedSource;
}

export function discoverySql(o: SqlOptions): string {
  const d = PARTS[o.dialect];
  const q = d.quote;
  const c = o.columns;
  const source = 'table' in o.from ? o.from.table.split('.').map(q).join('.') : o.from.expression;
  const checked = o.checked;
  // Checked, the times are milliseconds already (see checked-sql.ts).
  const diffMs = checked ? (a: string, b: string) => `(${b} - ${a})` : d.diffMs;
  const started = d.timestamp(q(c.timestamp));
  const ended = c.end ? d.timestamp(q(c.end)) : 'NULL';
  const order = checked?.sequence ? 'started, seq' : 'started';
  const w = `OVER (PARTITION BY case_id ORDER BY ${order})`;
  const wait = d.percentiles('wait_ms', 'wait');
  const busy = c.end ? d.percentiles('busy_ms', 'busy') : undefined;
  return [
    ...(d.note ? [`-- ${d.note}`] : []),
    '-- journeyflow discover: the directly-follows graph of an event log (one row per edge, activity and lane).',
    ...(checked ? ['WITH', ...checkedEventsSql(checked)] : [
      '-- Events of a case at the same time are ordered by timestamp alone: add your sequence column after `started` if you have one.',
      'WITH events AS (',
      `  SELECT ${q(c.case)} AS case_id, ${q(c.activity)} AS activity, ${c.lane ? q(c.lane) : 'NULL'} AS lane,`,
      `    ${started} AS started,`,
      `    ${ended} AS ended`,
      `  FROM ${source}`,
      '),',
    ]),
    'steps AS (',
    '  SELECT activity, lane,',
    `    LAG(activity) ${w} AS previous,`,
    // Checked, a time is never NULL: the next event's time says as much as its activity, and an integer is cheaper to carry through the window than a string.
    `    CASE WHEN LEAD(${checked ? 'started' : 'activity'}) ${w} IS NULL THEN 1 ELSE 0 END AS is_last,`,
    ...(checked ? [`    CASE WHEN LAG(started) ${w} = started THEN 1 ELSE 0 END AS tie,`] : []),
    `    ${diffMs(`LAG(${c.end ? 'ended' : 'started'}) ${w}`, 'started')} AS wait_ms${c.end ? ',' : ''}`,
    ...(c.end ? [`    ${diffMs('started', 'ended')} AS busy_ms`] : []),
    '  FROM events',
    '),',
    ...resultLines(q, { checked: checked !== undefined, lanes: c.lane !== undefined, aggregates: [...wait.items, ...(busy?.items ?? [])] }),
    `  ${wait.median} / 1000.0 AS median_s, ${wait.p90} / 1000.0 AS p90_s${busy ? `,\n  ${busy.median} / 1000.0 AS busy_median_s, ${busy.p90} / 1000.0 AS busy_p90_s` : ''}`,
    'FROM grouped',
    ...(checked ? [] : ["WHERE NOT (kind = 'lane' AND lane IS NULL)"]),
    'ORDER BY kind, 2, 3, 4',
  ].join('\n') + ';\n';
}

/**
 * The aggregation and the start of the final select: a grouping set each for edges, activities and
 * lanes. In-process, each activity's lanes come as one histogram (a MAP of lane to events) instead:
 * a third grouping set, with its percentiles, costs DuckDB about a sixth of the whole query.
 */
function resultLines(q: (name: string) => string, o: { checked: boolean; lanes: boolean; aggregates: string[] }): string[] {
  const histogram = o.checked && o.lanes;
  const sets = o.checked ? '(previous, activity), (activity)' : '(previous, activity), (activity), (activity, lane)';
  return [
    'grouped AS (',
    `  SELECT CASE WHEN GROUPING(previous) = 0 THEN 'edge' ${o.checked ? '' : "WHEN GROUPING(lane) = 0 THEN 'lane' "}ELSE 'activity' END AS kind,`,
    `    previous, activity, ${o.checked ? '' : 'lane, '}COUNT(*) AS cases, SUM(is_last) AS ends,${o.checked ? ' SUM(tie) AS ties,' : ''}${histogram ? ' histogram(lane) AS lanes,' : ''}`,
    `    ${o.aggregates.join(',\n    ')}`,
    '  FROM steps',
    `  GROUP BY GROUPING SETS (${sets})`,
    ')',
    `SELECT kind, previous AS ${q('from')}, activity AS ${q('to')}, ${o.checked ? 'NULL AS lane' : 'lane'}, cases,`,
    `  CASE WHEN kind = 'activity' THEN ends END AS ends,${o.checked ? ' ties,' : ''}${histogram ? " CASE WHEN kind = 'activity' THEN lanes END AS lanes," : ''}`,
  ];
}
