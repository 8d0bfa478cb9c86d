import type { Box, Point } from '../../scene/geometry.js';
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

/** Where along the gutter run a label may sit, as fractions from the source: the middle first. */
const LABEL_STOPS = [0.5, 0.3, 0.7];

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
  return undefined;
}

/**
 * The loop through the sides; a label (if any) beside the run, at its middle or nearer one end,
 * first on the side of the nodes (inside the lane), else on the other: one candidate per place.
 * The run lies in the route's gutter, or nearer: just beside the nearer of the two nodes' sides
 * facing either way (a free channel inside the lane, which straighten.ts checks), shortest first.
 */
export function sideLoops(route: readonly Point[], from: Port, to: Port, label: Box | undefined): Array<{ points: Point[]; label?: Box }> {
  const run = loopRun(route);
  if (!run) return [];
  const k = Math.abs(run[0][0] - run[1][0]) < 0.01 ? 0 : 1; // the axis across the run
  const [lo, hi] = k === 0 ? [Math.min(from.node.x, to.node.x), Math.max(from.node.x + from.node.w, to.node.x + to.node.w)] : [Math.min(from.node.y, to.node.y), Math.max(from.node.y + from.node.h, to.node.y + to.node.h)];
  const loops = [run[0][k], lo - NODE_CLEARANCE, hi + NODE_CLEARANCE].flatMap((g) => {
    const start = sideFacing(from.node, g, k);
    const end = sideFacing(to.node, g, k);
    if (!start || !end || Math.sign(g - start[k]) !== Math.sign(g - end[k])) return [];
    const at = (p: Point): Point => (k === 0 ? [g, p[1]] : [p[0], g]);
    const points = [start, at(start), at(end), end];
    return lengthOf(points) < lengthOf(route) - 0.5 ? [{ g, start, end, points }] : [];
  }).sort((a, b) => lengthOf(a.points) - lengthOf(b.points));
  return loops.flatMap(({ g, start, end, points }) => {
    if (!label) return [{ points }];
    const inward = g < start[k] ? 1 : -1;
    const size = k === 0 ? label.w : label.h;
    return LABEL_STOPS.flatMap((t) => [inward, -inward].map((side) => {
      const along = start[1 - k] + (end[1 - k] - start[1 - k]) * t;
      const across = side > 0 ? g + LABEL_GAP : g - LABEL_GAP - size;
      const moved = k === 0 ? { ...label, x: across, y: along - label.h / 2 } : { ...label, y: across, x: along - label.w / 2 };
      return { points, label: moved };
    }));
  });
}
