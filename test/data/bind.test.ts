/*
 * Data binding (issue 25): data files named by a document set its figures by element id, for every
 * kind, from CSV, JSON and Parquet; values are checked as if typed and problems point at the data
 * file's row and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSource, compile, readDataAhead, type CheckResult, type CompileOptions } from '../../src/compile.js';
import { renderJob } from '../../src/server/render-task.js';
import { bufferView } from '../../src/lsp/buffer.js';
import { diagnose } from '../../src/lsp/diagnostics.js';
import { fixture } from '../support/cli.js';

const FLOW = `kind: flow
data: [{ file: metrics.csv }]
nodes:
  - { id: start, type: start }
  - { id: record, label: 记录, metrics: { volume: 5 } }
  - { id: done, type: end }
edges:
  - start -> record
  - { from: record, to: done, label: ok }
`;

const JOURNEY = `kind: journey
data: [{ file: scores.json }]
personas: [{ id: li }, { id: wang }]
stages:
  - id: buy
    kpis: [{ id: orders, label: 下单率 }, { label: 复购 }]
    steps:
      - { id: pay, label: 付款, emotion: 3, pains: [慢], opportunities: [快] }
      - { label: 收货, pains: [慢], opportunities: [快] }
`;

const LIFECYCLE = `kind: lifecycle
data: [{ file: tiers.csv }]
states:
  - { id: active }
  - { id: vip }
  - { id: gone, final: true }
transitions:
  - active -> vip -> gone
  - { from: active, to: gone }
`;

const FUNNEL = `kind: funnel
data: [{ file: funnel.csv }]
segments: [{ id: web, label: 线上 }]
stages:
  - { id: visit, label: 访问 }
  - { id: pay, label: 付款 }
`;

let dir = '';
/** Checks `name` of `folder`, shown as `name`. */
const checkIn = (folder: string, name: string, options: CompileOptions = {}): CheckResult => {
  const absPath = path.join(folder, name);
  return checkSource(fs.readFileSync(absPath, 'utf8'), { file: name, absPath, ...options });
};
const check = (name: string): CheckResult => checkIn(dir, name, { root: dir });
const model = (r: CheckResult): any => r.documents[0].model;
const shown = (r: CheckResult) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.message}`);

beforeAll(() => {
  dir = fixture({
    'a.flow.yaml': FLOW,
    'metrics.csv': 'id,metrics.volume,metrics.duration,volume\nrecord,1200,10m,\nstart->record,,,1300\nrecord -> done,,,1100\n',
    'j.journey.yaml': JOURNEY,
    'scores.json': JSON.stringify([
      { id: 'buy', volume: 800 },
      { id: 'pay', emotion: { li: 1, wang: 2 } },
      { id: 'buy-2', 'emotion.li': 4 },
      { id: 'orders', value: '58%', target: '75%' },
      { id: 'buy-kpi-2', value: 12 },
    ], null, 1),
    'l.lifecycle.yaml': LIFECYCLE,
    'tiers.csv': 'id,count,rate\nactive,1200,\nvip,150,\nactive->vip,,12%\nvip->gone,,3\nactive->gone,,8.5 %\n',
    'f.funnel.yaml': FUNNEL,
    'funnel.csv': 'id,count,target,segments.web\nvisit,1000,,1000\npay,400,50%,400\n',
  });
});

describe('binding each kind', () => {
  it('flow from CSV: node metrics and edge volumes (also inside a chain); the document\'s own value wins', () => {
    const r = check('a.flow.yaml');
    expect(shown(r)).toEqual([]);
    expect(r.dependencies).toEqual([path.join(dir, 'metrics.csv')]);
    const m = model(r);
    expect(m.nodes[1].metrics).toMatchObject({ volume: 5, duration: '10m', seconds: 600 });
    expect(m.edges.map((e: any) => [e.from, e.to, e.volume, e.label])).toEqual([['start', 'record', 1300, undefined], ['record', 'done', 1100, 'ok']]);
  });

  it('journey from JSON: stage volume, KPI value and target by id and by generated id, emotion per persona', () => {
    const r = check('j.journey.yaml');
    expect(shown(r)).toEqual([]);
    const stage = model(r).stages[0];
    expect(stage.volume).toBe(800);
    expect(stage.kpis.map((k: any) => [k.id, k.value, k.target])).toEqual([['orders', '58%', '75%'], ['buy-kpi-2', 12, undefined]]);
    // pay's literal `emotion: 3` wins over the file; buy-2 gets li only.
    expect(stage.steps.map((s: any) => s.emotions.map((e: any) => [e.persona, e.score]))).toEqual([[[undefined, 3]], [['li', 4]]]);
  });

  it('lifecycle from CSV: state counts and transition rates (written 12%, 3 or 8.5 %)', () => {
    const r = check('l.lifecycle.yaml');
    expect(shown(r)).toEqual([]);
    const m = model(r);
    expect(m.states.map((s: any) => s.count)).toEqual([1200, 150, undefined]);
    expect(m.total).toBe(1350);
    expect(m.transitions.map((t: any) => t.rate)).toEqual([12, 3, 8.5]);
  });

  it('funnel from CSV: counts, targets and counts per segment, with the derived steps', () => {
    const r = check('f.funnel.yaml');
    expect(shown(r)).toEqual([]);
    const m = model(r);
    expect(m.stages.map((s: any) => [s.count, s.target, s.segments])).toEqual([[1000, undefined, [{ id: 'web', count: 1000 }]], [400, 50, [{ id: 'web', count: 400 }]]]);
    expect(m.steps[0]).toMatchObject({ conversion: 40, drop: 600, belowTarget: true });
  });

  it('every kind also binds from JSON and CSV alike (the same figures either way)', () => {
    const d = fixture({
      'a.flow.yaml': FLOW.replace('metrics.csv', 'metrics.json'),
      'metrics.json': '[{"id":"record","metrics":{"duration":"10m"}},{"id":"start->record","volume":1300}]',
      'l.lifecycle.yaml': LIFECYCLE.replace('tiers.csv', 'tiers.json'),
      'tiers.json': '[{"id":"active","count":1200},{"id":"active->vip","rate":"12%"}]',
      'f.funnel.yaml': FUNNEL.replace('funnel.csv', 'funnel.json'),
      'funnel.json': '[{"id":"visit","count":1000,"segments":{"web":700}}]',
      'j.journey.yaml': JOURNEY.replace('scores.json', 'scores.csv'),
      'scores.csv': 'id,volume,emotion.li,emotion.wang,value\nbuy,800,,,\nbuy-2,,4,5,\norders,,,,58%\n',
    });
    const at = (name: string) => checkIn(d, name);
    expect(at('a.flow.yaml').diagnostics).toEqual([]);
    expect(model(at('a.flow.yaml')).edges[0].volume).toBe(1300);
    expect(model(at('l.lifecycle.yaml')).transitions[0].rate).toBe(12);
    expect(model(at('f.funnel.yaml')).stages[0].segments).toEqual([{ id: 'web', count: 700 }]);
    const journey = model(at('j.journey.yaml')).stages[0];
    expect([journey.volume, journey.kpis[0].value, journey.steps[1].emotions.map((e: any) => e.score)]).toEqual([800, '58%', [4, 5]]);
  });
});

describe('override', () => {
  const overriding = (doc: string, file: string, text: string) => {
    const name = doc.startsWith('kind: flow') ? 'a.flow.yaml' : 'j.journey.yaml';
    return model(checkIn(fixture({ [name]: doc.replace(/^data: .*$/m, `data: [{ file: ${file}, override: true }]`), [file]: text }), name));
  };

  it('override: true lets the file replace values the document wrote', () => {
    expect(overriding(FLOW, 'metrics.csv', 'id,metrics.volume\nrecord,1200\n').nodes[1].metrics.volume).toBe(1200);
  });

  it('a persona\'s column spreads a shared score: the other personas keep it', () => {
    const steps = overriding(JOURNEY, 'scores.csv', 'id,emotion.wang\npay,1\n').stages[0].steps;
    expect(steps[0].emotions.map((e: any) => [e.persona, e.score])).toEqual([['li', 3], ['wang', 1]]);
  });
});

describe('survey answers behind a score', () => {
  it('responses bind like emotion: one count, or responses.<persona>; a count that is not a whole number is refused at its cell', () => {
    const d = fixture({ 'j.journey.yaml': JOURNEY.replace('scores.json', 'scores.csv'), 'scores.csv': 'id,emotion.li,responses.li,responses\nbuy-2,4,12,\npay,,,30\n' });
    const r = checkIn(d, 'j.journey.yaml', { root: d });
    expect(shown(r)).toEqual([]);
    expect(model(r).stages[0].steps.map((s: any) => s.responses.map((x: any) => [x.persona, x.n]))).toEqual([[[undefined, 30]], [['li', 12]]]);
    fs.writeFileSync(path.join(d, 'scores.csv'), 'id,responses\npay,2.5\n');
    expect(shown(checkIn(d, 'j.journey.yaml', { root: d }))).toContainEqual(expect.stringMatching(/^scores\.csv:2:5 error \[schema\] /));
  });
});

describe('diagnostics point at the data file, row and column', () => {
  it('a bad value is a schema error at its cell, as if typed, and the diagram is not drawn', async () => {
    const d = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id,volume,metrics.duration,metrics.conversion\nstart->record,-3,,\nrecord,,ten,120\n' });
    const source = fs.readFileSync(path.join(d, 'a.flow.yaml'), 'utf8');
    const r = await compile(source, { file: 'a.flow.yaml', absPath: path.join(d, 'a.flow.yaml') });
    expect(r.diagrams).toEqual([]);
    expect(r.diagnostics.map((x) => `${x.file}:${x.line}:${x.column} ${x.rule} ${x.message}`)).toEqual([
      'metrics.csv:2:15 schema "volume" is -3; it must be >= 0',
      'metrics.csv:3:9 schema "duration" "ten" is not valid: Time the step takes: a number and s, m, h or d (30s, 10m, 2h, 3d).',
      'metrics.csv:3:13 schema "conversion" is 120; it must be <= 100',
    ]);
  });

  it('a rule about a bound value is shown at its cell (emotion-range from a JSON file)', () => {
    const d = fixture({ 'j.journey.yaml': JOURNEY, 'scores.json': '[\n  {"id": "buy-2", "emotion": {"li": 9}}\n]\n' });
    const r = checkIn(d, 'j.journey.yaml');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ file: 'scores.json', line: 2, column: 37, rule: 'emotion-range', severity: 'error' }));
  });

  it('an unknown id is an unknown-reference warning at its row; an unknown column a warning with did-you-mean', () => {
    const d = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id,metrics.volum,volume\nrecrod,3,\nrecord,,5\n' });
    const r = checkSource(fs.readFileSync(path.join(d, 'a.flow.yaml'), 'utf8'), { file: 'sub/a.flow.yaml', absPath: path.join(d, 'a.flow.yaml') });
    expect(shown(r)).toEqual([
      'sub/metrics.csv:1:4 warning [data-column] column "metrics.volum" sets no field of this flow; did you mean "metrics.volume"?',
      'sub/metrics.csv:2:1 warning [unknown-reference] "recrod" is no element of this flow; did you mean "record"?',
      'sub/metrics.csv:3:9 warning [data-column] column "volume" does not apply to node "record" (it takes metrics.duration, metrics.volume, metrics.conversion, metrics.satisfaction)',
    ]);
    expect(r.documents[0].ok).toBe(true);
  });

  it('missing, malformed and misnamed files are clear errors at the document or in the file, never a throw', () => {
    const d = fixture({
      'a.flow.yaml': FLOW.replace('[{ file: metrics.csv }]', '[{ file: none.csv }, { file: bad.csv }, { file: bad.json }, { file: list.json }, { file: noid.csv }, { file: x.xlsx }, { file: empty.csv }]'),
      'bad.csv': 'id,volume\nrecord,"1\n',
      'bad.json': '[{"id": "record",}]',
      'list.json': '{"id": "record"}',
      'noid.csv': 'name,volume\nrecord,3\n',
      'x.xlsx': '',
      'empty.csv': '',
    });
    const r = checkIn(d, 'a.flow.yaml');
    const messages = shown(r);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^a\.flow\.yaml:2:\d+ error \[unknown-reference\] data file "none\.csv" does not exist$/),
      expect.stringMatching(/^bad\.csv:2:1 error \[data-file\] malformed CSV: /),
      expect.stringMatching(/^bad\.json:1:\d+ error \[data-file\] malformed JSON: /),
      'list.json:1:1 error [data-file] a JSON data file holds an array of row objects, e.g. [{ "id": "record", "volume": 1200 }]',
      expect.stringMatching(/^noid\.csv:1:1 error \[data-file\] the data file has no "id" column/),
      expect.stringMatching(/^a\.flow\.yaml:2:\d+ error \[data-file\] data file "x\.xlsx" must be a \.csv, \.json or \.parquet file$/),
      expect.stringMatching(/^empty\.csv:1:1 error \[data-file\] the data file is empty/),
    ]));
    expect(r.documents[0].ok).toBe(false);
  });
});

describe('in the editor', () => {
  it('the language server shows a data file\'s problem on the buffer line naming the file, its place in the message', () => {
    const d = fixture({ 'a.flow.yaml': FLOW, 'metrics.csv': 'id,volume\nstart->record,-3\n' });
    const fsPath = path.join(d, 'a.flow.yaml');
    const found = diagnose(bufferView(`file://${fsPath}`, fsPath, FLOW));
    expect(found.map((x) => [x.range.start.line, x.code, x.message])).toEqual([[1, 'schema', `${path.join(d, 'metrics.csv')}:2:15: "volume" is -3; it must be >= 0`]]);
  });
});

describe('where data files may come from', () => {
  it('a path leaving the folder tree is refused and never read', () => {
    const d = fixture({ 'tree/a.flow.yaml': FLOW.replace('metrics.csv', '../outside.csv'), 'outside.csv': 'id,volume\nstart->record,9\n' });
    const file = path.join(d, 'tree', 'a.flow.yaml');
    const r = checkSource(fs.readFileSync(file, 'utf8'), { file: 'a.flow.yaml', absPath: file, root: path.join(d, 'tree') });
    expect(shown(r)).toEqual([expect.stringMatching(/^a\.flow\.yaml:2:\d+ error \[unknown-reference\] data file "\.\.\/outside\.csv" leaves the folder tree being built; it is not read$/)]);
    expect(r.dependencies).toEqual([]);
  });

  it('without file access (the render server) a data file is refused with a diagnostic', async () => {
    const r = checkSource(FLOW, { file: '<input>', fileAccess: false });
    expect(shown(r)).toEqual([expect.stringMatching(/^<input>:2:\d+ error \[unknown-reference\] data file "metrics\.csv" is not read here: this compile has no file access/)]);
    const served = await renderJob({ source: FLOW, diagramType: 'journeyflow', format: 'svg', scale: 1, limits: {} });
    expect(served.ok).toBe(false);
    expect(served.ok ? '' : served.message).toMatch(/data file "metrics\.csv" is not read here/);
  });
});

describe('Parquet', () => {
  it('is read ahead through DuckDB and bound like CSV, with places as row and column numbers', async () => {
    const d = fixture({ 'a.flow.yaml': FLOW.replace('metrics.csv', 'metrics.parquet') });
    const parquet = path.join(d, 'metrics.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT * FROM (VALUES ('record', 1200::BIGINT, '10m', NULL::INTEGER), ('start->record', NULL, NULL, 1300), ('record->done', NULL, NULL, -1)) t(id, "metrics.volume", "metrics.duration", volume)) TO '${parquet.replace(/'/g, "''")}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const source = fs.readFileSync(path.join(d, 'a.flow.yaml'), 'utf8');
    const options = { file: 'a.flow.yaml', absPath: path.join(d, 'a.flow.yaml') };
    // The synchronous check alone cannot read Parquet: it says so.
    expect(shown(checkSource(source, options))).toEqual([expect.stringMatching(/^metrics\.parquet:1:1 error \[data-file\] Parquet files are read ahead/)]);
    const dataTables = await readDataAhead(source, options);
    const r = checkSource(source, { ...options, dataTables });
    expect(shown(r)).toEqual(['metrics.parquet:3:4 error [schema] "volume" is -1; it must be >= 0']);
    const fixed = (await compile(source.replace('record, to: done', 'record, to: done, volume: 1100'), options));
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.diagrams[0].svg).toContain('data-from="start" data-to="record"');
  });
});
