/*
 * Layout-quality figures of one drawing, from its geometry alone, whatever drew it: journeyflow's
 * scene (exact polylines and outlines, bench/routing-metrics.ts) or any SVG read in a browser
 * (sampled curves, bench/quality.ts). Edges are polylines; a node is the runs of points of its
 * drawn outline (one run per closed or open sub-path); lanes are boxes in their listed order.
 */
import type { Box, Point } from '../src/scene/geometry.js';
import { pointInPolygon } from '../src/scene/outline.js';

export type Direction = 'TB' | 'BT' | 'LR' | 'RL';

export interface DrawnNode {
  /** The outline as runs of points, each closed or open; the run enclosing the largest area is the node's body. */
  runs: Point[][];
  box: Box;
}

export interface DrawnEdge {
  points: Point[];
  /** How far the arrowhead's tip reaches past the path's end, along its last direction. */
  tip: number;
}

export interface DrawnLabel {
  box: Box;
  /** The edge the label belongs to; unknown: the edge passing nearest its centre. */
  edge?: number;
}

export interface Drawing {
  direction: Direction;
  width: number;
  height: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  labels: DrawnLabel[];
  /** Lane bands in the order the document lists them. */
  lanes: Box[];
  /** Whether curves were sampled (edge polylines are then simplified before their turns are read). */
  sampled: boolean;
}

/** A lateral offset between two parallel runs of one edge shorter than this is a jog. */
export const JOG_LIMIT = 40;
/** Same-way turns closer than this along the path are one bend (a rounded or curved corner). */
const MERGE = 24;
/** A turn (or a bend made of several) under this angle is a wiggle, not a bend. */
const MIN_BEND = (20 * Math.PI) / 180;
/** Ends of two edges this close to a crossing point are a shared port, not a crossing. */
const END_ZONE = 3;
/** An edge point this deep inside a node (past its outline) runs through it. */
const INSIDE_DEPTH = 2;

export interface EdgeFigures {
  from: number;
  to: number;
  /** Larger of the gaps between the start and the node it leaves and between the arrow's tip and the node it enters. */
  gap: number;
  bends: number;
  /** Lateral offsets of the S-shaped steps under JOG_LIMIT. */
  jogs: number[];
  /** Length over the distance between the ends, for an edge going back against the flow. */
  detour?: number;
}

export interface DrawingFigures {
  nodes: number;
  edges: EdgeFigures[];
  crossings: number;
  throughNodes: number;
  labelOverlaps: number;
  /** Pairs of edges drawn on top of each other somewhere (they read as one line), away from their ends. */
  sharedLines: number;
  /** Shortest over longest lane along the flow (1: all equal); undefined without lanes. */
  laneRatio?: number;
  /** The lanes are disjoint bands, one after the other in the listed order (either way round). */
  lanesInOrder?: boolean;
  areaPerNode: number;
}

const sub = (a: Point, b: Point): Point => [a[0] - b[0], a[1] - b[1]];
const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const cross = (a: Point, b: Point) => a[0] * b[1] - a[1] * b[0];
const dot = (a: Point, b: Point) => a[0] * b[0] + a[1] * b[1];
const unit = (v: Point): Point => { const l = Math.hypot(v[0], v[1]) || 1; return [v[0] / l, v[1] / l]; };
export const pathLength = (pts: readonly Point[]) => pts.slice(1).reduce((s, q, i) => s + dist(q, pts[i]), 0);

function segmentDistance(p: Point, a: Point, b: Point): number {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 ? Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2)) : 0;
  return dist(p, [a[0] + ab[0] * t, a[1] + ab[1] * t]);
}

/** Distance from a point to the nearest stretch of an outline. */
export function outlineDistance(p: Point, node: DrawnNode): number {
  let best = Infinity;
  for (const run of node.runs) {
    if (run.length === 1) best = Math.min(best, dist(p, run[0]));
    for (let i = 1; i < run.length; i++) best = Math.min(best, segmentDistance(p, run[i - 1], run[i]));
  }
  return best;
}

const area = (run: readonly Point[]) => Math.abs(run.reduce((s, p, i) => s + cross(p, run[(i + 1) % run.length]), 0)) / 2;

/** The run of the outline enclosing the largest area: the node's body. */
export function bodyOf(node: DrawnNode): Point[] {
  return node.runs.reduce((best, r) => (area(r) > area(best) ? r : best), node.runs[0] ?? []);
}

const inBox = ([x, y]: Point, b: Box, by = 0) => x > b.x + by && x < b.x + b.w - by && y > b.y + by && y < b.y + b.h - by;
const boxesOverlap = (a: Box, b: Box, by = 0) => a.x + by < b.x + b.w && b.x + by < a.x + a.w && a.y + by < b.y + b.h && b.y + by < a.y + a.h;

export function boxAround(points: readonly Point[], by = 0): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs) - by;
  const y = Math.min(...ys) - by;
  return { x, y, w: Math.max(...xs) + by - x, h: Math.max(...ys) + by - y };
}

/** Douglas–Peucker: the polyline's corners, curves flattened to within `tol`. */
export function simplify(points: readonly Point[], tol: number): Point[] {
  const pts = points.filter((p, i) => i === 0 || dist(p, points[i - 1]) > 1e-6);
  if (pts.length < 3) return pts;
  const keep = new Array<boolean>(pts.length).fill(false);
  keep[0] = keep[pts.length - 1] = true;
  const stack: Array<[number, number]> = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    let far = -1;
    let worst = tol;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(pts[i], pts[a], pts[b]);
      if (d > worst) { worst = d; far = i; }
    }
    if (far >= 0) { keep[far] = true; stack.push([a, far], [far, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

/** Points along a polyline at most `step` apart. */
function resample(points: readonly Point[], step: number): Point[] {
  const out: Point[] = [points[0]];
  for (let i = 1; i < points.length; i++) {
    const n = Math.max(1, Math.ceil(dist(points[i - 1], points[i]) / step));
    for (let k = 1; k <= n; k++) out.push([points[i - 1][0] + ((points[i][0] - points[i - 1][0]) * k) / n, points[i - 1][1] + ((points[i][1] - points[i - 1][1]) * k) / n]);
  }
  return out;
}

interface Bend { angle: number; first: number; last: number }

/** The bends of a simplified polyline: same-way turns less than MERGE apart make one bend. */
function bendsOf(pts: readonly Point[]): Bend[] {
  const bends: Bend[] = [];
  for (let i = 1; i + 1 < pts.length; i++) {
    const a = sub(pts[i], pts[i - 1]);
    const b = sub(pts[i + 1], pts[i]);
    const angle = Math.atan2(cross(a, b), dot(a, b));
    if (Math.abs(angle) < 1e-3) continue;
    const prev = bends[bends.length - 1];
    if (prev && Math.sign(prev.angle) === Math.sign(angle) && dist(pts[prev.last], pts[i]) < MERGE) { prev.angle += angle; prev.last = i; } else bends.push({ angle, first: i, last: i });
  }
  return bends.filter((b) => Math.abs(b.angle) >= MIN_BEND);
}

const bendCount = (bends: readonly Bend[]) => bends.reduce((s, b) => s + Math.max(1, Math.round(Math.abs(b.angle) / (Math.PI / 2))), 0);

/** Sideways offsets of S-shapes: two opposite bends between runs going the same way. */
function jogsOf(pts: readonly Point[], bends: readonly Bend[]): number[] {
  const jogs: number[] = [];
  for (let k = 0; k + 1 < bends.length; k++) {
    const [b1, b2] = [bends[k], bends[k + 1]];
    if (Math.sign(b1.angle) === Math.sign(b2.angle)) continue;
    const before = unit(sub(pts[b1.first], pts[b1.first - 1]));
    const after = unit(sub(pts[b2.last + 1], pts[b2.last]));
    if (dot(before, after) < Math.cos((10 * Math.PI) / 180)) continue;
    const offset = Math.abs(cross(before, sub(pts[b2.last], pts[b1.first])));
    if (offset > 0.5 && offset < JOG_LIMIT) jogs.push(offset);
  }
  return jogs;
}

const boxDistance = ([x, y]: Point, b: Box) => Math.hypot(Math.max(b.x - x, 0, x - b.x - b.w), Math.max(b.y - y, 0, y - b.y - b.h));

/** The node an edge end belongs to: the one it lies in, else the one whose outline is nearest. */
function nodeAt(p: Point, nodes: readonly DrawnNode[]): { index: number; gap: number } {
  let best = { index: -1, gap: Infinity, inside: false };
  nodes.forEach((n, index) => {
    // The outline lies inside the box: a node whose box is farther than the best gap cannot win.
    if (boxDistance(p, n.box) > best.gap) return;
    const inside = inBox(p, n.box) && pointInPolygon(p, bodyOf(n));
    const gap = outlineDistance(p, n);
    if ((inside && !best.inside) || (inside === best.inside && gap < best.gap)) best = { index, gap, inside };
  });
  return best;
}

/** The direction a path ends in (that of an arrowhead set with orient="auto"). */
function endDirection(points: readonly Point[]): Point {
  const end = points[points.length - 1];
  for (let i = points.length - 2; i >= 0; i--) if (dist(points[i], end) >= 1) return unit(sub(end, points[i]));
  return [0, 0];
}

const centreOf = (b: Box): Point => [b.x + b.w / 2, b.y + b.h / 2];

function edgeFigures(e: DrawnEdge, simple: Point[], d: Drawing): EdgeFigures {
  const start = e.points[0];
  const end = e.points[e.points.length - 1];
  const lastDir = endDirection(e.points);
  const tip: Point = [end[0] + lastDir[0] * e.tip, end[1] + lastDir[1] * e.tip];
  const from = nodeAt(start, d.nodes);
  const to = nodeAt(tip, d.nodes);
  const bends = bendsOf(simple);
  const main = d.direction === 'TB' || d.direction === 'BT' ? 1 : 0;
  const sign = d.direction === 'BT' || d.direction === 'RL' ? -1 : 1;
  const back = from.index >= 0 && to.index >= 0 && sign * (centreOf(d.nodes[to.index].box)[main] - centreOf(d.nodes[from.index].box)[main]) < -1;
  const ends = dist(start, end);
  return { from: from.index, to: to.index, gap: Math.max(from.gap, to.gap), bends: bendCount(bends), jogs: jogsOf(simple, bends), detour: back && ends > 0 ? pathLength(e.points) / ends : undefined };
}

/** Proper crossings between segments of different edges, away from the edges' ends. */
function crossingsOf(lines: readonly Point[][]): number {
  const boxes = lines.map((l) => boxAround(l, 0.5));
  const nearEnd = (p: Point, l: readonly Point[]) => dist(p, l[0]) < END_ZONE || dist(p, l[l.length - 1]) < END_ZONE;
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      if (!boxesOverlap(boxes[i], boxes[j])) continue;
      for (let a = 1; a < lines[i].length; a++) {
        for (let b = 1; b < lines[j].length; b++) {
          const p = intersection(lines[i][a - 1], lines[i][a], lines[j][b - 1], lines[j][b]);
          if (p && !nearEnd(p, lines[i]) && !nearEnd(p, lines[j])) n++;
        }
      }
    }
  }
  return n;
}

/** Where two segments cross properly (not at an end of either, not along each other). */
function intersection(p: Point, p2: Point, q: Point, q2: Point): Point | undefined {
  const r = sub(p2, p);
  const s = sub(q2, q);
  const den = cross(r, s);
  if (Math.abs(den) < 1e-9) return undefined;
  const t = cross(sub(q, p), s) / den;
  const u = cross(sub(q, p), r) / den;
  const lr = Math.hypot(r[0], r[1]);
  const ls = Math.hypot(s[0], s[1]);
  // Half a pixel in from each end: touching ends (a T) do not cross.
  if (t * lr < 0.5 || (1 - t) * lr < 0.5 || u * ls < 0.5 || (1 - u) * ls < 0.5) return undefined;
  return [p[0] + r[0] * t, p[1] + r[1] * t];
}

/** Edges running through a node other than their own ends. */
function throughNodesOf(samples: readonly Point[][], edges: readonly EdgeFigures[], nodes: readonly DrawnNode[]): number {
  let n = 0;
  samples.forEach((pts, i) => {
    const area = boxAround(pts);
    nodes.forEach((node, k) => {
      if (k === edges[i].from || k === edges[i].to || !boxesOverlap(node.box, area)) return;
      const body = bodyOf(node);
      if (pts.some((p) => inBox(p, node.box, INSIDE_DEPTH) && pointInPolygon(p, body) && outlineDistance(p, node) > INSIDE_DEPTH)) n++;
    });
  });
  return n;
}

/** How far apart two lines may run and still read as one, and for how many 2-px samples in a row. */
const SHARED_DISTANCE = 1.5;
const SHARED_SAMPLES = 4;

/** Pairs of edges whose lines run on top of each other for SHARED_SAMPLES samples in a row, away from both edges' ends. */
function sharedLinesOf(samples: readonly Point[][], lines: readonly Point[][]): number {
  const boxes = lines.map((l) => boxAround(l, SHARED_DISTANCE));
  const nearEnd = (p: Point, l: readonly Point[]) => dist(p, l[0]) < 3 * END_ZONE || dist(p, l[l.length - 1]) < 3 * END_ZONE;
  const onLine = (p: Point, l: readonly Point[]) => l.some((q, k) => k > 0 && segmentDistance(p, l[k - 1], q) < SHARED_DISTANCE);
  // Whether edge a's samples run along edge b's line for SHARED_SAMPLES samples in a row.
  const along = (a: number, b: number) => {
    let run = 0;
    for (const p of samples[a]) {
      run = !nearEnd(p, lines[a]) && !nearEnd(p, lines[b]) && onLine(p, lines[b]) ? run + 1 : 0;
      if (run >= SHARED_SAMPLES) return true;
    }
    return false;
  };
  let n = 0;
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) if (boxesOverlap(boxes[i], boxes[j]) && (along(i, j) || along(j, i))) n++;
  return n;
}

/** Labels overlapping another label, a node, or an edge other than their own. */
function labelOverlapsOf(d: Drawing, samples: readonly Point[][]): number {
  const owner = (l: DrawnLabel) => {
    if (l.edge !== undefined) return l.edge;
    const c = centreOf(l.box);
    let best = -1;
    let near = Infinity;
    samples.forEach((pts, i) => { for (const p of pts) if (dist(p, c) < near) { near = dist(p, c); best = i; } });
    return best;
  };
  let n = 0;
  d.labels.forEach((l, i) => {
    for (let j = i + 1; j < d.labels.length; j++) if (boxesOverlap(l.box, d.labels[j].box, 1)) n++;
    for (const node of d.nodes) {
      if (!boxesOverlap(l.box, node.box, 1)) continue;
      const body = bodyOf(node);
      const corners: Point[] = [[l.box.x + 1, l.box.y + 1], [l.box.x + l.box.w - 1, l.box.y + 1], [l.box.x + 1, l.box.y + l.box.h - 1], [l.box.x + l.box.w - 1, l.box.y + l.box.h - 1], centreOf(l.box)];
      if (body.some((p) => inBox(p, l.box, 1)) || corners.some((p) => pointInPolygon(p, body))) n++;
    }
    const own = owner(l);
    samples.forEach((pts, k) => { if (k !== own && pts.some((p) => inBox(p, l.box, 1))) n++; });
  });
  return n;
}

function laneFigures(lanes: readonly Box[], direction: Direction): Pick<DrawingFigures, 'laneRatio' | 'lanesInOrder'> {
  if (!lanes.length) return {};
  const across = direction === 'TB' || direction === 'BT';
  const lengths = lanes.map((b) => (across ? b.h : b.w));
  const starts = lanes.map((b) => (across ? b.x : b.y));
  const up = starts.every((s, i) => i === 0 || s > starts[i - 1]);
  const down = starts.every((s, i) => i === 0 || s < starts[i - 1]);
  const disjoint = lanes.every((a, i) => lanes.every((b, j) => j <= i || !boxesOverlap(a, b, 1)));
  return { laneRatio: Math.min(...lengths) / Math.max(...lengths), lanesInOrder: (up || down) && disjoint };
}

/** Every figure of one drawing. */
export function measureDrawing(d: Drawing): DrawingFigures {
  const simple = d.edges.map((e) => simplify(e.points, d.sampled ? 1 : 0.01));
  const edges = d.edges.map((e, i) => edgeFigures(e, simple[i], d));
  const samples = d.edges.map((e) => resample(e.points, 2));
  return {
    nodes: d.nodes.length,
    edges,
    crossings: crossingsOf(d.sampled ? d.edges.map((e) => simplify(e.points, 0.3)) : simple),
    throughNodes: throughNodesOf(samples, edges, d.nodes),
    labelOverlaps: labelOverlapsOf(d, samples),
    sharedLines: sharedLinesOf(samples, simple),
    ...laneFigures(d.lanes, d.direction),
    areaPerNode: d.nodes.length ? (d.width * d.height) / d.nodes.length : 0,
  };
}
