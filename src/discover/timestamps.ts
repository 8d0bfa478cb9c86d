/**
 * The timestamps an event log may hold: ISO 8601 dates and date-times, with optional seconds,
 * fraction (up to microseconds) and zone (`Z`, `+01`, `+01:00`, `+0100`); a time without a zone is
 * UTC. One pattern serves both engines — JavaScript here, DuckDB's RE2 in timestamp-sql.ts — so
 * both accept exactly the same values and give the same milliseconds.
 */
export const TIMESTAMP_PATTERN =
  '(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?:[T ]([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:\\.(\\d{1,6}))?)?)?(Z|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)?';

/** The pattern's capture groups, in order (DuckDB's regexp_extract names them so). */
export const TIMESTAMP_GROUPS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'fraction', 'zone'] as const;

const TIMESTAMP = new RegExp(`^${TIMESTAMP_PATTERN}$`);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Milliseconds since 1970 (UTC) of a log timestamp, or undefined when it is not one (the fraction past ms is cut: the time is floored to its millisecond). */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (day > DAYS_IN_MONTH[month - 1] || (month === 2 && day === 29 && !isLeap(year))) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = new Date(Date.UTC(2000, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
  // Date.UTC reads years 0–99 as 1900–1999; the year is set as written.
  local.setUTCFullYear(year);
  return local.getTime() - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/**
 * A GLOB pattern for timestamps written like `sample` (same fields, separators and number of
 * fraction digits; any zone sign), or undefined when the sample is not a log timestamp. Every
 * digit position is a character class, so a value it matches has digits where the pattern's
 * fields are and nothing else; the ranges it leaves open (month 13–19, day 32–39, hour 24–29)
 * are what DuckDB's own timestamp parser refuses (hour 24:00:00 aside, see timestamp-sql.ts).
 * Zone hours 20–23 are left to the pattern (DuckDB would take +24:00).
 */
export function timestampGlob(sample: string): string | undefined {
  const m = TIMESTAMP.exec(sample);
  if (!m) return undefined;
  const digits = (n: number) => '[0-9]'.repeat(n);
  let glob = `${digits(4)}-[01][0-9]-[0-3][0-9]`;
  if (m[4] !== undefined) glob += `${sample[10]}[0-2][0-9]:[0-5][0-9]`;
  if (m[6] !== undefined) glob += ':[0-5][0-9]';
  if (m[7] !== undefined) glob += `.${digits(m[7].length)}`;
  const zone = m[8];
  if (zone === 'Z') glob += 'Z';
  else if (zone !== undefined) glob += `[+-][01][0-9]${zone.length > 3 ? `${zone.length === 6 ? ':' : ''}[0-5][0-9]` : ''}`;
  return glob;
}
