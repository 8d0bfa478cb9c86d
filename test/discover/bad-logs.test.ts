/*
 * Bad logs get one clear diagnostic — file:line:col, rule, message — exit code 1 and nothing
 * written (an earlier output stays as it was), from either engine; activity names that look like
 * spreadsheet formulas or markup come out literally, quoted in YAML and escaped in the SVG.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { fixture, jf, jfProcess } from '../support/cli.js';

const HEADER = 'case:concept:name,concept:name,time:timestamp,org:resource';
const EARLIER = 'kind: flow\nnodes: [{ id: kept }]\n';

const INJECTIONS = ['=cmd|\' /C calc\'!A0', '+SUM(1,2)', '@import url(x)', '-2+3', '<script>alert(1)</script>', 'a -> b: "quoted", with comma', '%%{init: {"theme":"dark"}}%%', '{{7*7}} ${x}'];

describe('discover on bad logs', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    const rows = (lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
    const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;
    dir = fixture({
      'no-time.csv': 'case:concept:name,concept:name,when\n1,a,2024-01-01\n',
      'bad-time.csv': rows(['1,a,2024-01-01T10:00:00Z,Desk', '1,b,2024-01-01T11:00:00Z,Desk', '2,a,yesterday at noon,Desk']),
      'feb-30.csv': rows(['1,a,2024-01-01T10:00:00Z,', '1,b,2024-02-30T10:00:00Z,']),
      'empty.csv': '',
      'header-only.csv': `${HEADER}\n`,
      'no-activity.csv': rows(['1,a,2024-01-01T10:00:00Z,Desk', '1,,2024-01-01T11:00:00Z,Desk']),
      'unclosed.csv': rows(['1,a,2024-01-01T10:00:00Z,Desk', '1,"b,2024-01-01T11:00:00Z,Desk']),
      'ragged.csv': rows(['1,a,2024-01-01T10:00:00Z,Desk', '1,b,2024-01-01T11:00:00Z']),
      'broken.xes': '<?xml version="1.0"?>\n<log>\n  <trace><string key="concept:name" value="1"/>\n    <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01"/></event>\n</log>\n',
      'no-time.xes': '<?xml version="1.0"?>\n<log>\n  <trace><string key="concept:name" value="1"/>\n    <event><string key="concept:name" value="a"/></event>\n  </trace>\n</log>\n',
      'injection.csv': rows(INJECTIONS.flatMap((name, i) => [`${i},start,2024-01-01T09:00:00Z,Desk`, `${i},${csvField(name)},2024-01-01T10:00:00Z,${csvField(name)}`])),
      'out.flow.yaml': EARLIER,
    });
  });

  const discover = (log: string, ...extra: string[]) => jf(['discover', log, '-o', 'out.flow.yaml', ...extra], { cwd: dir });
  const expectRefused = (r: { code: number; stderr: string }, where: string, rule: string, message: RegExp) => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${where} error [${rule}]`);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.readFileSync(file('out.flow.yaml'), 'utf8')).toBe(EARLIER);
  };

  for (const engine of ['duckdb', 'js']) {
    it(`names a missing column and the columns there are (${engine})`, async () => {
      expectRefused(await discover('no-time.csv', '--engine', engine), 'no-time.csv:1:1', 'log-column', /no column "time:timestamp" in the header \("case:concept:name", "concept:name", "when"\); name the timestamp column with --timestamp/);
    });

    it(`points at an unreadable timestamp by line and column (${engine})`, async () => {
      expectRefused(await discover('bad-time.csv', '--engine', engine), 'bad-time.csv:4:5', 'log-timestamp', /cannot read "yesterday at noon" as a timestamp; expected an ISO 8601 time/);
      expectRefused(await discover('feb-30.csv', '--engine', engine), 'feb-30.csv:3:5', 'log-timestamp', /"2024-02-30T10:00:00Z"/);
    });

    it(`refuses empty logs, empty values and malformed CSV (${engine})`, async () => {
      expectRefused(await discover('empty.csv', '--engine', engine), 'empty.csv:1:1', 'log-empty', /the log is empty/);
      expectRefused(await discover('header-only.csv', '--engine', engine), 'header-only.csv:2:1', 'log-empty', /a header but no events/);
      expectRefused(await discover('no-activity.csv', '--engine', engine), 'no-activity.csv:3:3', 'log-value', /the activity is empty/);
      expectRefused(await discover('unclosed.csv', '--engine', engine), 'unclosed.csv:3:1', 'log-syntax', /not a well-formed CSV file/);
      expectRefused(await discover('ragged.csv', '--engine', engine), 'ragged.csv:3:1', 'log-syntax', /not a well-formed CSV file/);
    });
  }

  it('points into XES files: malformed XML and an event without the timestamp attribute', async () => {
    expectRefused(await discover('broken.xes'), 'broken.xes:5:7', 'log-syntax', /not well-formed XES/);
    expectRefused(await discover('no-time.xes'), 'no-time.xes:4:5', 'log-column', /the event has no "time:timestamp" attribute; name the timestamp attribute with --timestamp/);
  });

  it('finds the bad row of a Parquet log', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM read_csv('${file('bad-time.csv')}', all_varchar = true)) TO '${file('bad.parquet')}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    expectRefused(await discover('bad.parquet'), 'bad.parquet:3:3', 'log-timestamp', /row 3: cannot read "yesterday at noon"/);
  });

  it('gives the diagnostic as JSON with --format json, and exit code 2 for what is not the log\'s fault', async () => {
    const r = await discover('bad-time.csv', '--format', 'json');
    const [d] = JSON.parse(r.stderr.slice(0, r.stderr.lastIndexOf(']') + 1));
    expect(d).toMatchObject({ file: 'bad-time.csv', line: 4, column: 5, rule: 'log-timestamp', severity: 'error', path: '/3/time:timestamp' });
    expect((await discover('missing.csv')).code).toBe(2);
    expect((await discover('bad.parquet', '--engine', 'js')).code).toBe(2);
    expect((await discover('bad-time.csv', '--min-frequency', '0')).code).toBe(2);
    const nothingLeft = await discover('injection.csv', '--min-frequency', '1000');
    expect(nothingLeft.code).toBe(2);
    expect(nothingLeft.stderr).toContain('--min-frequency 1000 leaves no activity (the most frequent has 8 events)');
  });

  it('shows activity names that look like formulas or markup literally: quoted in YAML, escaped in the SVG', async () => {
    const r = await jf(['discover', 'injection.csv', '-o', 'injection.flow.yaml', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const flow = YAML.parse(fs.readFileSync(file('injection.flow.yaml'), 'utf8'));
    expect(flow.nodes.map((n: any) => n.label)).toEqual(expect.arrayContaining(INJECTIONS));
    expect(flow.lanes.map((l: any) => l.label)).toEqual(expect.arrayContaining(INJECTIONS));
    const built = await jf(['build', 'injection.flow.yaml', '-f', 'svg,mmd', '-o', 'out'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    const svg = fs.readFileSync(file('out/injection.flow.svg'), 'utf8');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toMatch(/<script/i);
    const mmd = fs.readFileSync(file('out/injection.flow.mmd'), 'utf8');
    expect(mmd).not.toContain('%%{init');
    expect(mmd).not.toContain('<script>');
  });
});

describe('discover on a large log', () => {
  it('streams it: the JavaScript pass reads 150 000 events (13 MB of CSV) in a process with a 40 MB heap', async () => {
    const { writeLargeLog } = await import('../../bench/event-log.mjs');
    const dir = fixture({});
    const { events } = writeLargeLog(path.join(dir, 'big.csv'), 150_000);
    const r = await jfProcess(['discover', 'big.csv', '--engine', 'js', '-o', 'big.flow.yaml', '-q'], { cwd: dir, nodeArgs: ['--max-old-space-size=40'] });
    expect(r.code, r.stderr).toBe(0);
    const flow = YAML.parse(fs.readFileSync(path.join(dir, 'big.flow.yaml'), 'utf8'));
    expect(flow.nodes.filter((n: any) => !n.type).reduce((s: number, n: any) => s + n.metrics.volume, 0)).toBe(events);
  });
});
