/**
 * The library in process (src/api/index.ts): compile, checkSource, renderPng and formatDiagnostics,
 * with the diagnostics' rule, line and column, the Mermaid text and the PNG bytes.
 */
import { describe, expect, it } from 'vitest';
import { checkSource, compile, formatDiagnostics, renderPng, type Diagnostic } from '../../src/api/index.js';

const FLOW = 'kind: flow\nid: api\ntitle: 开始到结束\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n';
const BROKEN = 'kind: flow\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> pay\n';
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.line}:${d.column} ${d.severity} [${d.rule}] ${d.message}`);

describe('compile', () => {
  it('turns YAML into SVG and Mermaid with no diagnostics', async () => {
    const r = await compile(FLOW, { file: 'api.flow.yaml' });
    expect(r.diagnostics).toEqual([]);
    expect(r.diagrams.map((d) => [d.id, d.kind])).toEqual([['api', 'flow']]);
    const { svg, mermaid } = r.diagrams[0];
    expect(mermaid).toBe('%% 开始到结束 (journeyflow api)\nflowchart TB\n  n_s(["开始"])\n  n_e(["结束"])\n  n_s --> n_e\n');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" [^>]*class="jf-diagram jf-flow" data-id="api"/);
    expect(svg).toContain('<title id="jf-api-title">开始到结束</title>');
    expect(svg.match(/<g class="jf-node jf-(start|end)"/g)).toHaveLength(2);
    expect(svg.match(/<g class="jf-edge"/g)).toHaveLength(1);
  });

  it('reports every problem of every document with rule, line and column, and draws only the clean ones', async () => {
    const multi = '---\nkind: lifecycle\nid: one\nstates:\n  - { id: a }\n---\nkind: journey\nstages:\n  - id: s\n    steps:\n      - { label: x }\n---\nkind: lifecycle\nid: one\nstates:\n  - { id: b }\n---\n- 1\n---\nkind: gantt\n---\ntitle: x\n';
    const r = await compile(multi, { file: 'multi.yaml' });
    expect(brief(r.diagnostics)).toEqual([
      '5:11 warning [dead-end] state "a" has no transition out of it; add one or mark it `final: true`',
      '7:1 error [schema] this file holds several documents, so each needs its own `id`',
      '9:9 warning [stage-without-kpi] stage "s" has no KPI',
      '14:5 error [duplicate-id] document id "one" is already used by document 1 of this file',
      '16:11 warning [dead-end] state "b" has no transition out of it; add one or mark it `final: true`',
      '18:1 error [schema] a diagram document must be a map with a `kind` field (journey, flow, lifecycle or funnel)',
      '20:7 error [schema] "kind" is "gantt"; expected one of journey, flow, lifecycle, funnel',
      '22:1 error [schema] missing required field "kind"; expected journey, flow, lifecycle or funnel',
    ]);
    // The document without an id and the second "one" would overwrite other outputs: not drawn.
    expect(r.diagrams.map((d) => d.id)).toEqual(['one']);
    expect(r.diagrams[0].mermaid).toContain('stateDiagram-v2');
  });

  it('draws nothing for a document with errors; --strict counts warnings', async () => {
    const bad = await compile(BROKEN, { file: 'bad.flow.yaml' });
    expect(bad.diagrams).toEqual([]);
    expect(bad.diagnostics.map((d) => [d.rule, d.line, d.column, d.endColumn, d.path])).toEqual([['unreachable-node', 4, 11, 12, '/nodes/1/id'], ['unknown-reference', 6, 10, 13, '/edges/0']]);
    const journey = 'kind: journey\nstages:\n  - id: s\n    steps:\n      - { label: x }\n';
    expect((await compile(journey, { file: 'w.yaml' })).diagrams).toHaveLength(1);
    const strict = await compile(journey, { file: 'w.yaml', strict: true });
    expect([strict.diagrams.length, brief(strict.diagnostics)]).toEqual([0, ['3:9 warning [stage-without-kpi] stage "s" has no KPI']]);
  });

  it('applies a theme given by the caller, and refuses an unknown one', async () => {
    const dark = await compile(FLOW, { file: 'api.flow.yaml', theme: 'dark' });
    const plain = await compile(FLOW, { file: 'api.flow.yaml' });
    const background = (svg: string) => svg.match(/<rect class="jf-background"[^>]*fill="([^"]+)"/)![1];
    expect(background(plain.diagrams[0].svg)).not.toBe(background(dark.diagrams[0].svg));
    const none = await compile(FLOW, { file: 'api.flow.yaml', theme: 'nope' });
    expect(none.diagrams).toEqual([]);
    expect(brief(none.diagnostics)).toEqual(['1:1 error [unknown-reference] theme "nope" is not a built-in theme (default, dark, neutral, high-contrast) nor a .yaml theme file']);
  });
});

describe('checkSource', () => {
  it('checks schema and rules of each document without laying anything out', () => {
    const r = checkSource(BROKEN, { file: 'bad.flow.yaml' });
    expect(r.documents.map((d) => [d.kind, d.ok, d.model.id])).toEqual([['flow', false, 'bad']]);
    const fine = checkSource(FLOW, { file: 'x.yaml' });
    expect(fine.documents.map((d) => [d.kind, d.ok, d.model.id, d.model.title])).toEqual([['flow', true, 'api', '开始到结束']]);
  });

  it('keeps resource bounds: too many elements, too long a text, too large a file', () => {
    expect(brief(checkSource(FLOW, { file: 'l.yaml', limits: { maxElements: 1 } }).diagnostics)).toEqual(['6:1 error [input-too-large] more than 60 YAML tokens (from line 6 on); the limit follows --max-elements (1), raise it to read this file']);
    expect(brief(checkSource(FLOW, { file: 'l.yaml', limits: { maxBytes: 10 } }).diagnostics)).toEqual([`1:1 error [input-too-large] file is ${Buffer.byteLength(FLOW)} bytes; the limit is 10 (raise it with --max-bytes)`]);
    const long = checkSource(FLOW.replace('label: 开始 }', `label: ${'x'.repeat(50)} }`), { file: 'l.yaml', limits: { maxTextLength: 20 } });
    expect(long.diagnostics.map((d) => [d.rule, d.line])).toEqual([['input-too-large', 5]]);
    expect(long.documents).toEqual([]);
  });

  it('reports a schema error at the offending value, and YAML syntax errors where they are', () => {
    const r = checkSource('kind: flow\ndirection: UP\nnodes:\n  - { id: s, type: start }\n', { file: 's.yaml' });
    expect(r.diagnostics.filter((d) => d.rule === 'schema').map((d) => [d.line, d.column, d.path])).toEqual([[2, 12, '/direction']]);
    const y = checkSource('kind: flow\nnodes: [\n', { file: 'y.yaml' });
    expect(y.diagnostics.map((d) => [d.rule, d.line])).toEqual([['yaml-syntax', 3]]);
  });
});

describe('renderPng', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30"><rect width="40" height="30" fill="#ff0000"/></svg>';
  const size = (png: Uint8Array) => { const b = Buffer.from(png); return [b.readUInt32BE(16), b.readUInt32BE(20)]; };

  it('rasterizes an SVG to PNG bytes at the zoom asked for (1 by default)', async () => {
    const one = await renderPng(svg);
    expect([...one.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(size(one)).toEqual([40, 30]);
    expect(size(await renderPng(svg, { scale: 2.5 }))).toEqual([100, 75]);
  });
});

describe('formatDiagnostics', () => {
  const ds = checkSource(BROKEN, { file: 'bad.flow.yaml' }).diagnostics;

  it('writes text with a code frame and a caret under the span, coloured on request', () => {
    const text = formatDiagnostics(ds, 'text', new Map([['bad.flow.yaml', BROKEN]]));
    expect(text).toBe([
      'bad.flow.yaml:4:11 error [unreachable-node] node "e" cannot be reached from any start node; add an edge into it',
      '  3 |   - { id: s, type: start }', '> 4 |   - { id: e, type: end }', '    |           ^', '  5 | edges:',
      'bad.flow.yaml:6:10 error [unknown-reference] edge target "pay" is not a node of this flow',
      '  5 | edges:', '> 6 |   - s -> pay', '    |          ^^^', '  7 | ', '',
    ].join('\n'));
    const colour = formatDiagnostics(ds, 'text', new Map([['bad.flow.yaml', BROKEN]]), true);
    expect(colour).toContain('bad.flow.yaml:6:10 \u001b[31merror\u001b[0m [unknown-reference]');
    expect(colour).toContain('    |          \u001b[31m^^^\u001b[0m\n');
    expect(formatDiagnostics([{ ...ds[0], severity: 'warning' }], 'text', new Map(), true)).toBe('bad.flow.yaml:4:11 \u001b[33mwarning\u001b[0m [unreachable-node] node "e" cannot be reached from any start node; add an edge into it\n');
  });

  it('writes JSON with every field and GitHub annotations with escaped properties', () => {
    expect(JSON.parse(formatDiagnostics(ds, 'json'))).toEqual(ds);
    expect(formatDiagnostics(ds, 'github')).toBe('::error file=bad.flow.yaml,line=4,col=11,endLine=4,endColumn=12,title=unreachable-node::node "e" cannot be reached from any start node; add an edge into it\n::error file=bad.flow.yaml,line=6,col=10,endLine=6,endColumn=13,title=unknown-reference::edge target "pay" is not a node of this flow\n');
    const odd: Diagnostic = { ...ds[1], file: 'a,b:c%.yaml', severity: 'warning', message: '50% done\r\nnext' };
    expect(formatDiagnostics([odd], 'github')).toBe('::warning file=a%2Cb%3Ac%25.yaml,line=6,col=10,endLine=6,endColumn=13,title=unknown-reference::50%25 done\\u000d%0Anext\n');
  });

  it('shows a window of a very long line around the column, and a span over several lines to the line end', () => {
    const line = `${'a'.repeat(300)}BAD${'b'.repeat(300)}`;
    const d: Diagnostic = { file: 'x', line: 1, column: 301, endLine: 1, endColumn: 304, severity: 'error', rule: 'r', message: 'm', path: '' };
    const frame = formatDiagnostics([d], 'text', new Map([['x', line]])).split('\n');
    expect(frame[1]).toBe(`> 1 | …${'a'.repeat(40)}BAD${'b'.repeat(117)}…`);
    expect(frame[2]).toBe(`    | ${' '.repeat(41)}^^^`);
    const multi = formatDiagnostics([{ ...d, line: 2, column: 3, endLine: 3, endColumn: 1 }], 'text', new Map([['x', 'one\n\tsix chars\nthree']])).split('\n');
    expect(multi.slice(1, 5)).toEqual(['  1 | one', '> 2 |  six chars', '    |   ^^^^^^^^', '  3 | three']);
  });
});
