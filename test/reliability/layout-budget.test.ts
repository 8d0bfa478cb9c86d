import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TXT_CELLS } from '../../src/render/txt/layered.js';
import { tmpDir } from '../support/cli.js';
import { chainFlow, expectWellFormed, jsonDiagnostics } from './helpers.js';
import { expectAnswered, jfAsync } from './run-async.js';

// Issue 24, findings 4 and 5: inputs inside the element bounds whose layout or text picture grew
// super-linearly (minutes, gigabytes). Each must now be answered, with the layout refused as
// `layout-too-complex` naming what to reduce, and `-f txt` drawn (or listed) in bounded memory.

const dir = tmpDir('jf-budget-');
const write = (name: string, text: string): string => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

/** A flow where every node has an edge to every other (start has no way in, end no way out). */
function denseFlow(n: number): string {
  const ids = ['s', ...Array.from({ length: n - 2 }, (_, i) => `n${i}`), 'e'];
  const out = ['kind: flow', 'nodes:', '  - { id: s, type: start }', ...ids.slice(1, -1).map((id) => `  - { id: ${id} }`), '  - { id: e, type: end }', 'edges:'];
  for (const a of ids) for (const b of ids) if (a !== b && b !== 's' && a !== 'e') out.push(`  - ${a} -> ${b}`);
  return out.join('\n') + '\n';
}
function denseLifecycle(n: number): string {
  const out = ['kind: lifecycle', 'states:'];
  for (let i = 0; i < n; i++) out.push(`  - { id: s${i}, label: S${i}${i === 0 ? ', initial: true' : ''}${i === n - 1 ? ', final: true' : ''} }`);
  out.push('transitions:');
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) out.push(`  - { from: s${a}, to: s${b} }`);
  return out.join('\n') + '\n';
}
const parallelFlow = (k: number): string => ['kind: flow', 'nodes:', '  - { id: s, type: start }', '  - { id: e, type: end }', 'edges:', ...Array.from({ length: k }, (_, i) => `  - { from: s, to: e, label: "reason ${i}" }`)].join('\n') + '\n';
/** A chain of n steps, every third looping back far (the 300-node flow "with loops"). */
function loopFlow(n: number, lanes = 0): string {
  const lane = (i: number) => (lanes ? `, lane: l${i % lanes}` : '');
  const out = ['kind: flow', ...(lanes ? ['lanes:', ...Array.from({ length: lanes }, (_, l) => `  - { id: l${l}, label: Lane ${l} }`)] : []), 'nodes:', `  - { id: s, type: start${lane(0)} }`];
  for (let i = 0; i < n; i++) out.push(`  - { id: n${i}, label: "step ${i}"${lane(i)} }`);
  out.push(`  - { id: e, type: end${lane(n)} }`, 'edges:', '  - s -> n0');
  for (let i = 0; i < n - 1; i++) out.push(`  - n${i} -> n${i + 1}`);
  for (let i = 3; i < n; i += 3) out.push(`  - { from: n${i}, to: n${(i * 7) % i}, label: "again ${i}" }`);
  out.push(`  - n${n - 1} -> e`);
  return out.join('\n') + '\n';
}

const build = (file: string, formats: string) => jfAsync(['build', '--format', 'json', '-f', formats, '-o', path.join(dir, 'out'), file]);

describe('layout budget (issue 24, finding 5)', () => {
  const refused: Array<[string, () => string, RegExp]> = [
    ['20 nodes, 361 edges', () => denseFlow(20), /ordering work \d+; the layout budget is \d+: remove edges/],
    ['40 nodes, 1 482 edges', () => denseFlow(40), /ordering work/],
    ['60 states, 3 540 transitions', () => denseLifecycle(60), /ordering work/],
    ['300 nodes with loops', () => loopFlow(300), /jump far back or ahead/],
  ];
  for (const [name, text, message] of refused) {
    it(`${name}: build answers layout-too-complex naming what to reduce, at the key of the edges' array`, async () => {
      const lifecycle = name.includes('states');
      const source = text();
      const r = await build(write(`${name.replace(/\W+/g, '-')}.${lifecycle ? 'lifecycle' : 'flow'}.yaml`, source), 'svg');
      expectAnswered(r);
      expect(r.code).toBe(1);
      const diags = jsonDiagnostics(r);
      expectWellFormed(diags);
      const key = lifecycle ? 'transitions' : 'edges';
      const line = source.split('\n').indexOf(`${key}:`) + 1;
      expect(diags).toEqual([expect.objectContaining({ rule: 'layout-too-complex', severity: 'error', message: expect.stringMatching(message), line, column: 1, endLine: line, endColumn: key.length + 1, path: `/${key}` })]);
    });
  }

  it('200 nodes in 4 lanes with far loops: answered, laid out or refused as too complex', async () => {
    const r = await build(write('lanes.flow.yaml', loopFlow(200, 4)), 'svg');
    expectAnswered(r);
    const errors = jsonDiagnostics(r).filter((d) => d.severity === 'error');
    if (r.code === 0) expect(fs.readFileSync(path.join(dir, 'out', 'lanes.flow.svg'), 'utf8')).toMatch(/<\/svg>\n$/);
    else expect(errors.map((d) => d.rule)).toEqual(['layout-too-complex']);
  });

  it('1 000 labelled parallel edges (bundled into one drawn edge), and 200 nodes in 4 lanes with short loops, are within the budget and build', async () => {
    const short = loopFlow(200, 4).replace(/from: n(\d+), to: n\d+/g, (_, i) => `from: n${i}, to: n${Number(i) - 2}`);
    for (const [name, text] of [['parallel.flow.yaml', parallelFlow(1000)], ['short.flow.yaml', short]]) {
      const r = await build(write(name, text), 'svg');
      expectAnswered(r);
      expect(jsonDiagnostics(r).filter((d) => d.severity === 'error')).toEqual([]);
      expect(fs.readFileSync(path.join(dir, 'out', name.replace('.yaml', '.svg')), 'utf8')).toMatch(/<\/svg>\n$/);
    }
  });

  it('a graph under the counted budget that still lays out long is stopped at the wall-clock limit', async () => {
    // A 1 000-step chain with 30 random jumps: ordering work 139 795, under the budget, yet seconds of ELK on a worker.
    let x = 1;
    const next = (n: number) => (x = (x * 48271) % 2147483647) % n;
    const jumps = Array.from({ length: 30 }, () => `  - n${next(999)} -> n${1 + next(999)}`);
    const text = chainFlow(1000).replace(/\n$/, `\n${jumps.join('\n')}\n`);
    const r = await jfAsync(['build', '--format', 'json', '-o', path.join(dir, 'out'), write('jumps.flow.yaml', text)], { env: { JOURNEYFLOW_LAYOUT_TIMEOUT_MS: '300' } });
    expectAnswered(r);
    expect(r.code).toBe(1);
    // Stopped by the clock, it still points at the edges to reduce.
    expect(jsonDiagnostics(r)).toEqual([expect.objectContaining({ rule: 'layout-too-complex', message: expect.stringMatching(/ran past its limit of 0\.3 s/), line: text.split('\n').indexOf('edges:') + 1, path: '/edges' })]);
  });

  it('md and diff of a diagram past the budget answer layout-too-complex, exit 1, not an internal error', async () => {
    const doc = write('doc.md', `# Doc\n\n\`\`\`journeyflow\n${denseFlow(20)}\`\`\`\n`);
    const md = await jfAsync(['md', doc], { cwd: dir });
    const before = write('before.flow.yaml', parallelFlow(1));
    const diff = await jfAsync(['diff', before, write('after.flow.yaml', denseFlow(20)), '-o', path.join(dir, 'diff-out')], { cwd: dir });
    for (const r of [md, diff]) {
      expectAnswered(r);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/\[layout-too-complex\].*ordering work \d+/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    // md says it at the block's `edges:` line (the YAML starts on line 4 of doc.md), and leaves the block as it was.
    expect(md.stderr).toContain(`doc.md:${denseFlow(20).split('\n').indexOf('edges:') + 4}:1 error [layout-too-complex]`);
    expect(fs.readFileSync(doc, 'utf8')).toBe(`# Doc\n\n\`\`\`journeyflow\n${denseFlow(20)}\`\`\`\n`);
  });

  it('compile() reports a diagram past the budget as a diagnostic instead of throwing', async () => {
    const { compile } = await import('../../src/api/index.js');
    const source = denseFlow(20);
    const result = await compile(source);
    expect(result.diagrams).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'layout-too-complex', line: source.split('\n').indexOf('edges:') + 1, path: '/edges' })]);
  });
});

describe('txt pictures in bounded memory (issue 24, finding 4)', () => {
  it('a 300-node flow with loops is drawn as text under a 512 MB heap', async () => {
    const r = await build(write('loops-txt.flow.yaml', loopFlow(300)), 'txt');
    expectAnswered(r);
    expect(r.code, r.stderr).toBe(0);
    const txt = fs.readFileSync(path.join(dir, 'out', 'loops-txt.flow.txt'), 'utf8');
    expect(txt).toContain('step 299');
    expect(txt).toContain('again 297');
  });

  it('a picture past the cell limit is listed, every box and edge named', async () => {
    const r = await build(write('dense-txt.lifecycle.yaml', denseLifecycle(60)), 'txt');
    expectAnswered(r);
    expect(r.code, r.stderr).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'out', 'dense-txt.lifecycle.txt'), 'utf8').split('\n');
    expect(lines.some((l) => l.includes(`past the limit of ${MAX_TXT_CELLS} cells`))).toBe(true);
    expect(lines.filter((l) => / → /.test(l)).length).toBe(60 * 59);
  });
});
