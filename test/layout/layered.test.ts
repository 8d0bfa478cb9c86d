import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layersOf, layoutLayered, orderInLayers, type LayeredGraph } from '../../src/layout/layered.js';
import { ROOT } from '../support/cli.js';

const sized = (ids: string[]) => ids.map((id) => ({ id, width: 80, height: 40 }));

describe('layout adapter: layered graphs in our own terms', () => {
  it('places every node at its size, routes each edge by its index, reserves its label box', async () => {
    const graph: LayeredGraph = {
      direction: 'TB',
      nodes: sized(['a', 'b', 'c']),
      edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'missing' }, { from: 'b', to: 'c', label: { width: 30, height: 14 } }],
    };
    const out = await layoutLayered(graph);
    expect([...out.nodes.keys()]).toEqual(['a', 'b', 'c']);
    for (const b of out.nodes.values()) expect([b.w, b.h]).toEqual([80, 40]);
    expect(out.edges).toHaveLength(3);
    // An edge to a node that is not in the graph is left out, not an error.
    expect(out.edges[1]).toEqual({ points: [] });
    const [ab, , bc] = out.edges;
    expect(ab.points[0][1]).toBeCloseTo(out.nodes.get('a')!.y + 40);
    expect(ab.points.at(-1)![1]).toBeCloseTo(out.nodes.get('b')!.y);
    expect(bc.label).toMatchObject({ w: 30, h: 14 });
    expect(out.height).toBeGreaterThan(3 * 40);
  });

  it('lays layers along the direction asked for', async () => {
    const graph = (direction: LayeredGraph['direction']): LayeredGraph => ({ direction, nodes: sized(['a', 'b']), edges: [{ from: 'a', to: 'b' }] });
    const at = async (d: LayeredGraph['direction']) => { const n = (await layoutLayered(graph(d))).nodes; return [n.get('a')!, n.get('b')!]; };
    const [[tbA, tbB], [btA, btB], [lrA, lrB], [rlA, rlB]] = await Promise.all((['TB', 'BT', 'LR', 'RL'] as const).map(at));
    expect(tbB.y).toBeGreaterThan(tbA.y);
    expect(btB.y).toBeLessThan(btA.y);
    expect(lrB.x).toBeGreaterThan(lrA.x);
    expect(rlB.x).toBeLessThan(rlA.x);
  });

  it('widens the gaps it is given', async () => {
    const base: LayeredGraph = { direction: 'TB', nodes: sized(['a', 'b', 'c']), edges: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }] };
    const narrow = await layoutLayered(base);
    const wide = await layoutLayered({ ...base, spacing: { betweenNodes: 100, betweenLayers: 100 } });
    expect(wide.width).toBeGreaterThan(narrow.width);
    expect(wide.height).toBeGreaterThan(narrow.height);
  });

  it('orders layers for callers that place nodes themselves', async () => {
    const layers = await orderInLayers({ nodes: sized(['a', 'b', 'c', 'd']), edges: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }, { from: 'b', to: 'd' }, { from: 'c', to: 'd' }] });
    expect(layers.map((l) => [...l].sort())).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('reads layers off coordinates: nodes of one layer centred on it, of different heights, stay together', () => {
    const layers = layersOf([
      { id: 'tall', x: 0, y: 0, w: 50, h: 60 },
      { id: 'short', x: -80, y: 20, w: 50, h: 20 },
      { id: 'next', x: 0, y: 100, w: 50, h: 40 },
    ]);
    expect(layers).toEqual([['short', 'tall'], ['next']]);
  });
});

describe('layout adapter boundary', () => {
  it('no module outside src/layout/ imports ELK or writes its option keys', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) { if (file !== path.join(ROOT, 'src', 'layout')) walk(file); continue; }
        if (!file.endsWith('.ts')) continue;
        const text = fs.readFileSync(file, 'utf8');
        if (/from '[^']*(elkjs|layout\/elk[^']*)'|['"]elk\.|org\.eclipse\.elk|layoutOptions/.test(text)) offenders.push(path.relative(ROOT, file));
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
