import type { Box, Point } from '../../scene/geometry.js';
import type { ShapeKind } from '../../scene/shapes.js';
import { directRoutes } from './elbows.js';
import { farRound, sideLoops } from './loop-sides.js';
import type { Direction } from './model.js';
import type { FlowPlacement } from './placement.js';

/*
 * Jog removal, after routing (laned and lane-less flows alike): an edge that leaves its node, steps
 * sideways a little and runs on the same way (an S-shaped jog) is drawn straight instead, by
 * sliding its first (or last) segment, and so its port, onto the line of the run after the jog —
 * when that port still sits well inside the node's side and the straight run crosses no node, no
 * label, no other edge more than before and runs along no other edge. Nodes never move, so lanes
 * and every placement invariant stay as they were.
 */

/** A sideways step shorter than this between two runs going the same way is a jog to remove. */
export const JOG_LIMIT = 40;

/** Two parallel runs closer than this would read as one line. */
const PARALLEL_CLEARANCE = 4;

/**
 * Room a route drawn anew (an elbow) keeps from other nodes and from edges running beside it; the
 * other candidates stay on or next to lines layout chose, which keep their own room.
 */
const NEW_ROUTE_CLEARANCE = { node: 10, parallel: 8 };

const EPS = 0.01;

/** How far from the ends of a node's side a port may sit: curved and slanted sides keep it near the middle (`wide`: a straight line's). */
function portMargin(shape: ShapeKind, sideLength: number, wide: boolean): number {
  // A straight line may meet a diamond's slanted side further out: it replaces an S.
  if (shape === 'diamond') return (wide ? 1 / 8 : 3 / 8) * sideLength;
  if (shape === 'rect' || shape === 'rounded' || shape === 'subprocess' || shape === 'document' || shape === 'cylinder') return Math.min(8, sideLength / 4);
  return sideLength / 4;
}

/** Corners only: repeated points and middle points of straight runs dropped. */
function corners(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (!prev || Math.abs(prev[0] - p[0]) > EPS || Math.abs(prev[1] - p[1]) > EPS) out.push([p[0], p[1]]);
  }
  return out.filter((p, i) => {
    if (i === 0 || i === out.length - 1) return true;
    const [a, b] = [out[i - 1], out[i + 1]];
    return !((Math.abs(a[0] - p[0]) < EPS && Math.abs(p[0] - b[0]) < EPS) || (Math.abs(a[1] - p[1]) < EPS && Math.abs(p[1] - b[1]) < EPS));
  });
}

type Segment = [Point, Point];
const segmentsOf = (pts: readonly Point[]): Segment[] => pts.slice(1).map((q, i) => [pts[i], q]);
const vertical = ([a, b]: Segment) => Math.abs(a[0] - b[0]) < EPS;
const span = (a: number, b: number): [number, number] => [Math.min(a, b), Math.max(a, b)];

/** Whether a horizontal and a vertical segment cross properly (a shared end does not count). */
function crossing(h: Segment, v: Segment): boolean {
  const [x0, x1] = span(h[0][0], h[1][0]);
  const [y0, y1] = span(v[0][1], v[1][1]);
  const x = v[0][0];
  const y = h[0][1];
  return x > x0 + 0.5 && x < x1 - 0.5 && y > y0 + 0.5 && y < y1 - 0.5;
}

/** Whether two parallel segments run along each other, closer than the clearance. */
function alongside(a: Segment, b: Segment, clearance: number): boolean {
  const k = vertical(a) ? 0 : 1;
  if (vertical(a) !== vertical(b) || Math.abs(a[0][k] - b[0][k]) >= clearance) return false;
  const [a0, a1] = span(a[0][1 - k], a[1][1 - k]);
  const [b0, b1] = span(b[0][1 - k], b[1][1 - k]);
  return Math.min(a1, b1) - Math.max(a0, b0) > 0.5;
}

/** Whether a segment passes through a box (shrunk by 1 px, so running along its border is allowed; grown by `room`, so it keeps that far away). */
function throughBox([p, q]: Segment, b: Box, room = 0): boolean {
  const [x0, x1] = span(p[0], q[0]);
  const [y0, y1] = span(p[1], q[1]);
  const by = room - 1;
  return x1 > b.x - by && x0 < b.x + b.w + by && y1 > b.y - by && y0 < b.y + b.h + by;
}

/**
 * Indices of boxes by the cells of a coarse grid they touch, so that what lies near a candidate
 * route is found without scanning the whole drawing (1 000-node flows try thousands of candidates).
 * A moved box is added again; callers check the boxes they get back, so stale cells only cost time.
 */
class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  /** The query each index was last found by, so that an index in several cells is returned once. */
  private readonly seen: number[] = [];
  private query = 0;
  private static readonly SIZE = 160;
  /** A cell's key: cells are numbered row by row, ample for any drawing's coordinates (negative ones included). */
  private static key = (x: number, y: number) => (x + 32768) * 65536 + (y + 32768);
  private range(b: Box): [number, number, number, number] {
    const s = BoxGrid.SIZE;
    return [Math.floor(b.x / s), Math.floor((b.x + b.w) / s), Math.floor(b.y / s), Math.floor((b.y + b.h) / s)];
  }
  add(index: number, b: Box): void {
    const [x0, x1, y0, y1] = this.range(b);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
      const k = BoxGrid.key(x, y);
      const cell = this.cells.get(k);
      if (cell) cell.push(index); else this.cells.set(k, [index]);
    }
  }
  near(b: Box): number[] {
    const [x0, x1, y0, y1] = this.range(b);
    const found: number[] = [];
    const q = ++this.query;
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
      for (const i of this.cells.get(BoxGrid.key(x, y)) ?? []) if (this.seen[i] !== q) { this.seen[i] = q; found.push(i); }
    }
    return found.sort((a, c) => a - c);
  }
}

interface Obstacles {
  nodes: ReadonlyArray<readonly [string, Box]>;
  nodeGrid: BoxGrid;
  routeGrid: BoxGrid;
  labelGrid: BoxGrid;
  /** Indexed like the routes. */
  labels: ReadonlyArray<Box | undefined>;
  routes: ReadonlyArray<readonly Point[]>;
  /** The box around each route, grown by half a pixel. */
  areas: readonly Box[];
  /** The drawing, which labels stay inside. */
  bounds: Box;
}

/** The obstacles, seen from one edge with these ends. */
type World = Obstacles & { ends: { from: string; to: string } };

/** A node's box and shape, seen from an edge end. */
export interface Port { node: Box; shape: ShapeKind }

function crossingsWith(segs: readonly Segment[], others: readonly Segment[]): number {
  let n = 0;
  for (const s of segs) for (const o of others) if (vertical(s) !== vertical(o) && (vertical(s) ? crossing(o, s) : crossing(s, o))) n++;
  return n;
}

/** The coordinates across a node's side where a port may sit, along axis k (0: x, 1: y). */
function portRange(node: Box, shape: ShapeKind, k: 0 | 1, wide = false): [number, number] {
  const [start, length] = k === 0 ? [node.x, node.w] : [node.y, node.h];
  const margin = portMargin(shape, length, wide);
  return [start + margin - EPS, start + length - margin + EPS];
}

/**
 * The route with its start jog removed, if it has one that can go: the first segment slides onto
 * the line of the third, and its port with it, as long as the port stays inside the node's side.
 */
function withoutStartJog(pts: readonly Point[], { node, shape }: Port): Point[] | undefined {
  if (pts.length < 4) return undefined;
  const [first, jog, third] = segmentsOf(pts.slice(0, 4));
  const k = vertical(first) ? 0 : 1; // the coordinate across the first segment
  const sameWay = vertical(first) === vertical(third) && (first[1][1 - k] - first[0][1 - k]) * (third[1][1 - k] - third[0][1 - k]) > 0;
  if (!sameWay || Math.abs(jog[1][k] - jog[0][k]) >= JOG_LIMIT) return undefined;
  const [lo, hi] = portRange(node, shape, k);
  const target = third[0][k];
  if (target < lo || target > hi) return undefined;
  const start: Point = k === 0 ? [target, pts[0][1]] : [pts[0][0], target];
  return corners([start, ...pts.slice(2)]);
}

function withoutJogAt(end: 'start' | 'end', pts: readonly Point[], port: Port): Point[] | undefined {
  if (end === 'start') return withoutStartJog(pts, port);
  return withoutStartJog([...pts].reverse(), port)?.reverse();
}

/** The box around some points, grown by `by` on every side. */
function areaOf(points: readonly Point[], by: number): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs) - by;
  const y = Math.min(...ys) - by;
  return { x, y, w: Math.max(...xs) + by - x, h: Math.max(...ys) + by - y };
}

/** A way to draw a route: its points, its label's box, and for a route drawn anew the room it keeps. */
interface Candidate { points: Point[]; label?: Box; clearance?: { node: number; parallel: number }; extraCrossings?: number }

/** What a candidate route meets, apart from its label: undefined if it runs through a node or label or along another edge, else the edges it crosses. */
function routeVerdict(index: number, candidate: Candidate, world: World): number | undefined {
  const segs = segmentsOf(candidate.points);
  const room = candidate.clearance?.node ?? 0;
  const own = areaOf(candidate.points, Math.max(PARALLEL_CLEARANCE, room));
  const boxes = world.nodeGrid.near(own).flatMap((k) => (world.nodes[k][0] === world.ends.from || world.nodes[k][0] === world.ends.to ? [] : [world.nodes[k][1]]));
  if (segs.some((s) => boxes.some((b) => throughBox(s, b, room)) || labelsNear(world, index, own).some((b) => throughBox(s, b)))) return undefined;
  const others = segmentsNear(world, index, own);
  const parallel = candidate.clearance?.parallel ?? PARALLEL_CLEARANCE;
  if (segs.some((s) => others.some((o) => alongside(s, o, parallel)))) return undefined;
  return crossingsWith(segs, others);
}

/** Whether a label may sit at `label` beside the candidate route: inside the drawing, over no node, label or other edge, and not across its own route. */
function labelFits(index: number, label: Box, points: readonly Point[], world: World): boolean {
  if (!within(label, world.bounds) || segmentsOf(points).some((s) => throughBox(s, label))) return false;
  if (world.nodeGrid.near(label).some((k) => overlap(world.nodes[k][1], label)) || labelsNear(world, index, label).some((b) => overlap(b, label))) return false;
  return !segmentsNear(world, index, label).some((o) => throughBox(o, label));
}

/** The labels of other edges overlapping an area. */
function labelsNear(world: World, index: number, area: Box): Box[] {
  return world.labelGrid.near(area).flatMap((i) => { const l = world.labels[i]; return i !== index && l && overlap(l, area) ? [l] : []; });
}

/** The segments of other edges' routes near an area. */
function segmentsNear(world: World, index: number, area: Box): Segment[] {
  return world.routeGrid.near(area).flatMap((i) => (i === index || !overlap(world.areas[i], area) ? [] : segmentsOf(world.routes[i]).filter((o) => overlap(areaOf(o, 0.5), area))));
}

const within = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * A label kept beside its edge: shifted across by as much as the run it sat beside moved (the run
 * of `current` nearest the label, and the parallel run of `candidate` over the same stretch).
 */
function followLabel(label: Box | undefined, current: readonly Point[], candidate: readonly Point[]): Box | undefined {
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

/** How many more edges a loop may cross than its route, when the route goes far round and the loop does not. */
const FAR_ROUND_CROSSINGS = 2;

/** …and when it is at most this fraction of the route's length. */
const FAR_ROUND_GAIN = 0.7;

const routeLength = (pts: readonly Point[]) => segmentsOf(pts).reduce((sum, [a, b]) => sum + Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]), 0);

/** How much longer than its route a loop through the nodes' sides may be, when it halves the route's bends or removes a jog. */
const LONGER_LOOP = 1.5;

/** Whether a route has an S-shaped step shorter than JOG_LIMIT: two opposite turns between runs going the same way. */
function hasJog(route: readonly Point[]): boolean {
  return segmentsOf(route).some((s, i, segs) => {
    const t = segs[i + 2];
    if (!t || vertical(s) !== vertical(t)) return false;
    const k = vertical(s) ? 1 : 0; // the coordinate along the runs
    const step = Math.abs(t[0][1 - k] - s[1][1 - k]);
    return (s[1][k] - s[0][k]) * (t[1][k] - t[0][k]) > 0 && step > 0.5 && step < JOG_LIMIT;
  });
}

/**
 * The ways to draw a route with fewer bends, fewest first, and in order of preference among as
 * many: slide its start and end, its start, or its end onto the line of the run beside; a straight
 * line or an elbow (one bend) between the nodes (elbows.ts); a loop through the nodes' sides.
 * `back`: the route goes back against the flow.
 */
function candidatesFor(route: readonly Point[], from: Port, to: Port, label: Box | undefined, back: boolean): Candidate[] {
  const start = withoutJogAt('start', route, from);
  const both = start ? withoutJogAt('end', start, to) : undefined;
  const slid = [both, start, withoutJogAt('end', route, to)].filter((c): c is Point[] => c !== undefined);
  const direct = directRoutes(route, from, to, label, (p, k, wide) => portRange(p.node, p.shape, k, wide)).map((c) => ({ ...c, clearance: NEW_ROUTE_CLEARANCE }));
  // A loop back far round (through a distant gutter) may cross a few more edges to come in close.
  const far = back && farRound(route);
  const loops = sideLoops(route, from, to, label, route.length >= 6 || hasJog(route) ? LONGER_LOOP : 0).map(({ longer, ...c }) => ({
    ...c, ...(longer ? { clearance: NEW_ROUTE_CLEARANCE } : {}), ...(far && !farRound(c.points) && routeLength(c.points) < FAR_ROUND_GAIN * routeLength(route) ? { extraCrossings: FAR_ROUND_CROSSINGS } : {}),
  }));
  const all: Candidate[] = [...slid.map((points) => ({ points, label: followLabel(label, route, points) })), ...direct, ...loops];
  // A stable sort: among routes of as many corners, the order above.
  return all.sort((a, b) => a.points.length - b.points.length);
}

/**
 * The first acceptable candidate of the fewest corners, and among those of as many corners the
 * one crossing the fewest edges, counting those it may cross more (a loop coming in close) as
 * none; the first that crosses none ends the search. A candidate may cross no more edges than the
 * `current` route (plus its allowance). Candidates sharing their points (one route, several label
 * places) share the check of the route.
 */
function bestCandidate(index: number, candidates: readonly Candidate[], current: Point[], world: World): Candidate | undefined {
  const now = crossingsWith(segmentsOf(current), segmentsNear(world, index, areaOf(current, 0.5)));
  const verdicts = new Map<Point[], number | undefined>();
  let best: { c: Candidate; cost: number } | undefined;
  for (const c of candidates) {
    if (best && c.points.length > best.c.points.length) break;
    if (!verdicts.has(c.points)) verdicts.set(c.points, routeVerdict(index, c, world));
    const n = verdicts.get(c.points);
    if (n === undefined || n > now + (c.extraCrossings ?? 0) || (c.label && !labelFits(index, c.label, c.points, world))) continue;
    const cost = n - (c.extraCrossings ?? 0);
    if (!best || cost < best.cost) best = { c, cost };
    if (n === 0) break;
  }
  return best?.c;
}

/** Whether an edge between these nodes goes back against the flow: its target's middle lies before its source's. */
function goesBack(from: Box, to: Box, direction: Direction): boolean {
  const along = direction === 'TB' || direction === 'BT' ? (b: Box) => b.y + b.h / 2 : (b: Box) => b.x + b.w / 2;
  const sign = direction === 'BT' || direction === 'RL' ? -1 : 1;
  return sign * (along(to) - along(from)) < -1;
}

/**
 * Removes the jogs next to edge ends, in place, one edge after another in model order (so the
 * result is deterministic); `ends` gives each edge's nodes, `shapeOf` each node's shape, `direction`
 * the flow's. A label moves with the run it sits beside.
 */
export function straightenJogs(placement: FlowPlacement, ends: ReadonlyArray<{ from: string; to: string }>, shapeOf: (id: string) => ShapeKind, direction: Direction = 'TB'): void {
  const routes = placement.edges.map((e) => corners(e.points));
  const labels = placement.edges.map((e) => e.label);
  const areas = routes.map((r) => areaOf(r, 0.5));
  const nodes = [...placement.nodes];
  const nodeGrid = new BoxGrid();
  nodes.forEach(([, b], k) => nodeGrid.add(k, b));
  const routeGrid = new BoxGrid();
  areas.forEach((a, k) => routeGrid.add(k, a));
  const labelGrid = new BoxGrid();
  labels.forEach((l, k) => l && labelGrid.add(k, l));
  const bounds = { x: 0, y: 0, w: placement.width, h: placement.height };
  routes.forEach((_, i) => {
    const from = placement.nodes.get(ends[i].from);
    const to = placement.nodes.get(ends[i].to);
    if (!from || !to) return;
    const world = { nodes, nodeGrid, routeGrid, labelGrid, labels, routes, areas, bounds, ends: ends[i] };
    const ports = [{ node: from, shape: shapeOf(ends[i].from) }, { node: to, shape: shapeOf(ends[i].to) }] as const;
    // A route may have a jog at each end: each round removes one, and every round leaves fewer bends.
    for (let round = 0; round < 2 && routes[i].length >= 4; round++) {
      const route = routes[i];
      const better = bestCandidate(i, candidatesFor(route, ...ports, labels[i], goesBack(from, to, direction)), route, world);
      if (!better) return;
      routes[i] = better.points;
      areas[i] = areaOf(better.points, 0.5);
      routeGrid.add(i, areas[i]);
      labels[i] = better.label;
      if (better.label) labelGrid.add(i, better.label);
      placement.edges[i] = { points: better.points, ...(better.label ? { label: better.label } : {}) };
    }
  });
}
