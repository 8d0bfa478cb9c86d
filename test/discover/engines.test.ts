/*
 * The analytics engine and the warehouse round trip: `--sql` prints a query that DuckDB runs as it
 * stands, its small result fed back with `--dfg` gives the flow discover writes from the log itself;
 * Parquet and JSON logs read through DuckDB give the graph of the same CSV; events of a case at the
 * same time keep their file order in both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { discoverDfg } from '../../src/discover/index.js';
import { generateLog, toCsv } from '../../bench/event-log.mjs';
import { fixture, jf, jfProcess, tmpDir } from '../support/cli.js';

const log = generateLog({ cases: 200, seed: 23, order: 'shuffled' });
const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'trino', 'spark'];

describe('DuckDB, --sql and --dfg', () => {
  let dir: string;
  let db: DuckDBInstance;
  const file = (name: string) => path.join(dir, name);
  const sql = async (text: string) => { const c = await db.connect(); try { return (await c.runAndReadAll(text)).getRowObjectsJS(); } finally { c.closeSync(); } };

  beforeAll(async () => {
    dir = fixture({ 'log.csv': toCsv(log) });
    db = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => db.closeSync());

  for (const end of [[], ['--end-timestamp', 'time:end']]) {
    it(`prints a query that DuckDB runs; its result fed back with --dfg gives the same flow (${end.length ? 'with' : 'without'} end timestamps)`, async () => {
      const printed = await jf(['discover', 'log.csv', '--sql', ...end], { cwd: dir });
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stdout).toMatch(/LEAD\(activity\) OVER \(PARTITION BY case_id ORDER BY started\)/);
      const query = printed.stdout.trim().replace(/;$/, '');
      await sql(`SET TimeZone = 'UTC'`);
      await sql(`COPY (${query}) TO '${file('result.csv')}' (HEADER)`);
      expect(fs.readFileSync(file('result.csv'), 'utf8').split('\n')[0]).toMatch(/^kind,from,to,lane,cases,ends,median_s,p90_s/);
      const direct = await jf(['discover', 'log.csv', ...end, '-o', '-', '--title', 'T', '-q'], { cwd: dir });
      const back = await jf(['discover', '--dfg', 'result.csv', '-o', '-', '--title', 'T', '-q'], { cwd: dir });
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toBe(direct.stdout.replace('from log.csv', 'from result.csv'));
    });
  }

  it('prints the query for a warehouse table in every dialect; the DuckDB one runs on a table of the same columns', async () => {
    for (const dialect of DIALECTS) {
      const r = await jf(['discover', '--sql', '--dialect', dialect, '--table', 'crm.events', '--resource', 'org:resource']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('GROUP BY GROUPING SETS ((previous, activity), (activity), (activity, lane))');
      expect(r.stdout).toMatch(/LAG\(activity\) OVER \(PARTITION BY case_id ORDER BY started\)/);
    }
    const r = await jf(['discover', '--sql', '--table', 'event_log', '--resource', 'org:resource']);
    await sql(`CREATE TABLE event_log AS SELECT * FROM read_csv('${file('log.csv')}', all_varchar = true)`);
    const rows = await sql(r.stdout.trim().replace(/;$/, ''));
    const edges = rows.filter((x) => x.kind === 'edge');
    expect(edges.reduce((s, x) => s + Number(x.cases), 0)).toBe(log.tally.events);
  });

  it('reads Parquet and JSON logs through DuckDB, with the graph of the same CSV', async () => {
    await sql(`COPY (SELECT * FROM read_csv('${file('log.csv')}', all_varchar = true)) TO '${file('log.parquet')}' (FORMAT parquet)`);
    await sql(`COPY (SELECT * FROM read_csv('${file('log.csv')}', all_varchar = true)) TO '${file('log.json')}' (FORMAT json)`);
    const csv = await discoverDfg({ file: file('log.csv'), display: 'log.csv' });
    expect(await discoverDfg({ file: file('log.parquet'), display: 'log.parquet' })).toEqual(csv);
    expect(await discoverDfg({ file: file('log.json'), display: 'log.json' })).toEqual(csv);
  });

  it('keeps the file order of events at the same time in both engines (as PM4Py\'s stable sort does)', async () => {
    fs.writeFileSync(file('ties.csv'), 'case:concept:name,concept:name,time:timestamp\n1,x,2024-01-01T10:00:00Z\n2,y,2024-01-01T10:00:00Z\n1,y,2024-01-01T10:00:00Z\n2,x,2024-01-01T10:00:00Z\n1,z,2024-01-01T11:00:00Z\n');
    const dfgs = await Promise.all((['duckdb', 'js'] as const).map((engine) => discoverDfg({ file: file('ties.csv'), display: 'ties.csv', engine })));
    expect(dfgs[0]).toEqual(dfgs[1]);
    expect(dfgs[0].edges.map((e) => `${e.from ?? '^'}${e.to ?? '$'}`).sort()).toEqual(['^x', '^y', 'x$', 'xy', 'yx', 'yz', 'z$']);
  });

  it('reads every timestamp form the JavaScript pass reads, those DuckDB cannot cast among them, with the same graph', async () => {
    // The first row's form takes DuckDB's fast path; the others (a zone without seconds, a date with a zone, µs before 1970) the pattern.
    fs.writeFileSync(file('forms.csv'), 'case:concept:name,concept:name,time:timestamp\n1,a,2024-03-01T09:30:00.250Z\n1,b,2024-03-01T09:30+01\n1,c,2024-03-01 10:00:00.250123+00:00\n'
      + '2,a,2024-03-02+01:00\n2,b,2024-03-02T00:00:00.0005+02\n3,a,1969-12-31T23:59:59.9995Z\n3,c,1970-01-01T00:00:00.0004Z\n');
    const dfgs = await Promise.all((['duckdb', 'js'] as const).map((engine) => discoverDfg({ file: file('forms.csv'), display: 'forms.csv', engine })));
    expect(dfgs[0]).toEqual(dfgs[1]);
    // In UTC case 1 is b (08:30), a, c; case 2 b (22:00), a (23:00); case 3 a (floored to −1 ms), c (0 ms).
    expect(dfgs[0].edges.filter((e) => e.from !== undefined && e.to !== undefined).map((e) => [e.from, e.to, e.count])).toEqual([['a', 'c', 2], ['b', 'a', 2]]);
  });

  it('the built CLI loads DuckDB from its bundle (through a code cache) and writes what the in-process run writes', async () => {
    const cache = tmpDir('jf-duckdb-cache-');
    const env = { XDG_CACHE_HOME: cache };
    const built = await jfProcess(['discover', 'log.csv', '-o', '-', '--title', 'T', '-q'], { cwd: dir, env });
    expect(built.code, built.stderr).toBe(0);
    const direct = await jf(['discover', 'log.csv', '-o', '-', '--title', 'T', '-q'], { cwd: dir });
    expect(built.stdout).toBe(direct.stdout);
    // The run had no cache and wrote one for the bundle: it was the bundle that ran.
    expect(fs.readdirSync(path.join(cache, 'journeyflow')).some((f) => f.startsWith('duckdb-api.cjs-'))).toBe(true);
    const again = await jfProcess(['discover', 'log.csv', '-o', '-', '--title', 'T', '-q'], { cwd: dir, env });
    expect(again.stdout).toBe(direct.stdout);
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('builds a flow from a table of counts made elsewhere (from,to,cases; empty from: start, empty to: end)', async () => {
    fs.writeFileSync(file('pm4py.csv'), 'from,to,cases,median_s\n,a,5,\na,b,5,3600\nb,,5,\n');
    const r = await jf(['discover', '--dfg', 'pm4py.csv', '-o', 'made.flow.yaml', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const flow = YAML.parse(fs.readFileSync(file('made.flow.yaml'), 'utf8'));
    expect(flow.edges).toEqual([{ from: 'start', to: 'a', volume: 5 }, { from: 'a', to: 'b', volume: 5, label: 'median 1\u00a0h' }, { from: 'b', to: 'end', volume: 5 }]);
    expect(flow.nodes.find((n: any) => n.id === 'b').metrics).toEqual({ volume: 5 });
  });
});
