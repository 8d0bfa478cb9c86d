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
 * fraction digits; any zone sign), or undefined when the sample is not a log timestamp. A value
 * it matches takes DuckDB's cast (checked-sql.ts), which must then read it as parseTimestamp does.
 *
 * With a zone offset every digit position is a character class, so a value it matches has digits
 * where the pattern's fields are and nothing else; the ranges it leaves open (month 13–19, day
 * 32–39, hour 24–29) are what DuckDB's own timestamp parser refuses (hour 24:00:00 aside, see
 * checked-sql.ts). Zone hours 20–23 are left to the pattern (DuckDB would take +24:00).
 *
 * Without one (`Z` or no zone, the forms most logs use) most digit positions are `?`: each class
 * costs DuckDB's GLOB a few instructions per row, about a tenth of the whole query with a class at
 * all 17 digits of `2024-01-01T00:03:45.049Z`. The separators at fixed places already leave the
 * cast no other way to split the value into fields, and it refuses a non-digit inside a field;
 * the classes left are where it would skip white space, take a sign or a zone offset, or stop short
 * of the end: the first digit of the year and of the hour, the last of the day, every digit of the
 * fraction and the last of the value. test/discover/timestamps.test.ts tries every form with each
 * character replaced; each form was also tried with every pair of characters replaced, every
 * character by each of the first 128 code points, and characters left out or put in.
 */
export function timestampGlob(sample: string): string | undefined {
  const m = TIMESTAMP.exec(sample);
  if (!m) return undefined;
  const zone = m[8];
  return zone === undefined || zone === 'Z' ? fewClassGlob(m, sample) : everyDigitGlob(m, sample);
}

function everyDigitGlob(m: RegExpExecArray, sample: string): string {
  const digits = (n: number) => '[0-9]'.repeat(n);
  let glob = `${digits(4)}-[01][0-9]-[0-3][0-9]`;
  if (m[4] !== undefined) glob += `${sample[10]}[0-2][0-9]:[0-5][0-9]`;
  if (m[6] !== undefined) glob += ':[0-5][0-9]';
  if (m[7] !== undefined) glob += `.${digits(m[7].length)}`;
  const zone = m[8]!;
  return `${glob}[+-][01][0-9]${zone.length > 3 ? `${zone.length === 6 ? ':' : ''}[0-5][0-9]` : ''}`;
}

function fewClassGlob(m: RegExpExecArray, sample: string): string {
  const any = (n: number) => Array<string>(n).fill('?');
  const parts = ['[0-9]', ...any(3), '-', ...any(2), '-', '?', '[0-9]'];
  if (m[4] !== undefined) parts.push(sample[10], '[0-2]', '?', ':', ...any(2));
  if (m[6] !== undefined) parts.push(':', ...any(2));
  // Every digit of a fraction: in place of one, a zone offset would slip in (`.2+51`).
  if (m[7] !== undefined) parts.push('.', ...Array<string>(m[7].length).fill('[0-9]'));
  const last = parts.lastIndexOf('?');
  if (last > parts.lastIndexOf('[0-9]')) parts[last] = '[0-9]';
  return parts.join('') + (m[8] === 'Z' ? 'Z' : '');
}
