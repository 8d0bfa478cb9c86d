/*
 * Data binding through the command line (issue 25): `data template`, CSV written safe against
 * formula injection, and `check` noticing a changed data file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvText } from '../../src/load/data/csv.js';
import { fixture, jf } from '../support/cli.js';

const FLOW = `kind: flow
data: [{ file: metrics.csv }]
nodes:
  - { id: start, type: start, label: '=HYPERLINK("http://evil.example","x")' }
  - { id: record, label: "-2+3" }
  - { id: done, type: end, label: "@SUM(A1)" }
edges:
  - start -> record -> done
`;

describe('CSV written for spreadsheets', () => {
  it('prefixes values a spreadsheet would run as formulas (= + - @ tab CR) with a quote, and quotes what needs it', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', '\rx', 'plain', 'a,b', 'say "hi"', '中文'].map(csvField)).toEqual([
      `"'=1+1"`, `"'+1"`, `"'-1"`, `"'@A1"`, `"'\tx"`, `"'\rx"`, 'plain', '"a,b"', '"say ""hi"""', '中文',
    ]);
    expect(csvText([['id', 'label'], ['a', '=cmd|\' /C calc\'!A0']])).toBe(`id,label\na,"'=cmd|' /C calc'!A0"\n`);
  });
});

describe('journeyflow data template', () => {
  it('writes the header of the columns the kind takes and one row per element, labels made safe', async () => {
    const dir = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id\n' });
    const r = await jf(['data', 'template', 'a.flow.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'id,label,metrics.duration,metrics.volume,metrics.conversion,metrics.satisfaction,volume',
      `start,"'=HYPERLINK(""http://evil.example"",""x"")",,,,,`,
      `record,"'-2+3",,,,,`,
      `done,"'@SUM(A1)",,,,,`,
      'start->record,,,,,,',
      'record->done,,,,,,',
      '',
    ].join('\n'));
  });

  it('-o writes the file, which binds back without a warning once filled in', async () => {
    const dir = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id\n' });
    const r = await jf(['data', 'template', 'a.flow.yaml', '-o', 'metrics.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    const filled = fs.readFileSync(path.join(dir, 'metrics.csv'), 'utf8').replace('record->done,,,,,,', 'record->done,,,,,,900');
    fs.writeFileSync(path.join(dir, 'metrics.csv'), filled);
    const v = await jf(['validate', 'a.flow.yaml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(v.stdout)).toEqual([]);
    expect(v.code).toBe(0);
  });

  it('refuses a document that does not pass its schema, with its diagnostics, exit 1', async () => {
    const dir = fixture({ 'bad.flow.yaml': 'kind: flow\nnodes: 3\n' });
    const r = await jf(['data', 'template', 'bad.flow.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.flow\.yaml:2:8 error \[schema\]/);
  });

  it('journey templates list every persona\'s emotion column and generated step and KPI ids', async () => {
    const dir = fixture({ 'j.journey.yaml': 'kind: journey\npersonas: [{ id: li }, { id: wang }]\nstages:\n  - { id: buy, kpis: [{ label: 下单率 }], steps: [{ label: 付款 }] }\n' });
    const r = await jf(['data', 'template', 'j.journey.yaml'], { cwd: dir });
    expect(r.stdout.split('\n').slice(0, 4)).toEqual(['id,label,volume,value,target,emotion,emotion.li,emotion.wang,responses,responses.li,responses.wang', 'buy,,,,,,,,,,', 'buy-kpi-1,下单率,,,,,,,,,', 'buy-1,付款,,,,,,,,,']);
  });
});

describe('check and a changed data file', () => {
  it('calls the output stale when the data file changed since the build', async () => {
    const dir = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id,volume,metrics.volume\nstart->record,1200,\nrecord,,1200\n' });
    expect((await jf(['build', 'a.flow.yaml', '-q'], { cwd: dir })).code).toBe(0);
    expect((await jf(['check', 'a.flow.yaml', '-q'], { cwd: dir })).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'metrics.csv'), 'id,volume,metrics.volume\nstart->record,1200,\nrecord,,900\n');
    const r = await jf(['check', 'a.flow.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/stale: {3}a\.flow\.svg/);
  });
});
