import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowModel, measureFlow, variant } from '../../bench/routing-metrics.js';
import { layoutLayered, type LayeredDirection } from '../../src/layout/layered.js';
import { decisionSides } from '../../src/kinds/flow/decision-ports.js';

/** A decision with three branches forward and one back, as a flow without lanes gives ELK. */
const nodes = [
  { id: 'a', width: 100, height: 40 }, { id: 'd', width: 160, height: 60, cornerPorts: true },
  { id: 'l', width: 100, height: 40 }, { id: 'm', width: 100, height: 40 }, { id: 'r', width: 100, height: 40 },
];
const edges = [{ from: 'a', to: 'd' }, { from: 'd', to: 'l' }, { from: 'd', to: 'm' }, { from: 'd', to: 'r' }];

describe('decision branches at the corners of their diamond (flows without lanes)', () => {
  for (const direction of ['TB', 'LR', 'BT', 'RL'] as LayeredDirection[]) {
    it(`${direction}: three branches take three distinct corners and the edge in the fourth, and ELK draws every end there`, async () => {
      const first = await layoutLayered({ direction, nodes, edges });
      const sides = decisionSides(edges, first.nodes, (id) => id === 'd', direction);
      expect(sides[0].toSide).toBe('behind');
      expect(new Set(sides.slice(1).map((s) => s.fromSide))).toEqual(new Set(['low', 'ahead', 'high']));
      const out = await layoutLayered({ direction, nodes, edges: edges.map((e, i) => ({ ...e, ...sides[i] })) });
      const d = out.nodes.get('d')!;
      const cornersOfD = [[d.x + d.w / 2, d.y], [d.x + d.w, d.y + d.h / 2], [d.x + d.w / 2, d.y + d.h], [d.x, d.y + d.h / 2]];
      const ends = out.edges.map((e, i) => (i === 0 ? e.points[e.points.length - 1] : e.points[0]));
      const at = ends.map((p) => cornersOfD.findIndex(([x, y]) => Math.hypot(x - p[0], y - p[1]) < 0.5));
      expect(at.every((c) => c >= 0)).toBe(true);
      expect(new Set(at).size).toBe(4);
    });
  }

  it('a branch back takes a free corner across the flow on its target’s side', () => {
    const boxes = new Map([['a', { x: 0, y: 0, w: 100, h: 40 }], ['d', { x: 0, y: 100, w: 100, h: 60 }], ['b', { x: 0, y: 220, w: 100, h: 40 }]]);
    const sides = decisionSides([{ from: 'a', to: 'd' }, { from: 'd', to: 'b' }, { from: 'd', to: 'a' }], boxes, (id) => id === 'd', 'TB');
    expect(sides[1].fromSide).toBe('ahead');
    expect(['low', 'high']).toContain(sides[2].fromSide);
    expect(sides[2].toSide).toBeUndefined();
  });

  // The 34-node onboarding flow without lanes, LR: its first cornered drawing crossed 4 times, so
  // ELK's own drawing was kept, with branches off the slanted sides and 5 jogs. Now a branch back
  // round the other side and the decisions at the crossings freed give a drawing crossing nothing.
  for (const direction of ['LR', 'RL']) {
    it(`${direction}: a flow whose cornered drawing crosses gets other corners, not ELK's drawing with its jogs`, async () => {
      const yaml = fs.readFileSync(path.join(__dirname, '../../bench/flows/onboarding.flow.yaml'), 'utf8');
      const m = await measureFlow(`onboarding ${direction}`, flowModel(variant(yaml, direction, true)));
      expect(m.crossings).toBe(0);
      expect(m.throughNodes).toBe(0);
      expect(m.edges.reduce((n, e) => n + e.jogs.length, 0)).toBeLessThanOrEqual(1);
      expect(m.edges.filter((e) => e.detour === undefined && e.bends > 2).length).toBeLessThanOrEqual(1);
    });
  }
});
