import type { Box, Point } from './route-geometry.js';
import type { Port } from './straighten.js';

/*
 * Direct routes: a straight line between nodes that overlap across the flow, and one-bend routes
 * ("elbows"): an edge between two nodes that are not in line is drawn as an L, out
 * of the side of its source that faces the target and into the side of the target that faces the
 * source, instead of the Z (out, across a channel, in) or longer route layout gave it. Between
 * lanes this is how a step hands over to the next one in another lane; from a decision it takes
 * the diamond's corner on the target's side. straighten.ts decides whether the elbow is free: it
 * must keep clear of every other node and label and cross no more edges than the route it replaces.
 */

/** Shortest run into a node (the arrowhead needs room). */
const MIN_RUN = 16;

/** Shortest first run of an elbow, out of its source: room for the rounded corner after it. */
const MIN_FIRST_RUN = 10;

/** Room between a label and the run it sits beside. */
const LABEL_GAP = 4;

type Axis = 0 | 1;

const lo = (b: Box, k: Axis) => (k === 0 ? b.x : b.y);
const size = (b: Box, k: Axis) => (k === 0 ? b.w : b.h);
const hi = (b: Box, k: Axis) => lo(b, k) + size(b, k);
const mid = (b: Box, k: Axis) => lo(b, k) + size(b, k) / 2;
/** A point from its coordinate along axis a and its coordinate along the other axis. */
const at = (a: Axis, along: number, other: number): Point => (a === 0 ? [along, other] : [other, along]);

/** Whether the segment from p to q runs along axis a (its other coordinate fixed). */
const runsAlong = (p: Point, q: Point, a: Axis) => Math.abs(p[1 - a] - q[1 - a]) < 0.01 && Math.abs(p[a] - q[a]) > 0.01;

/**
 * Where on a node's side a port may sit, as coordinates along axis k: away from the ends of a
 * diamond's or a curved shape's side; `wide` for a straight line, which may meet a diamond's
 * slanted side further from its corner.
 */
export type PortRange = (port: Port, k: Axis, wide?: boolean) => [number, number];

/**
 * The elbow whose first run goes along axis a: out of `from`'s side facing the target at the
 * side's middle (or at the route's own port when the route already leaves that side), to the line
 * of the target's port, and along the other axis into the target's side facing the source (at the
 * route's own port when it already enters that side, else at the side's middle).
 */
function elbow(route: readonly Point[], from: Port, to: Port, a: Axis, range: PortRange, aside?: 'near' | 'far'): Point[] | undefined {
  const b = (1 - a) as Axis;
  const [s0, s1] = [route[0], route[1]];
  const [e0, e1] = [route[route.length - 1], route[route.length - 2]];
  const forward = mid(to.node, a) > mid(from.node, a);
  const startSide = forward ? hi(from.node, a) : lo(from.node, a);
  // The start keeps its port when it already leaves this side (its first run goes along a from it),
  // else takes the side's middle, or (`near`, when another edge holds the middle) the end of its
  // ports nearer the target, or (`far`, when another route starts at the same point) the end away
  // from it, so that its run passes the other's turn instead of crossing the other's run…
  const [q0, q1] = range(from, b);
  const leaves = runsAlong(s0, s1, a) && Math.abs(s0[a] - startSide) < 0.01;
  if (aside === 'near' && leaves) return undefined;
  const [towards, away] = mid(to.node, b) > mid(from.node, b) ? [q1, q0] : [q0, q1];
  const kept = aside === 'near' ? towards : aside === 'far' ? away : leaves ? s0[b] : mid(from.node, b);
  const entersSide = (side: number) => runsAlong(e1, e0, b) && Math.abs(e0[b] - side) < 0.01;
  const endSide = kept < mid(to.node, b) ? lo(to.node, b) : hi(to.node, b);
  // …moved away from the target's side when the run into the target would be too short for its arrowhead.
  const startOther = Math.abs(endSide - kept) < MIN_RUN ? endSide + Math.sign(kept - mid(to.node, b)) * MIN_RUN : kept;
  // The second run enters the target where the route did, or at the middle of its side, or (when
  // that leaves the first run too short for its end) further along that side.
  const wanted = entersSide(endSide) ? e0[a] : mid(to.node, a);
  const endAlong = forward ? Math.max(wanted, startSide + MIN_FIRST_RUN) : Math.min(wanted, startSide - MIN_FIRST_RUN);
  if (Math.abs(endSide - startOther) < MIN_RUN || (startOther > lo(to.node, b) && startOther < hi(to.node, b))) return undefined;
  const [r0, r1] = range(to, a);
  if (endAlong < r0 || endAlong > r1 || startOther < q0 || startOther > q1) return undefined;
  return [at(a, startSide, startOther), at(a, endAlong, startOther), at(a, endAlong, endSide)];
}

/**
 * Places for a label beside the first run of an elbow, next to its start: on either side of the
 * run, first on the side away from the middle of the source's side when the run leaves off it (the
 * middle may hold another edge, which the label would seem to name).
 */
export function labelsBeside(points: readonly Point[], label: Box, from: Port): Box[] {
  const [start, corner] = points;
  const a: Axis = Math.abs(start[1] - corner[1]) < 0.01 ? 0 : 1;
  const b = (1 - a) as Axis;
  const dir = Math.sign(corner[a] - start[a]);
  const alongStart = dir > 0 ? start[a] + LABEL_GAP : start[a] - LABEL_GAP - size(label, a);
  const sides = [start[b] - LABEL_GAP - size(label, b), start[b] + LABEL_GAP];
  return (start[b] > mid(from.node, b) + 0.5 ? sides.reverse() : sides).map((otherStart) => {
    const [x, y] = at(a, alongStart, otherStart);
    return { ...label, x, y };
  });
}

/**
 * A straight line between two nodes that lie one after the other along axis a and overlap across
 * it (where ports may sit on both): at the line the route's ends already share when they face each
 * other, else halfway between the nodes' middles, moved into the overlap; then at either end of the overlap.
 */
function straightLines(route: readonly Point[], from: Port, to: Port, a: Axis, range: PortRange): Point[][] {
  const b = (1 - a) as Axis;
  const forward = lo(to.node, a) >= hi(from.node, a) + MIN_RUN;
  if (!forward && lo(from.node, a) < hi(to.node, a) + MIN_RUN) return [];
  const [a0, a1] = range(from, b, true);
  const [b0, b1] = range(to, b, true);
  const [low, high] = [Math.max(a0, b0), Math.min(a1, b1)];
  if (low > high) return [];
  const [s, e] = [route[0], route[route.length - 1]];
  const facing = Math.abs(s[a] - (forward ? hi(from.node, a) : lo(from.node, a))) < 0.01 && Math.abs(e[a] - (forward ? lo(to.node, a) : hi(to.node, a))) < 0.01;
  const c = Math.min(high, Math.max(low, facing ? (s[b] + e[b]) / 2 : (mid(from.node, b) + mid(to.node, b)) / 2));
  // Then the ends of the overlap, where a line may pass a node that stands in the middle's way.
  const lines = [c, low, high].filter((x, i, all) => all.findIndex((y) => Math.abs(y - x) < 0.5) === i);
  return lines.map((x) => [at(a, forward ? hi(from.node, a) : lo(from.node, a), x), at(a, forward ? lo(to.node, a) : hi(to.node, a), x)]);
}

/**
 * The direct routes of a route with more than one bend: a straight line, then the elbows, the one
 * whose first run crosses the route's first segment first (out of the source's side, as a
 * hand-over between lanes is drawn); each with the places its label may take beside it, in order.
 */
export function directRoutes(route: readonly Point[], from: Port, to: Port, label: Box | undefined, range: PortRange, sharedStart = false): Array<{ points: Point[]; labels?: () => Box[] }> {
  if (route.length < 4) return [];
  const firstAlong: Axis = runsAlong(route[0], route[1], 0) ? 0 : 1;
  const axes: Axis[] = [(1 - firstAlong) as Axis, firstAlong];
  const some = (p: Point[] | undefined): Point[][] => (p ? [p] : []);
  const straight = [firstAlong, (1 - firstAlong) as Axis].map((a) => straightLines(route, from, to, a, range)).find((lines) => lines.length) ?? [];
  const asides = sharedStart ? [undefined, 'near' as const, 'far' as const] : [undefined, 'near' as const];
  const elbows = asides.flatMap((aside) => axes.flatMap((a) => some(elbow(route, from, to, a, range, aside))));
  const routes = [...straight, ...elbows];
  return routes.map((points) => (label ? { points, labels: () => labelsBeside(points, label, from) } : { points }));
}
