import { farRound } from './loop-sides.js';
import { alongside, areaOf, BoxGrid, corners, crossingsWith, overlap, segmentsOf, type Point, type Segment } from './route-geometry.js';

/*
 * How good a routed drawing is, to choose between two drawings of the same placement (the routing
 * post-pass tries two orders, straighten.ts): first the loops back that go far round, then the
 * crossings (two routes sharing a stretch of line count as crossing there), then the bends. Nodes
 * and labels never decide: every candidate route keeps clear of them.
 */

/** Loops back longer than FAR_ROUND times the distance between their ends, crossings, bends. */
export type DrawingScore = [farLoops: number, crossings: number, bends: number];

/**
 * The score of routes indexed like the edges; `back(i)`: edge i goes back against the flow.
 * `merging(i, j)`: edges i and j may share a stretch (they meet at one port), which then is no crossing.
 */
export function drawingScore(edges: ReadonlyArray<{ points: Point[] }>, back: (i: number) => boolean, merging?: (i: number, j: number) => boolean): DrawingScore {
  const routes = edges.map((e) => corners(e.points));
  let crossings = 0;
  forEachCrossing(routes, merging, (_i, _j, n) => { crossings += n; });
  const farLoops = routes.filter((r, i) => r.length > 1 && back(i) && farRound(r)).length;
  const bends = routes.reduce((s, r) => s + Math.max(0, r.length - 2), 0);
  return [farLoops, crossings, bends];
}

/** The pairs of edges (i < j) that cross or share a stretch of line, as drawingScore counts them. */
export function crossingPairs(edges: ReadonlyArray<{ points: Point[] }>, merging?: (i: number, j: number) => boolean): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  forEachCrossing(edges.map((e) => corners(e.points)), merging, (i, j) => pairs.push([i, j]));
  return pairs;
}

function forEachCrossing(routes: Point[][], merging: ((i: number, j: number) => boolean) | undefined, found: (i: number, j: number, count: number) => void): void {
  const segments = routes.map(segmentsOf);
  const areas = routes.map((r) => areaOf(r, 0.5));
  const grid = new BoxGrid();
  areas.forEach((a, i) => grid.add(i, a));
  routes.forEach((_, i) => {
    for (const j of grid.near(areas[i])) {
      if (j <= i || !overlap(areas[i], areas[j])) continue;
      const n = crossingsWith(segments[i], segments[j]) + (merging?.(i, j) ? 0 : overlapsWith(segments[i], segments[j]));
      if (n > 0) found(i, j, n);
    }
  });
}

/** Stretches where two routes share a line (they read as one edge): each counts as a crossing. */
function overlapsWith(segs: readonly Segment[], others: readonly Segment[]): number {
  let n = 0;
  for (const s of segs) for (const o of others) if (alongside(s, o, 1)) n++;
  return n;
}

/** Negative when score a is better (lower, figure by figure in order), positive when b is, 0 when equal. */
export function compareScores(a: DrawingScore, b: DrawingScore): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}
