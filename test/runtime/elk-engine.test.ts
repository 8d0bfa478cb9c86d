import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runElk, layeredOptions, ORDER_ONLY_OPTIONS, type ElkNode } from '../../src/layout/elk.js';
import { isOneComponent } from '../../src/layout/elk-engine.js';
import { ROOT } from '../support/cli.js';
import { run } from './spawn.js';

const require = createRequire(import.meta.url);

function sample(layoutOptions: Record<string, string>, twoParts = false): ElkNode {
  const ids = ['start', 'check', 'repair', 'replace', 'notify', 'close', ...(twoParts ? ['x', 'y', 'z'] : [])];
  const pairs = [['start', 'check'], ['check', 'repair'], ['check', 'replace'], ['repair', 'notify'], ['replace', 'notify'], ['notify', 'close'], ['notify', 'check'], ...(twoParts ? [['x', 'y'], ['y', 'z']] : [])];
  return {
    id: 'root',
    layoutOptions,
    children: ids.map((id, i) => ({ id, width: 90 + i * 7, height: 40 + (i % 2) * 12 })),
    edges: pairs.map(([s, t], i) => ({ id: `e${i}`, sources: [s], targets: [t], labels: i === 1 ? [{ id: `l${i}`, text: ' ', width: 24, height: 14 }] : [] })),
  };
}

const chain = (n: number): ElkNode => ({
  id: 'root',
  children: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 40, height: 20 })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({ id: `e${i}`, sources: [`n${i}`], targets: [`n${i + 1}`] })),
});

/** A layout without `$H`, the identity hash GWT gives each object: it counts the objects made before, not the layout. */
const layoutOnly = (graph: unknown): unknown => JSON.parse(JSON.stringify(graph, (key, value) => (key === '$H' ? undefined : value)));

describe('ELK driven synchronously', () => {
  it('gives exactly what elkjs\' own promise API gives, for every option set we use, with one component or two', async () => {
    const ELK = require('elkjs/lib/elk.bundled.js');
    const reference = new ELK();
    for (const twoParts of [false, true]) {
      for (const options of [layeredOptions('DOWN'), layeredOptions('LEFT'), layeredOptions('RIGHT', { 'elk.edgeLabels.inline': 'true' }), ORDER_ONLY_OPTIONS]) {
        const ours = await runElk(sample(options, twoParts));
        const theirs = await reference.layout(sample(options, twoParts));
        expect(layoutOnly(ours)).toEqual(layoutOnly(theirs));
      }
    }
  });

  it('reports ELK\'s own errors as errors', async () => {
    const bad: ElkNode = { id: 'root', layoutOptions: layeredOptions('DOWN'), children: [{ id: 'a', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['missing'] }] };
    await expect(runElk(bad)).rejects.toThrow(/missing/);
  });

  it('tells a graph of one connected component from the others', () => {
    expect(isOneComponent(chain(50))).toBe(true);
    expect(isOneComponent(sample({}))).toBe(true);
    expect(isOneComponent(sample({}, true))).toBe(false);
    expect(isOneComponent(chain(1))).toBe(false);
    expect(isOneComponent({ ...chain(3), edges: [] })).toBe(false);
    // Compound graphs, ports and edges to unknown ends keep ELK's own handling.
    expect(isOneComponent({ ...chain(3), children: [...chain(3).children!.slice(1), { id: 'n0', children: chain(2).children }] })).toBe(false);
    expect(isOneComponent({ ...chain(3), children: [...chain(3).children!.slice(1), { id: 'n0', ports: [{ id: 'p' }] }] })).toBe(false);
    expect(isOneComponent({ ...chain(3), edges: [...chain(3).edges!, { id: 'x', sources: ['n0'], targets: ['nowhere'] }] })).toBe(false);
  });

  it('lays out a chain too deep for ELK\'s recursive component search on the stack it has, without a thread', async () => {
    // ELK finds components by recursion, one frame per node of a chain: on Node's default stack a
    // chain of 5 000 nodes overflows there. A smaller stack shows the same with a cheaper graph.
    // --jitless keeps every frame interpreted, so the stack a chain needs does not depend on when
    // (with machine load) optimized code arrives: on 100 KB the split overflows near 330 nodes and
    // the next recursion (cycle breaking) near 550, and 430 sits between them.
    const engine = pathToFileURL(path.join(ROOT, 'dist', 'layout', 'elk-engine.js')).href;
    const script = `
      const { createLayoutSync } = await import(${JSON.stringify(engine)});
      const layout = createLayoutSync();
      const n = 430;
      const graph = (split) => ({ id: 'root', layoutOptions: { 'elk.algorithm': 'layered', 'elk.edgeRouting': 'POLYLINE', 'elk.layered.nodePlacement.strategy': 'SIMPLE', ...(split ? { 'elk.separateConnectedComponents': 'true' } : {}) },
        children: Array.from({ length: n }, (_, i) => ({ id: 'n' + i, width: 40, height: 20 })), edges: Array.from({ length: n - 1 }, (_, i) => ({ id: 'e' + i, sources: ['n' + i], targets: ['n' + (i + 1)] })) });
      const attempt = (split) => { try { const out = layout(graph(split)); return 'laid out ' + out.children.length; } catch (e) { return e.name; } };
      console.log(JSON.stringify({ ours: attempt(false), withSplit: attempt(true) }));`;
    const r = await run(process.execPath, ['--jitless', '--stack-size=100', '--input-type=module', '-e', script], { env: { JOURNEYFLOW_NO_CACHE: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ours: 'laid out 430', withSplit: 'RangeError' });
  });
});
