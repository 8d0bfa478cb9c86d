import { describe, expect, it } from 'vitest';
import { sideLoops } from '../../src/layout/loop-sides.js';
import type { Box, Point } from '../../src/layout/route-geometry.js';

/*
 * Loops through the nodes' sides (src/layout/loop-sides.ts) from a route of three bends: out of
 * one node's end, along a gutter, and into the other's side (a loop back in a flow without lanes,
 * as ELK draws it). Before, only routes of four points (a loop already) or six (a U round the
 * nodes' ends) had a loop offered, and these kept their third bend.
 */

// LR: the source at the right, the target 400 px back along the flow, both tops near y 100.
const source: Box = { x: 600, y: 100, w: 100, h: 40 };
const target: Box = { x: 100, y: 110, w: 100, h: 40 };
const ports = [{ node: source, shape: 'box' as const }, { node: target, shape: 'box' as const }] as const;

describe('a loop offered for a route of three bends', () => {
  it('runs its gutter between the two tops and enters the target from above: two bends', () => {
    // Up out of the source's top to y 60, back along to x 230, down to the target's middle, left into its right side.
    const route: Point[] = [[650, 100], [650, 60], [230, 60], [230, 130], [200, 130]];
    const loops = sideLoops(route, ports[0], ports[1], undefined);
    expect(loops.length).toBeGreaterThan(0);
    const best = loops[0].points;
    expect(best).toHaveLength(4);
    expect(best[0]).toEqual([650, 100]);
    expect(best[3][1]).toBe(110);
    expect(best[3][0]).toBeGreaterThan(100);
    expect(best[3][0]).toBeLessThan(200);
    expect(best[1][1]).toBe(best[2][1]);
    expect(best[1][1]).toBeLessThan(100);
  });

  it('offers one no more than a tenth longer only when asked to', () => {
    // The target's side lies close to the run's end: the loop into its top is a little longer than the route.
    const route: Point[] = [[650, 100], [650, 96], [205, 96], [205, 130], [200, 130]];
    expect(sideLoops(route, ports[0], ports[1], undefined).filter((l) => !l.longer)).toEqual([]);
    const longer = sideLoops(route, ports[0], ports[1], undefined, 1.1);
    expect(longer.length).toBeGreaterThan(0);
    expect(longer.every((l) => l.longer)).toBe(true);
  });
});
