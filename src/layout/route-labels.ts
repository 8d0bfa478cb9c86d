import { segmentsOf, span, vertical, type Box, type Point, type Segment } from './route-geometry.js';

/*
 * Labels set on their edge's line (lifecycle maps: the line runs under the label's box), for a
 * route the post-pass draws anew: the box is centred on one of the route's runs, clear of the run's
 * ends so it hides neither a corner nor an arrowhead. straighten.ts checks that the place is free.
 * And labels beside their line, which follow the run they sat beside when a route moves.
 */

/** Room kept between an on-line label and the ends of the run it sits on (an arrowhead is 10 px). */
const RUN_END_ROOM = 12;

const centreOf = (b: Box): Point => [b.x + b.w / 2, b.y + b.h / 2];

/** The label centred at point c of run s, if the run is long enough to hold it clear of its ends. */
function onRun(label: Box, s: Segment, c: number): Box | undefined {
  const k = vertical(s) ? 1 : 0; // the coordinate along the run
  const half = (k === 0 ? label.w : label.h) / 2;
  const [lo, hi] = span(s[0][k], s[1][k]);
  if (hi - lo < 2 * (half + RUN_END_ROOM)) return undefined;
  const along = Math.min(hi - RUN_END_ROOM - half, Math.max(lo + RUN_END_ROOM + half, c));
  const [x, y] = k === 0 ? [along, s[0][1]] : [s[0][0], along];
  return { ...label, x: x - label.w / 2, y: y - label.h / 2 };
}

/**
 * The places an on-line label may take on `points`: on each run long enough for it, longest run
 * first, as near as the run allows to where the label sat on the old route (so a route slid
 * sideways keeps its label at the same height), then at the run's middle.
 */
export function labelsOnRoute(label: Box, points: readonly Point[]): Box[] {
  const [cx, cy] = centreOf(label);
  const runs = segmentsOf(points).sort((a, b) => Math.hypot(b[1][0] - b[0][0], b[1][1] - b[0][1]) - Math.hypot(a[1][0] - a[0][0], a[1][1] - a[0][1]));
  return runs.flatMap((s) => {
    const k = vertical(s) ? 1 : 0;
    const middle = (s[0][k] + s[1][k]) / 2;
    const places = [onRun(label, s, k === 0 ? cx : cy), onRun(label, s, middle)].filter((b): b is Box => b !== undefined);
    return places.length === 2 && Math.abs(places[0].x - places[1].x) + Math.abs(places[0].y - places[1].y) < 0.5 ? places.slice(0, 1) : places;
  });
}

/**
 * A label kept beside its edge: shifted across by as much as the run it sat beside moved (the run
 * of `current` nearest the label, and the parallel run of `candidate` over the same stretch).
 */
export function followLabel(label: Box | undefined, current: readonly Point[], candidate: readonly Point[]): Box | undefined {
  if (!label) return undefined;
  const centre: Point = [label.x + label.w / 2, label.y + label.h / 2];
  const distance = ([a, b]: Segment) => {
    const k = vertical([a, b]) ? 0 : 1;
    const [lo, hi] = span(a[1 - k], b[1 - k]);
    return Math.abs(centre[k] - a[k]) + Math.max(0, lo - centre[1 - k], centre[1 - k] - hi);
  };
  const near = segmentsOf(current).reduce((best, s) => (distance(s) < distance(best) ? s : best));
  const k = vertical(near) ? 0 : 1;
  const moved = segmentsOf(candidate).find((s) => vertical(s) === (k === 0) && span(s[0][1 - k], s[1][1 - k])[0] <= centre[1 - k] && span(s[0][1 - k], s[1][1 - k])[1] >= centre[1 - k]);
  const delta = moved ? moved[0][k] - near[0][k] : 0;
  return k === 0 ? { ...label, x: label.x + delta } : { ...label, y: label.y + delta };
}
