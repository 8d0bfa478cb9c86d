/**
 * The events of a log as DuckDB reads them in-process, checked in the same scan as the JavaScript
 * pass checks them (log.ts): one CTE chain ending in `events` (case_id, activity, lane, started,
 * ended in milliseconds since 1970), where the first bad value of any row stops the query with
 * error() (duckdb-pass.ts then finds its line and column).
 *
 * Timestamps are read on two paths that give JavaScript's milliseconds exactly:
 * - fast: a value written like the log's first one (`timestampGlob`: digits where its fields are)
 *   is cast by DuckDB, about four times cheaper per row than the pattern;
 * - exact: any other value goes through the pattern of timestamps.ts (RE2) and its fields are added
 *   up as parseTimestamp adds them (the forms DuckDB cannot cast, such as `2024-03-01T09:30+01`,
 *   included).
 */
import { MAX_VALUE_LENGTH } from './diagnostics.js';
import type { LogColumns } from './log.js';
import { TIMESTAMP_GROUPS, TIMESTAMP_PATTERN } from './timestamps.js';

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const doubleQuoted = (n: string) => `"${n.replace(/"/g, '""')}"`;

export interface CheckedSource {
  /** The DuckDB table function reading the log. */
  expression: string;
  columns: LogColumns;
  /** Its columns are text already (CSV read as all_varchar): no cast to VARCHAR. */
  text: boolean;
  /** GLOB patterns of the fast path (timestamps.ts timestampGlob of each column's first value); none: every value takes the exact path. */
  globs: { timestamp?: string; end?: string };
  /** Add `seq`, the row's position in the file, for events of a case at the same time. */
  sequence?: boolean;
}

/** floor(us / 1000): epoch_ms truncates toward zero, parseTimestamp floors (times before 1970 with a fraction past ms). */
const floorMs = (us: string) => `(${us} // 1000 - CASE WHEN ${us} % 1000 < 0 THEN 1 ELSE 0 END)`;

const group = (parts: string, name: (typeof TIMESTAMP_GROUPS)[number]) => `${parts}.${name}`;
const int = (text: string) => `COALESCE(CAST(NULLIF(${text}, '') AS BIGINT), 0)`;

/** Milliseconds from the pattern's groups (regexp_extract gives '' for every group of a value it does not match), as parseTimestamp computes them. */
function exactMs(parts: string): string {
  const g = (name: (typeof TIMESTAMP_GROUPS)[number]) => group(parts, name);
  const [year, month, day] = [`CAST(${g('year')} AS INTEGER)`, `CAST(${g('month')} AS INTEGER)`, `CAST(${g('day')} AS INTEGER)`];
  const zone = g('zone');
  const zoneMinutes = `CASE WHEN ${zone} IN ('', 'Z') THEN 0 ELSE (CASE WHEN left(${zone}, 1) = '-' THEN -1 ELSE 1 END)`
    + ` * (CAST(substr(${zone}, 2, 2) AS BIGINT) * 60 + CASE WHEN length(${zone}) > 3 THEN CAST(right(${zone}, 2) AS BIGINT) ELSE 0 END) END`;
  const ms = `CAST(make_date(${year}, ${month}, ${day}) - DATE '1970-01-01' AS BIGINT) * 86400000`
    + ` + ${int(g('hour'))} * 3600000 + ${int(g('minute'))} * 60000 + ${int(g('second'))} * 1000`
    + ` + ${int(`rpad(left(${g('fraction')}, 3), 3, '0')`)} - (${zoneMinutes}) * 60000`;
  // CASE runs its branches only for the rows that reach them: no cast of '' and no make_date of 30 February.
  return `CASE WHEN ${g('year')} = '' THEN NULL WHEN ${day} > day(last_day(make_date(${year}, ${month}, 1))) THEN NULL ELSE ${ms} END`;
}

/** The CTEs for one timestamp column `name` (its text in `<name>_text`): `<name>_us` on the fast path, `<name>_parts` for the exact one. */
function timestampLevels(name: string, glob: string | undefined): { cast: string; parts: string; ms: string } {
  const text = `${name}_text`;
  const cast = glob ? `CASE WHEN ${text} GLOB ${sqlString(glob)} THEN epoch_us(TRY_CAST(${text} AS TIMESTAMPTZ)) END AS ${name}_us` : `CAST(NULL AS BIGINT) AS ${name}_us`;
  // DuckDB reads 24:00:00 as the next midnight; the pattern refuses it (a whole minute is the only place it can hide).
  const refused = `${name}_us IS NULL OR (${name}_us % 60000000 = 0 AND substr(${text}, 12, 2) = '24')`;
  const pattern = `'^${TIMESTAMP_PATTERN.replace(/'/g, "''")}$'`;
  const parts = `CASE WHEN ${refused} THEN regexp_extract(${text}, ${pattern}, [${TIMESTAMP_GROUPS.map(sqlString).join(', ')}]) END AS ${name}_parts`;
  const ms = `CASE WHEN ${name}_parts IS NULL THEN ${floorMs(`${name}_us`)} ELSE ${exactMs(`${name}_parts`)} END AS ${name}`;
  return { cast, parts, ms };
}

/** The checks of log.ts readEvent, in its order: the first problem of a row (`column:rule:what`, read back by duckdb-pass.ts), or NULL. */
function problemSql(columns: LogColumns): string {
  const checks: string[] = [];
  const text = (key: 'case_id' | 'activity' | 'lane', column: keyof LogColumns, required: boolean) => {
    if (required) checks.push(`WHEN ${key} IS NULL OR ${key} = '' THEN '${column}:log-value:empty'`);
    // strlen (bytes) first: length (characters) is counted only for the rare long value.
    checks.push(`WHEN (CASE WHEN strlen(${key}) > ${MAX_VALUE_LENGTH} THEN length(${key}) > ${MAX_VALUE_LENGTH} ELSE false END) THEN '${column}:log-value:long'`);
  };
  text('case_id', 'case', true);
  text('activity', 'activity', true);
  checks.push("WHEN started IS NULL THEN 'timestamp:log-timestamp:unreadable'");
  if (columns.lane) text('lane', 'lane', false);
  if (columns.end) checks.push("WHEN ended IS NULL THEN 'end:log-timestamp:unreadable'", "WHEN ended < started THEN 'end:log-timestamp:before'");
  return `CASE ${checks.join(' ')} ELSE NULL END`;
}

/** The CTE chain (`WITH` excluded, each CTE followed by a comma) ending in `events`. */
export function checkedEventsSql(s: CheckedSource): string[] {
  const c = s.columns;
  const value = (name: string) => (s.text ? doubleQuoted(name) : `CAST(${doubleQuoted(name)} AS VARCHAR)`);
  const start = timestampLevels('started', s.globs.timestamp);
  const end = c.end ? timestampLevels('ended', s.globs.end) : undefined;
  const times = (pick: (t: typeof start) => string) => [pick(start), ...(end ? [pick(end)] : [])].join(', ');
  return [
    'read AS (',
    `  SELECT ${value(c.case)} AS case_id, ${value(c.activity)} AS activity, ${c.lane ? value(c.lane) : 'CAST(NULL AS VARCHAR)'} AS lane,`,
    `    ${value(c.timestamp)} AS started_text${c.end ? `, ${value(c.end)} AS ended_text` : ''}${s.sequence ? ', row_number() OVER () AS seq' : ''}`,
    `  FROM ${s.expression}`,
    '),',
    `cast_times AS (SELECT *, ${times((t) => t.cast)} FROM read),`,
    `parsed_times AS (SELECT *, ${times((t) => t.parts)} FROM cast_times),`,
    `timed AS (SELECT *, ${times((t) => t.ms)}${c.end ? '' : ', CAST(NULL AS BIGINT) AS ended'} FROM parsed_times),`,
    `checked AS (SELECT *, ${problemSql(c)} AS problem FROM timed),`,
    'events AS (',
    `  SELECT case_id, activity, lane, CASE WHEN problem IS NULL THEN started ELSE error(problem) END AS started, ended${s.sequence ? ', seq' : ''}`,
    '  FROM checked',
    '),',
  ];
}

/** The first bad row of a log (its 1-based position, its values as text and the problem), for Parquet and JSON logs, whose rows have no lines. */
export function firstProblemSql(s: CheckedSource): string {
  const chain = checkedEventsSql({ ...s, sequence: true });
  const values = `case_id AS "case", activity, lane, started_text AS "timestamp"${s.columns.end ? ', ended_text AS "end"' : ''}`;
  return ['WITH', ...chain.slice(0, chain.indexOf('events AS (')), 'found AS (SELECT * FROM checked WHERE problem IS NOT NULL)', `SELECT seq AS row, ${values}, problem FROM found ORDER BY seq LIMIT 1`].join('\n');
}
