/*
 * DuckDB reads a log's timestamps exactly as the JavaScript pass does: the same values accepted and
 * the same milliseconds, on the fast path (values written like the log's first one, cast by DuckDB)
 * and on the exact one (the pattern, for every other form, including those DuckDB cannot cast).
 * Every form of the pattern is tried with boundary values and with each character replaced by a
 * digit, a separator, a letter or a space.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedEventsSql, sqlString } from '../../src/discover/checked-sql.js';
import { parseTimestamp, timestampGlob } from '../../src/discover/timestamps.js';

const COLUMNS = { case: 'case', activity: 'activity', timestamp: 'ts' };

/** One value in every form the pattern accepts, and values at the edges of its ranges. */
const FORMS = [
  '2024-03-01', '2024-03-01T09:30', '2024-03-01 09:30', '2024-03-01T09:30:15', '2024-03-01 09:30:15',
  '2024-03-01T09:30:15.2', '2024-03-01T09:30:15.25', '2024-03-01T09:30:15.250', '2024-03-01T09:30:15.2501', '2024-03-01T09:30:15.250123',
  '2024-03-01T09:30:15Z', '2024-03-01T09:30:15.250Z', '2024-03-01 09:30:15.250123Z', '2024-03-01T09:30Z', '2024-03-01Z',
  '2024-03-01T09:30:15+08', '2024-03-01T09:30:15+0830', '2024-03-01T09:30:15+08:30', '2024-03-01T09:30:15-05:00', '2024-03-01T09:30+01',
  '2024-03-01T09:30+01:00', '2024-03-01 09:30:15.250+08:00', '2024-03-01+01:00',
];
const EDGES = [
  '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '1900-02-29', '2000-02-29', '0000-01-01T00:00:00Z', '0050-06-15T12:00:00Z',
  '1969-12-31T23:59:59.9995Z', '1969-12-31T23:59:59.0005Z', '1969-12-31T23:59:59.999999+00:00', '9999-12-31T23:59:59.999999Z',
  '2024-01-01T23:59:59Z', '2024-01-01T24:00:00Z', '2024-01-01T24:00:00.000Z', '2024-01-01 24:00:00', '2024-01-01T24:00', '2024-01-01T25:00:00Z',
  '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2024-04-31T10:00:00Z',
  '2024-01-01T10:00:00+23:59', '2024-01-01T10:00:00+24:00', '2024-01-01T10:00:00+19:00', '2024-01-01T10:00:00+01:60', '2024-01-01T10:00:00.1234567Z',
  ' 2024-01-01T10:00:00Z', '2024-01-01T10:00:00Z ', '2024-1-01', '+2024-01-01', '-2024-01-01', '2024-01-01t10:00:00z', '2024-01-01T10:00:00 UTC',
  '2024-01-01T10:00:00 Europe/Berlin', 'infinity', 'epoch', '2024/01/01', '20240101T100000Z', '',
];
const REPLACEMENTS = ['0', '3', '9', ' ', '-', '+', 'T', ':', '.', 'Z', 'a', '/'];

/** The value with each of its characters replaced by each replacement (and cut short by one). */
function mutations(value: string): string[] {
  const out = new Set<string>([value.slice(0, -1)]);
  for (let i = 0; i < value.length; i++) for (const r of REPLACEMENTS) out.add(value.slice(0, i) + r + value.slice(i + 1));
  return [...out];
}

describe('timestamps in DuckDB and in JavaScript', () => {
  let db: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    connection = await db.connect();
    await connection.run("SET TimeZone = 'UTC'");
  });
  afterAll(() => { connection.closeSync(); db.closeSync(); });

  /** Each value's milliseconds as the in-process query reads them (null: refused), and whether it took the fast path. */
  async function duckdbTimes(values: string[], glob: string | undefined): Promise<Map<string, { ms: number | null; fast: boolean }>> {
    const list = `[${values.map(sqlString).join(', ')}]`;
    const expression = `(SELECT 'c' AS "case", 'a' AS "activity", unnest(${list}) AS "ts")`;
    const chain = checkedEventsSql({ expression, columns: COLUMNS, text: true, globs: { timestamp: glob } });
    const upToTimed = chain.slice(0, chain.findIndex((line) => line.startsWith('checked AS')));
    const rows = (await connection.runAndReadAll(['WITH', ...upToTimed, 'unused AS (SELECT 1)', 'SELECT started_text, started, started_parts IS NULL AS fast FROM timed'].join('\n'))).getRowObjectsJS();
    return new Map(rows.map((r) => [String(r.started_text), { ms: r.started === null ? null : Number(r.started), fast: r.fast === true && r.started !== null }]));
  }

  const expectSameAsJavaScript = (values: string[], times: Map<string, { ms: number | null }>) => {
    const differ = values.filter((v) => (times.get(v)?.ms ?? null) !== (parseTimestamp(v) ?? null));
    expect(differ.map((v) => `${JSON.stringify(v)}: DuckDB ${times.get(v)?.ms}, JavaScript ${parseTimestamp(v)}`)).toEqual([]);
  };

  it('the JavaScript reading: years as written, the fraction floored to the millisecond, zones applied', () => {
    expect(parseTimestamp('0050-06-15T12:00:00Z')).toBe(new Date('0050-06-15T12:00:00Z').getTime()); // Date.UTC would say 1950
    expect(parseTimestamp('1969-12-31T23:59:59.9995Z')).toBe(-1);
    expect(parseTimestamp('2024-03-01T09:30+01')).toBe(Date.UTC(2024, 2, 1, 8, 30));
    expect(parseTimestamp('2024-01-01T24:00:00Z')).toBeUndefined();
    expect(timestampGlob('2024-03-01T09:30:15.250+08:00')).toBe('[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][+-][01][0-9]:[0-5][0-9]');
    expect(timestampGlob('yesterday')).toBeUndefined();
  });

  it('every value written like the first one of its log, and its variants, read the same on the fast path', async () => {
    for (const sample of [...FORMS, ...EDGES.filter((v) => parseTimestamp(v) !== undefined)]) {
      const values = [sample, ...mutations(sample), ...EDGES];
      const times = await duckdbTimes(values, timestampGlob(sample));
      expectSameAsJavaScript(values, times);
    }
  });

  it('the fast path of the common forms holds with any two characters replaced, one left out or one put in', async () => {
    // The zone-less forms' patterns check few digit positions (timestamps.ts): this tries their neighbourhood wider than the test above.
    const chars = ['0', '9', ' ', '-', '+', ':', '.', 'T', 'Z'];
    for (const sample of ['2024-03-01T09:30:15.250Z', '2024-03-01 09:30:15.250', '2024-03-01T09:30:15', '2024-03-01']) {
      const values = new Set(mutations(sample));
      for (let i = 0; i < sample.length; i++) {
        values.add(sample.slice(0, i) + sample.slice(i + 1));
        for (const a of chars) {
          values.add(sample.slice(0, i) + a + sample.slice(i));
          for (let j = i + 1; j < sample.length; j++) for (const b of chars) values.add(sample.slice(0, i) + a + sample.slice(i + 1, j) + b + sample.slice(j + 1));
        }
      }
      expectSameAsJavaScript([...values], await duckdbTimes([...values], timestampGlob(sample)));
    }
  });

  it('the common forms take the fast path; the others are read exactly, without it', async () => {
    const fast = await duckdbTimes(['2024-03-01T09:30:15.250Z', '2024-03-01T09:31:15.999Z'], timestampGlob('2024-03-01T09:30:15.250Z'));
    expect([...fast.values()].every((t) => t.fast)).toBe(true);
    const values = [...FORMS, ...EDGES, ...FORMS.flatMap(mutations)];
    expectSameAsJavaScript(values, await duckdbTimes(values, undefined));
    // Forms DuckDB cannot cast come through the pattern, even with a fast path for another form.
    const mixed = await duckdbTimes(FORMS, timestampGlob(FORMS[0]));
    expectSameAsJavaScript(FORMS, mixed);
    expect(mixed.get('2024-03-01T09:30+01')).toEqual({ ms: Date.UTC(2024, 2, 1, 8, 30), fast: false });
  });
});
