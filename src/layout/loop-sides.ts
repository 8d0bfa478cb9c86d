import type { Box, Point } from './route-geometry.js';
import type { Port } from './straighten.js';

/*
 * Shorter loops back: a route shaped like a U around the outside of its nodes (out of the source's
 * far end, across to a gutter, along it, across again and into the target's near end) is drawn
 * from the source's side, along the same gutter, into the target's side instead: the two crossings
 * of the channels and the stubs to and from the node ends go, and the loop is about as long as the
 * distance it goes back. straighten.ts decides whether the shorter route is free to take.
 */

/** Room between an edge label and the gutter run it sits beside. */
const LABEL_GAP = 4;

/** Where along the gutter run a label may sit first, as fractions from the source: the middle, then nearer either end. */
const LABEL_STOPS = [0.5, 0.3, 0.7];

/** How many more places along the run a label tries when those are taken (a node beside the run, another label). */
const MORE_LABEL_STOPS = 12;

/**
 * The fractions along a run of this length where a label of this size (along the run) may sit:
 * LABEL_STOPS, then evenly spread places clear of the run's ends, nearest the middle first (the
 * gap between two nodes the run passes may be the only free place beside it).
 */
function labelStops(length: number, size: number): number[] {
  const margin = Math.min(0.5, (size / 2 + LABEL_GAP) / (length || 1));
  const more = Array.from({ length: MORE_LABEL_STOPS }, (_, i) => margin + ((1 - 2 * margin) * (i + 0.5)) / MORE_LABEL_STOPS);
  return [...LABEL_STOPS, ...more.sort((a, b) => Math.abs(a - 0.5) - Math.abs(b - 0.5))];
}

/** The middle of the side of `node` that faces coordinate `g` along axis k, or undefined if g is not beside the node. */
function sideFacing(node: Box, g: number, k: 0 | 1): Point | undefined {
  const [start, length] = k === 0 ? [node.x, node.w] : [node.y, node.h];
  if (g > start && g < start + length) return undefined;
  const side = g <= start ? start : start + length;
  return k === 0 ? [side, node.y + node.h / 2] : [node.x + node.w / 2, side];
}

const lengthOf = (pts: readonly Point[]) => pts.slice(1).reduce((s, q, i) => s + Math.abs(q[0] - pts[i][0]) + Math.abs(q[1] - pts[i][1]), 0);

/** Room kept between a loop's run and the nodes it passes beside. */
const NODE_CLEARANCE = 14;

/**
 * The run of a loop that goes back along the flow: the gutter run of a U around the nodes' ends
 * (six points), or the run of a loop already through the nodes' sides (four points, both ends on a side).
 */
function loopRun(route: readonly Point[]): [Point, Point] | undefined {
  if (route.length === 6) return [route[2], route[3]];
  if (route.length === 4) return [route[1], route[2]];
  if (route.length === 5) {
    // Out of one node's end into the other's side (or the reverse): the longer of the two middle runs.
    const [a, b] = [lengthOf(route.slice(1, 3)), lengthOf(route.slice(2, 4))];
    return a >= b ? [route[1], route[2]] : [route[2], route[3]];
  }
  return undefined;
}

/**
 * Where a loop may enter the side of its target: the middle, then (a side another loop may
 * already take the middle of) a quarter of the way towards the loop's start and away from it; a
 * diamond only at its corner.
 */
function endsBeside(to: Port, middle: Point, start: Point, k: 0 | 1): Point[] {
  if (to.shape === 'diamond') return [middle];
  const quarter = (k === 0 ? to.node.h : to.node.w) / 4;
  const towards = Math.sign(start[1 - k] - middle[1 - k]) || 1;
  const moved = (d: number): Point => (k === 0 ? [middle[0], middle[1] + d] : [middle[0] + d, middle[1]]);
  return [middle, moved(towards * quarter), moved(-towards * quarter)];
}

/** Distance between the lines tried for a loop that goes far round (that of parallel edges in a lane layout). */
const SCAN_STEP = 9;

/** A route longer than this many times the distance between its ends goes far round. */
const FAR_ROUND = 1.6;

/** Whether a route goes far round: longer than `times` (FAR_ROUND unless given) the distance between its ends. */
export function farRound(route: readonly Point[], times = FAR_ROUND): boolean {
  const [s, e] = [route[0], route[route.length - 1]];
  return lengthOf(route) > times * Math.hypot(s[0] - e[0], s[1] - e[1]);
}

/**
 * For a route that goes far round (a loop through a distant gutter), the lines between the nodes'
 * sides and its run, nearest the nodes first: the nearest free one (straighten.ts checks) is the
 * shortest free channel.
 */
function channelsBetween(route: readonly Point[], g: number, lo: number, hi: number): number[] {
  if (!farRound(route)) return [];
  const [first, last, dir] = g < lo ? [lo - NODE_CLEARANCE - SCAN_STEP, g, -1] : [hi + NODE_CLEARANCE + SCAN_STEP, g, 1];
  const out: number[] = [];
  for (let x = first; dir * (last - x) > SCAN_STEP / 2; x += dir * SCAN_STEP) out.push(x);
  return out;
}

/** Shortest stub between a node and the run of a loop drawn longer than its route (a shorter stub reads as a kink). */
const MIN_STUB = 10;

/**
 * The loop through the sides; the places for a label (if any) beside the run, at its middle or
 * nearer one end, first on the side of the nodes (inside the lane), else on the other, in order.
 * The run lies in the route's gutter, or nearer: just beside the nearer of the two nodes' sides
 * facing either way (a free channel inside the lane, which straighten.ts checks), shortest first.
 * Loops are shorter than the route, or at most `longer` times its length (for a route whose bends
 * a loop would halve or whose steps are jogs), and then with stubs of MIN_STUB at least.
 */
export function sideLoops(route: readonly Point[], from: Port, to: Port, label: Box | undefined, longer = 0): Array<{ points: Point[]; labels?: () => Box[]; longer: boolean }> {
  const run = loopRun(route);
  if (!run) return [];
  const k = Math.abs(run[0][0] - run[1][0]) < 0.01 ? 0 : 1; // the axis across the run
  const [lo, hi] = k === 0 ? [Math.min(from.node.x, to.node.x), Math.max(from.node.x + from.node.w, to.node.x + to.node.w)] : [Math.min(from.node.y, to.node.y), Math.max(from.node.y + from.node.h, to.node.y + to.node.h)];
  const length = lengthOf(route);
  const loops = [run[0][k], lo - NODE_CLEARANCE, hi + NODE_CLEARANCE, ...channelsBetween(route, run[0][k], lo, hi)].flatMap((g) => {
    const start = sideFacing(from.node, g, k);
    const middle = sideFacing(to.node, g, k);
    if (!start || !middle || Math.sign(g - start[k]) !== Math.sign(g - middle[k])) return [];
    const at = (p: Point): Point => (k === 0 ? [g, p[1]] : [p[0], g]);
    const rank = lengthOf([start, at(start), at(middle), middle]);
    return endsBeside(to, middle, start, k).flatMap((end) => {
      const points = [start, at(start), at(end), end];
      const shorter = lengthOf(points) < length - 0.5;
      const stubs = Math.min(Math.abs(g - start[k]), Math.abs(g - end[k]));
      return shorter || (lengthOf(points) <= longer * length && stubs >= MIN_STUB) ? [{ g, start, end, points, rank, longer: !shorter }] : [];
    });
  }).sort((a, b) => a.rank - b.rank);
  return loops.map(({ g, start, end, points, longer: long }) => {
    if (!label) return { points, longer: long };
    const inward = g < start[k] ? 1 : -1;
    const size = k === 0 ? label.w : label.h;
    // Made when asked for: most loops are turned down for their route, before any label place is tried.
    const labels = () => labelStops(Math.abs(end[1 - k] - start[1 - k]), k === 0 ? label.h : label.w).flatMap((t) => [inward, -inward].map((side) => {
      const along = start[1 - k] + (end[1 - k] - start[1 - k]) * t;
      const across = side > 0 ? g + LABEL_GAP : g - LABEL_GAP - size;
      return k === 0 ? { ...label, x: across, y: along - label.h / 2 } : { ...label, y: across, x: along - label.w / 2 };
    }));
    return { points, labels, longer: long };
  });
}

/** Shortest run into a node's side from a gutter (the arrowhead needs room). */
const MIN_SIDE_RUN = 12;

/**
 * A route along a gutter (six points: out of its source's end, across a channel to the gutter,
 * along it, across again and into its target's end) with one end moved onto the side of its node
 * that faces the gutter, the other end as it was: two bends fewer, for a route whose other end
 * cannot take a side (another edge holds it, or a node of the lane lies between). The target's
 * side first (its end is the arrowhead the eye follows in), then the source's.
 */
export function oneEndBeside(route: readonly Point[], from: Port, to: Port): Point[][] {
  if (route.length !== 6) return [];
  const [p0, p1] = [route[2], route[3]];
  const k = Math.abs(p0[0] - p1[0]) < 0.01 ? 0 : 1; // the axis across the gutter run
  const g = p0[k];
  const way = Math.sign(p1[1 - k] - p0[1 - k]);
  const at = (p: Point): Point => (k === 0 ? [g, p[1]] : [p[0], g]);
  const out: Point[][] = [];
  const end = sideFacing(to.node, g, k);
  if (end && Math.sign(end[1 - k] - p0[1 - k]) === way && Math.abs(g - end[k]) >= MIN_SIDE_RUN) out.push([...route.slice(0, 3), at(end), end]);
  const start = sideFacing(from.node, g, k);
  if (start && Math.sign(p1[1 - k] - start[1 - k]) === way && Math.abs(g - start[k]) >= MIN_STUB) out.push([start, at(start), ...route.slice(3)]);
  return out;
}
