import type { LayeredDirection } from './layered.js';
import { areaOf, corners, crossingsWith, EPS, overlap, segmentsOf, throughBox, type Box, type Point } from './route-geometry.js';
import { JOG_LIMIT, portRange, type PortShape } from './straighten.js';

/*
 * Nodes lined up before jog removal (flows laid out by ELK alone). The layered layout may leave a
 * node a little off the port of its neighbour — a diamond sends its branches from points above and
 * below its corner — so that neither end of the edge can take a port on the line of the other's and
 * the edge keeps an S. Such a node is moved across the flow, by as much as brings it in line (or
 * near enough for its port to slide onto the line) and no more than keeps its other straight edges
 * possible, when the move is free: the node keeps its room from every other
 * node and label, and its edges, whose ends follow it, cross nothing more than before. Only the
 * ends of its own edges change; straighten.ts, run again, then draws the lines straight.
 */

/**
 * Room kept, in px: the overlap two sides keep across the flow after a move (so a straight line has
 * room between them); a moved node's from other nodes and edges, and from labels (ELK's own room
 * between a label and a node); the shortest end run left when a port slides along it.
 */
const ROOM = { overlap: 4, node: 10, label: 6, endRun: 12 };

export interface AlignedDrawing {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  /** Indexed like `ends`. */
  edges: Array<{ points: Point[]; label?: Box }>;
}

export type Axis = 0 | 1;

/** Whether a route is an S between its ends: three runs, the first and last along the flow, a short step across (axis k). */
function isJog(r: readonly Point[], k: Axis): boolean {
  if (r.length !== 4) return false;
  const step = Math.abs(r[1][k] - r[2][k]);
  return Math.abs(r[0][k] - r[1][k]) < EPS && Math.abs(r[2][k] - r[3][k]) < EPS && step > 0.5 && step < JOG_LIMIT;
}

/** The route with its end at the moved node (`atEnd`: its last point, else its first) following the node by d across the flow (axis k). */
function followed(route: readonly Point[], atEnd: boolean, d: number, k: Axis): Point[] | undefined {
  const pts = (atEnd ? [...route] : [...route].reverse()).map((p): Point => [p[0], p[1]]);
  const n = pts.length;
  const [q, p] = [pts[n - 2], pts[n - 1]];
  if (Math.abs(q[k] - p[k]) < EPS) {
    // The end run comes in along the flow: it moves across with the node, a straight line gaining a step.
    if (n === 2) {
      const m = (q[1 - k] + p[1 - k]) / 2;
      const at = (c: number): Point => (k === 0 ? [c, m] : [m, c]);
      pts.splice(1, 0, at(q[k]), at(q[k] + d));
    } else pts[n - 2][k] += d;
    pts[pts.length - 1][k] += d;
  } else {
    // It comes in across the flow: the port slides along it, which must stay long enough and keep its way.
    const was = p[k] - q[k];
    if (Math.sign(was + d) !== Math.sign(was) || Math.abs(was + d) < ROOM.endRun) return undefined;
    pts[n - 1][k] += d;
  }
  const out = corners(pts);
  return atEnd ? out : out.reverse();
}

/** The moves across the flow (axis k) for which the sides of `v` and `w` still overlap enough for a straight line. */
function straightWindow(v: Box, vShape: PortShape, w: Box, wShape: PortShape, k: Axis): [number, number] {
  const [v0, v1] = portRange(v, vShape, k, true);
  const [w0, w1] = portRange(w, wShape, k, true);
  return [w0 - v1 + ROOM.overlap, w1 - v0 - ROOM.overlap];
}

export interface Graph {
  drawing: AlignedDrawing;
  ends: ReadonlyArray<{ from: string; to: string }>;
  shapeOf: (id: string) => PortShape;
  /** Edge indices by node. */
  incident: ReadonlyMap<string, number[]>;
  k: Axis;
}

/** Moves node v so that the S of `jog` (an edge between v and u) can be drawn straight, if the move is free; whether it moved. */
function alignNode(g: Graph, v: string, jog: number): boolean {
  const { drawing, ends, shapeOf, k } = g;
  const box = drawing.nodes.get(v)!;
  const route = corners(drawing.edges[jog].points);
  const [atV, atU] = ends[jog].to === v ? [route[3], route[0]] : [route[0], route[3]];
  // v's side must come to take a port on the line of the S's far run…
  const [p0, p1] = portRange(box, shapeOf(v), k);
  // …and every other edge of v that is straight now, or an S, must be possible straight after the move.
  const [a, b] = straightMoves(g, v, jog);
  const [lo, hi] = [Math.max(atU[k] - p1, a), Math.min(atU[k] - p0, b)];
  const d = Math.min(hi, Math.max(lo, atU[k] - atV[k]));
  if (lo > hi || Math.abs(d) < 0.5 || Math.abs(d) >= JOG_LIMIT) return false;
  return moveIfFree(g, v, d, false);
}

/**
 * The moves across the flow after which every edge of v that is straight now, or an S, can still
 * be drawn straight; `except`: an edge left out.
 */
export function straightMoves(g: Graph, v: string, except = -1): [number, number] {
  const { drawing, ends, shapeOf, k } = g;
  const box = drawing.nodes.get(v)!;
  let [lo, hi] = [-Infinity, Infinity];
  for (const i of g.incident.get(v) ?? []) {
    const r = corners(drawing.edges[i].points);
    const w = ends[i].from === v ? ends[i].to : ends[i].from;
    if (i === except || w === v || (r.length !== 2 && !isJog(r, k))) continue;
    const [a, b] = straightWindow(box, shapeOf(v), drawing.nodes.get(w)!, shapeOf(w), k);
    [lo, hi] = [Math.max(lo, a), Math.min(hi, b)];
  }
  return [lo, hi];
}

/**
 * Moves node v by d across the flow, its edges' ends following it, when the move is free (room
 * from every other node, label and edge; its edges through no node or label and crossing no more
 * than before); `grow`: the drawing may grow to hold the node (else it must stay inside);
 * `redrawn`: an edge about to be drawn anew, whose route and label do not count. Whether it moved.
 */
export function moveIfFree(g: Graph, v: string, d: number, grow: boolean, redrawn = -1): boolean {
  const { drawing, ends, k } = g;
  const box = drawing.nodes.get(v)!;
  const mine = g.incident.get(v) ?? [];
  const moved = k === 0 ? { ...box, x: box.x + d } : { ...box, y: box.y + d };
  const boxCorners: Point[] = [[moved.x, moved.y], [moved.x + moved.w, moved.y + moved.h]];
  const room = areaOf(boxCorners, ROOM.node);
  if (!grow && (moved.x < 0 || moved.y < 0 || moved.x + moved.w > drawing.width || moved.y + moved.h > drawing.height)) return false;
  const labelRoom = areaOf(boxCorners, ROOM.label);
  if ([...drawing.nodes].some(([id, b]) => id !== v && overlap(b, room)) || drawing.edges.some((e, i) => i !== redrawn && e.label && overlap(e.label, labelRoom))) return false;
  const others = drawing.edges.flatMap((e, i) => (mine.includes(i) || i === redrawn ? [] : segmentsOf(corners(e.points))));
  if (others.some((s) => throughBox(s, room))) return false;
  const routes = new Map<number, Point[]>();
  for (const i of mine) {
    const r = corners(drawing.edges[i].points);
    const next = ends[i].from === v && ends[i].to === v ? undefined : followed(r, ends[i].to === v, d, k);
    if (!next) return false;
    const nodes = [...drawing.nodes].filter(([id]) => id !== ends[i].from && id !== ends[i].to).map(([, b]) => b);
    // A move that grows the drawing is checked again once jog removal redrew the routes (clear-lines.ts): the step an edge gains may cross its own label till then.
    const labels = drawing.edges.flatMap((e, j) => (e.label && !(grow && j === i) ? [e.label] : []));
    if (segmentsOf(next).some((s) => nodes.some((b) => throughBox(s, b)) || labels.some((b) => throughBox(s, b)))) return false;
    if (crossingsWith(segmentsOf(next), others) > crossingsWith(segmentsOf(r), others)) return false;
    routes.set(i, next);
  }
  drawing.nodes.set(v, moved);
  for (const [i, points] of routes) drawing.edges[i] = { ...drawing.edges[i], points };
  if (grow) growToHold(drawing, moved);
  return true;
}

/** The drawing with each node's edges, and the axis across a flow of this direction. */
export function graphOf(drawing: AlignedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, shapeOf: (id: string) => PortShape, direction: LayeredDirection): Graph {
  const k: Axis = direction === 'TB' || direction === 'BT' ? 0 : 1;
  const incident = new Map<string, number[]>();
  ends.forEach((e, i) => {
    if (!drawing.nodes.has(e.from) || !drawing.nodes.has(e.to)) return;
    for (const id of new Set([e.from, e.to])) incident.set(id, [...(incident.get(id) ?? []), i]);
  });
  return { drawing, ends, shapeOf, incident, k };
}

/** Grows the drawing to hold a box, everything shifted right and down by as much as the box lies before its start. */
function growToHold(drawing: AlignedDrawing, b: Box): void {
  const [dx, dy] = [Math.max(0, -b.x), Math.max(0, -b.y)];
  drawing.width = Math.max(drawing.width, b.x + b.w) + dx;
  drawing.height = Math.max(drawing.height, b.y + b.h) + dy;
  if (!dx && !dy) return;
  for (const [id, n] of drawing.nodes) drawing.nodes.set(id, { ...n, x: n.x + dx, y: n.y + dy });
  drawing.edges.forEach((e, i) => {
    drawing.edges[i] = { points: e.points.map(([x, y]): Point => [x + dx, y + dy]), ...(e.label ? { label: { ...e.label, x: e.label.x + dx, y: e.label.y + dy } } : {}) };
  });
}

/**
 * Lines up, in place, the nodes of edges drawn as a short S whose ends cannot take a straight
 * line: for each such edge in model order, its target moves, or else its source. `ends` gives each
 * edge's nodes, `direction` the flow's. Runs on routes jog removal already tidied (so a move keeps
 * clear of the lines it drew), and says whether a node moved: jog removal then runs again.
 */
export function alignJoggedNodes(drawing: AlignedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, shapeOf: (id: string) => PortShape, direction: LayeredDirection): boolean {
  const g = graphOf(drawing, ends, shapeOf, direction);
  const { incident, k } = g;
  let moved = false;
  ends.forEach((e, i) => {
    const route = corners(drawing.edges[i].points);
    if (!incident.has(e.from) || !incident.has(e.to) || !isJog(route, k)) return;
    // Either end's port can slide onto the line of the other end's run: straighten.ts removes the S.
    const slides = (id: string, line: number) => { const [a, b] = portRange(drawing.nodes.get(id)!, shapeOf(id), k); return line >= a && line <= b; };
    if (slides(e.from, route[3][k]) || slides(e.to, route[0][k])) return;
    moved = alignNode(g, e.to, i) || alignNode(g, e.from, i) || moved;
  });
  return moved;
}
