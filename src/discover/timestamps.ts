/**
 * The timestamps an event log may hold: ISO 8601 dates and date-times, with optional seconds,
 * fraction (up to microseconds) and zone (`Z`, `+01`, `+01:00`, `+0100`); a time without a zone is
 * UTC. One pattern serves both engines — JavaScript here and DuckDB's regexp_full_match (RE2) in
 * the SQL — so both accept exactly the same values and give the same milliseconds.
 */
export const TIMESTAMP_PATTERN =
  '(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?:[T ]([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:\\.(\\d{1,6}))?)?)?(Z|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)?';

const TIMESTAMP = new RegExp(`^${TIMESTAMP_PATTERN}$`);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Milliseconds since 1970 (UTC) of a log timestamp, or undefined when it is not one (the fraction past ms is cut, as DuckDB's epoch_ms does). */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (day > DAYS_IN_MONTH[month - 1] || (month === 2 && day === 29 && !isLeap(year))) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const local = Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  return local - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return (zone[0] === '-' ? -1 : 1) * minutes * 60_000;
}
