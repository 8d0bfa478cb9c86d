import { ByPointCount } from './candidate-order.js';
import { branchesToCorners } from './diamond-corners.js';
import { directRoutes, labelsBeside } from './elbows.js';
import type { LayeredDirection } from './layered.js';
import { farRound, oneEndBeside, sideLoops } from './loop-sides.js';
import { compareScores, drawingScore } from './drawing-score.js';
import { followLabel, labelsOnRoute } from './route-labels.js';
import { alongside, areaOf, BoxGrid, corners, crossingsWith, EPS, overlap, routeLength, segmentsOf, throughBox, vertical, within, type Box, type Point, type Segment } from './route-geometry.js';

/*
 * Jog removal, after routing (flows with lanes and without, lifecycle maps): an edge that leaves its node, steps
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

/** How far from the ends of a node's side a port may sit: curved and slanted sides keep it near the middle (`wide`: a straight line's). */
function portMargin(shape: PortShape, sideLength: number, wide: boolean): number {
  // A straight line may meet a diamond's slanted side further out: it replaces an S.
  if (shape === 'diamond') return (wide ? 1 / 8 : 3 / 8) * sideLength;
  if (shape === 'straight') return Math.min(8, sideLength / 4);
  return sideLength / 4;
}

interface Obstacles {
  nodes: ReadonlyArray<readonly [string, Box]>;
  nodeGrid: BoxGrid;
  routeGrid: BoxGrid;
  labelGrid: BoxGrid;
  /** Indexed like the routes. */
  labels: ReadonlyArray<Box | undefined>;
  routes: ReadonlyArray<readonly Point[]>;
  /** Each route's segments, kept with it (a dense graph asks for them millions of times). */
  segments: ReadonlyArray<readonly Segment[]>;
  /** The box around each route, grown by half a pixel. */
  areas: readonly Box[];
  /** The drawing, which labels stay inside. */
  bounds: Box;
  /** Labels sit on their edge's line rather than beside it. */
  onEdge: boolean;
}

/** The obstacles, seen from one edge with these ends. */
type World = Obstacles & { ends: { from: string; to: string } };

/**
 * How a node's sides take a port: a diamond's slanted sides near their middle, the straight sides
 * of a box (square or rounded corners) anywhere clear of the corners, curved or slanted ones
 * (ellipse, stadium, parallelogram…) in their middle half.
 */
export type PortShape = 'diamond' | 'straight' | 'curved';

/** A node's box and shape, seen from an edge end. */
export interface Port { node: Box; shape: PortShape }
/** The coordinates across a node's side where a port may sit, along axis k (0: x, 1: y). */
export function portRange(node: Box, shape: PortShape, k: 0 | 1, wide = false): [number, number] {
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

/** A way to draw a route: its points, the places its label may take (in order), and for a route drawn anew the room it keeps. */
interface Candidate { points: Point[]; labels?: () => readonly Box[]; clearance?: { node: number; parallel: number }; extraCrossings?: number }

/** A way to draw a route and the place its label takes (the first of the candidate's that fits). */
interface Choice { points: Point[]; label?: Box }

/** What a candidate route meets, apart from its label: undefined if it runs through a node or label or along another edge, else the edges it crosses. */
function routeVerdict(index: number, candidate: Candidate, world: World): number | undefined {
  const segs = segmentsOf(candidate.points);
  const room = candidate.clearance?.node ?? 0;
  const own = areaOf(candidate.points, Math.max(PARALLEL_CLEARANCE, room));
  // Plain loops, no arrays or closures per test: a 1 000-node flow tests thousands of candidates.
  for (const k of world.nodeGrid.near(own)) {
    const [id, box] = world.nodes[k];
    if (id !== world.ends.from && id !== world.ends.to && segs.some((s) => throughBox(s, box, room))) return undefined;
  }
  for (const b of labelsNear(world, index, own)) if (segs.some((s) => throughBox(s, b))) return undefined;
  const others = segmentsNear(world, index, own);
  const parallel = candidate.clearance?.parallel ?? PARALLEL_CLEARANCE;
  for (const s of segs) for (const o of others) if (alongside(s, o, parallel)) return undefined;
  return crossingsWith(segs, others);
}

/** Whether a label may sit at `label` beside the candidate route (or on it): inside the drawing, over no node, label or other edge, and (beside) not across its own route. */
function labelFits(index: number, label: Box, points: readonly Point[], world: World): boolean {
  if (!within(label, world.bounds) || (!world.onEdge && segmentsOf(points).some((s) => throughBox(s, label)))) return false;
  if (world.nodeGrid.near(label).some((k) => overlap(world.nodes[k][1], label)) || labelsNear(world, index, label).some((b) => overlap(b, label))) return false;
  return !segmentsNear(world, index, label).some((o) => throughBox(o, label));
}

/** The labels of other edges overlapping an area. */
function labelsNear(world: World, index: number, area: Box): Box[] {
  const out: Box[] = [];
  for (const i of world.labelGrid.near(area)) {
    const l = world.labels[i];
    if (i !== index && l && overlap(l, area)) out.push(l);
  }
  return out;
}

/** Whether a segment, grown by half a pixel, overlaps an area: `overlap(areaOf(segment, 0.5), area)` without building the box (a dense graph asks this millions of times). */
function segmentNear([a, b]: Segment, area: Box): boolean {
  return Math.min(a[0], b[0]) - 0.5 < area.x + area.w && area.x < Math.max(a[0], b[0]) + 0.5
    && Math.min(a[1], b[1]) - 0.5 < area.y + area.h && area.y < Math.max(a[1], b[1]) + 0.5;
}

/** The segments of other edges' routes near an area. */
function segmentsNear(world: World, index: number, area: Box): Segment[] {
  const out: Segment[] = [];
  for (const i of world.routeGrid.near(area)) {
    if (i === index || !overlap(world.areas[i], area)) continue;
    for (const o of world.segments[i]) if (segmentNear(o, area)) out.push(o);
  }
  return out;
}

/** How many more edges a loop may cross than its route, when the route goes far round and the loop does not. */
const FAR_ROUND_CROSSINGS = 2;

/** …and when it is at most this fraction of the route's length. */
const FAR_ROUND_GAIN = 0.7;

/** A route of this many corners (four bends) or more is redrawn first in the second order (straightenJogs). */
const MANY_CORNERS = 6;

/** A route of this many corners (three bends) or more tries again once every route was redrawn. */
const RETRY_CORNERS = 5;

/** How much longer than its route a loop through the nodes' sides may be, when it halves the route's bends or removes a jog. */
const LONGER_LOOP = 1.5;

/** …and when it saves a route of three bends one. */
const LITTLE_LONGER_LOOP = 1.1;

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
 * `back`: the route goes back against the flow; `onEdge`: its label sits on its line, and moves
 * onto a run of the new route (route-labels.ts) rather than beside it.
 */
function candidatesFor(route: readonly Point[], [from, to]: readonly [Port, Port], label: Box | undefined, back: boolean, onEdge: boolean, sharedStart: boolean): ByPointCount<Candidate> {
  const beside = onEdge ? undefined : label;
  const start = withoutJogAt('start', route, from);
  const both = start ? withoutJogAt('end', start, to) : undefined;
  const slid = [both, start, withoutJogAt('end', route, to)].filter((c): c is Point[] => c !== undefined);
  const moved = (points: Point[]) => { const l = followLabel(beside, route, points); return l ? () => [l] : undefined; };
  const labelled = (all: Candidate[]) => (onEdge && label ? all.map((c) => ({ ...c, labels: () => labelsOnRoute(label, c.points) })) : all);
  const loops = () => {
    // A loop back far round (through a distant gutter) may cross a few more edges to come in close.
    const far = back && farRound(route);
    const length = routeLength(route);
    return sideLoops(route, from, to, beside, route.length >= 6 || hasJog(route) ? LONGER_LOOP : route.length === 5 ? LITTLE_LONGER_LOOP : 0).map(({ longer, ...c }) => ({
      ...c, ...(longer ? { clearance: NEW_ROUTE_CLEARANCE } : {}), ...(far && !farRound(c.points) && routeLength(c.points) < FAR_ROUND_GAIN * length ? { extraCrossings: FAR_ROUND_CROSSINGS } : {}),
    }));
  };
  // Half loops have five points and loops four (loop-sides.ts): they are made only when the search gets to that many (candidate-order.ts).
  return new ByPointCount<Candidate>([
    { make: () => labelled(slid.map((points) => ({ points, labels: moved(points) }))) },
    { points: 5, make: () => labelled(oneEndBeside(route, from, to).map((points) => ({ points, labels: moved(points) }))) },
    { make: () => labelled(directRoutes(route, from, to, beside, (p, k, wide) => portRange(p.node, p.shape, k, wide), sharedStart).map((c) => ({ ...c, clearance: NEW_ROUTE_CLEARANCE }))) },
    { points: 4, make: () => labelled(loops()) },
  ]);
}

/**
 * The first acceptable candidate of the fewest corners, and among those of as many corners the
 * one crossing the fewest edges, counting those it may cross more (a loop coming in close) as
 * none; the first that crosses none ends the search. A candidate may cross no more edges than the
 * `current` route (plus its allowance), and its label takes the first of its places that fits
 * (a candidate with places and none free is no candidate).
 */
function bestCandidate(index: number, candidates: Iterable<Candidate>, current: Point[], world: World): Choice | undefined {
  // The current route's crossings, counted when a first candidate passes (most routes have none that does).
  let now: number | undefined;
  let best: { c: Choice; cost: number } | undefined;
  for (const c of candidates) {
    if (best && c.points.length > best.c.points.length) break;
    const n = routeVerdict(index, c, world);
    if (n === undefined) continue;
    now ??= crossingsWith(segmentsOf(current), segmentsNear(world, index, areaOf(current, 0.5)));
    if (n > now + (c.extraCrossings ?? 0)) continue;
    const cost = n - (c.extraCrossings ?? 0);
    if (best && cost >= best.cost) continue;
    const label = c.labels?.().find((l) => labelFits(index, l, c.points, world));
    if (c.labels && !label) continue;
    best = { c: { points: c.points, ...(label ? { label } : {}) }, cost };
    if (n === 0) break;
  }
  return best?.c;
}

/** Whether an edge between these nodes goes back against the flow: its target's middle lies before its source's. */
export function goesBack(from: Box, to: Box, direction: LayeredDirection): boolean {
  const along = direction === 'TB' || direction === 'BT' ? (b: Box) => b.y + b.h / 2 : (b: Box) => b.x + b.w / 2;
  const sign = direction === 'BT' || direction === 'RL' ? -1 : 1;
  return sign * (along(to) - along(from)) < -1;
}

/** A drawing whose edges the post-pass redraws: nodes by id, routes and label boxes indexed like `ends`. */
export interface RoutedDrawing {
  width: number;
  height: number;
  nodes: ReadonlyMap<string, Box>;
  edges: Array<{ points: Point[]; label?: Box }>;
}

export interface StraightenOptions {
  /** How each node's sides take ports. */
  shapeOf: (id: string) => PortShape;
  /** The way the layers follow each other (TB unless given). */
  direction?: LayeredDirection;
  /** `beside` (the default): a label sits beside its line and moves with the run it is next to; `on-edge`: on its line. */
  labels?: 'beside' | 'on-edge';
  /** Routes and labels may leave the drawing (the caller grows it to hold them: nothing else is laid out around it). */
  grow?: boolean;
}

/** The bounds of a drawing that grows: no bound. */
const UNBOUNDED: Box = { x: -1e9, y: -1e9, w: 2e9, h: 2e9 };

/**
 * Removes the jogs next to edge ends, in place, one edge after another (so the result is
 * deterministic); `ends` gives each edge's nodes. A label moves with its run. The edges are taken
 * in model order, and when some route going on along the flow has four bends or more, once more
 * with those first (they have the fewest ways to be drawn well, and a side an elbow took earlier
 * may be the only one that spares them their bends); the better drawing is kept (drawing-score.ts).
 */
export function straightenJogs(placement: RoutedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, options: StraightenOptions): void {
  const direction = options.direction ?? 'TB';
  const original = [...placement.edges];
  const first = original.flatMap((e, i) => {
    const [from, to] = [placement.nodes.get(ends[i].from), placement.nodes.get(ends[i].to)];
    return from && to && !goesBack(from, to, direction) && corners(e.points).length >= MANY_CORNERS ? [i] : [];
  });
  const memo: CandidateMemo = new Map();
  straightenInOrder(placement, ends, options, [], memo);
  if (first.length) {
    const inModelOrder = [...placement.edges];
    placement.edges.splice(0, original.length, ...original);
    straightenInOrder(placement, ends, options, first, memo);
    const back = (i: number) => goesBack(placement.nodes.get(ends[i].from) ?? ZERO, placement.nodes.get(ends[i].to) ?? ZERO, direction);
    if (compareScores(drawingScore(inModelOrder, back), drawingScore(placement.edges, back)) <= 0) placement.edges.splice(0, original.length, ...inModelOrder);
  }
  // Both last passes share one index of the finished drawing (each redraw keeps it current).
  const finished = obstaclesOf(placement, options.grow ?? false, options.labels === 'on-edge');
  branchesOntoCorners(placement, ends, options, finished);
  labelsOffOtherEdges(placement, ends, options, finished);
}

const ZERO: Box = { x: 0, y: 0, w: 0, h: 0 };

/**
 * The candidates made for each edge's routes within one straightenJogs call, by edge index: they
 * depend only on the route, the label and the edge's nodes (which never move), and the second
 * order starts every edge from the route and label the first one did, so each edge's first round
 * there finds its candidates made (the 1 000-node flow makes ~40 % fewer). Nothing mutates them
 * (a kind made late, candidate-order.ts, is kept for the next search).
 */
type CandidateMemo = Map<number, Array<{ route: readonly Point[]; label: Box | undefined; sharedStart: boolean; candidates: ByPointCount<Candidate> }>>;

const samePoints = (a: readonly Point[], b: readonly Point[]) => a.length === b.length && a.every((p, i) => p[0] === b[i][0] && p[1] === b[i][1]);

function memoised(memo: CandidateMemo, i: number, route: readonly Point[], label: Box | undefined, sharedStart: boolean, make: () => ByPointCount<Candidate>): ByPointCount<Candidate> {
  const seen = memo.get(i) ?? [];
  const hit = seen.find((m) => m.label === label && m.sharedStart === sharedStart && samePoints(m.route, route));
  if (hit) return hit.candidates;
  const candidates = make();
  seen.push({ route, label, sharedStart, candidates });
  memo.set(i, seen);
  return candidates;
}

/** The obstacles of a drawing as it stands, and the way to redraw one edge among them (keeping every index up to date). */
function obstaclesOf(placement: RoutedDrawing, grow: boolean, onEdge: boolean): Obstacles & { routes: Point[][]; apply: (i: number, choice: Choice) => void } {
  const routes = placement.edges.map((e) => corners(e.points));
  const labels = placement.edges.map((e) => e.label);
  const areas = routes.map((r) => areaOf(r, 0.5));
  const segments = routes.map(segmentsOf);
  const nodes = [...placement.nodes];
  const nodeGrid = new BoxGrid();
  nodes.forEach(([, b], k) => nodeGrid.add(k, b));
  const routeGrid = new BoxGrid();
  areas.forEach((a, k) => routeGrid.add(k, a));
  const labelGrid = new BoxGrid();
  labels.forEach((l, k) => l && labelGrid.add(k, l));
  const bounds = grow ? UNBOUNDED : { x: 0, y: 0, w: placement.width, h: placement.height };
  const apply = (i: number, choice: Choice) => {
    routes[i] = choice.points;
    segments[i] = segmentsOf(choice.points);
    areas[i] = areaOf(choice.points, 0.5);
    routeGrid.add(i, areas[i]);
    labels[i] = choice.label;
    if (choice.label) labelGrid.add(i, choice.label);
    placement.edges[i] = { points: choice.points, ...(choice.label ? { label: choice.label } : {}) };
  };
  return { nodes, nodeGrid, routeGrid, labelGrid, labels, routes, segments, areas, bounds, onEdge, apply };
}

/** The post-pass in one order: the routes `first`, then the others in model order, then those left with a jog or four bends once more. */
function straightenInOrder(placement: RoutedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, { shapeOf, direction = 'TB', labels: labelMode = 'beside', grow = false }: StraightenOptions, first: readonly number[], memo: CandidateMemo): void {
  const onEdge = labelMode === 'on-edge';
  const obstacles = obstaclesOf(placement, grow, onEdge);
  const { routes, labels } = obstacles;
  const improve = (i: number) => {
    const from = placement.nodes.get(ends[i].from);
    const to = placement.nodes.get(ends[i].to);
    if (!from || !to) return;
    const world = { ...obstacles, ends: ends[i] };
    const ports = [{ node: from, shape: shapeOf(ends[i].from) }, { node: to, shape: shapeOf(ends[i].to) }] as const;
    // A route may have a jog at each end: each round removes one, and every round leaves fewer bends.
    for (let round = 0; round < 2 && routes[i].length >= 4; round++) {
      const route = routes[i];
      // Another route leaving from the same point (ELK gives branches out of one diamond corner one
      // port), found through the route grid: a scan of every route here would cost a 1 000-node flow E².
      const [sx, sy] = route[0];
      const sharedStart = obstacles.routeGrid.near({ x: sx, y: sy, w: 0, h: 0 }).some((j) => j !== i && routes[j].length > 1 && Math.abs(routes[j][0][0] - sx) < EPS && Math.abs(routes[j][0][1] - sy) < EPS);
      const candidates = memoised(memo, i, route, labels[i], sharedStart, () => candidatesFor(route, ports, labels[i], goesBack(from, to, direction), onEdge, sharedStart));
      const better = bestCandidate(i, candidates, route, world);
      if (!better) return;
      obstacles.apply(i, better);
    }
  };
  const early = new Set(first);
  for (const i of first) improve(i);
  routes.forEach((_, i) => { if (!early.has(i)) improve(i); });
  // A route redrawn later may free the line an earlier one needed: those still with a jog or three bends try again.
  routes.forEach((r, i) => { if (hasJog(r) || r.length >= RETRY_CORNERS) improve(i); });
}

/** Decision branches moved onto free corners of their diamonds (diamond-corners.ts), each only where its route stays free. */
function branchesOntoCorners(placement: RoutedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, { shapeOf }: StraightenOptions, obstacles: ReturnType<typeof obstaclesOf>): void {
  const { onEdge } = obstacles;
  branchesToCorners(placement.nodes, ends, (id) => shapeOf(id) === 'diamond', {
    routeOf: (i) => obstacles.routes[i],
    tryRoute: (i, points, keepClear) => {
      const route = obstacles.routes[i];
      const label = obstacles.labels[i];
      const from = placement.nodes.get(ends[i].from);
      // Beside its line, the label moves with it, or else (kept clear of another branch's line to come,
      // or when the route now leaves its source the other way) to a place beside its first run.
      const turned = vertical([route[0], route[1]]) !== vertical([points[0], points[1]]);
      const beside = (l: Box) => [...(turned ? [] : [followLabel(l, route, points)!]), ...((keepClear || turned) && from ? labelsBeside(points, l, { node: from, shape: shapeOf(ends[i].from) }) : [])]
        .filter((b) => !(keepClear && overlap(b, keepClear)));
      const labelsOf = !label ? undefined : onEdge ? () => labelsOnRoute(label, points) : () => beside(label);
      const choice = bestCandidate(i, [{ points, labels: labelsOf }], route, { ...obstacles, ends: ends[i] });
      if (choice) obstacles.apply(i, choice);
      return choice !== undefined;
    },
    keep: (i) => {
      const kept = { points: obstacles.routes[i], label: obstacles.labels[i] };
      return () => obstacles.apply(i, { points: kept.points, ...(kept.label ? { label: kept.label } : {}) });
    },
  });
}

/**
 * A label beside its line that another edge runs through (the lane router places labels beside
 * their ports before it knows where every route ends up, and the post-pass may have moved its
 * neighbours) moves to the first free place beside its route's first run, next to its start.
 */
function labelsOffOtherEdges(placement: RoutedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, { shapeOf }: StraightenOptions, obstacles: ReturnType<typeof obstaclesOf>): void {
  if (obstacles.onEdge) return;
  obstacles.labels.forEach((label, i) => {
    const from = placement.nodes.get(ends[i].from);
    const route = obstacles.routes[i];
    if (!label || !from || route.length < 2) return;
    const world = { ...obstacles, ends: ends[i] };
    if (!segmentsNear(world, i, label).some((s) => throughBox(s, label))) return;
    const place = labelsBeside(route, label, { node: from, shape: shapeOf(ends[i].from) }).find((l) => labelFits(i, l, route, world));
    if (place) obstacles.apply(i, { points: route, label: place });
  });
}
