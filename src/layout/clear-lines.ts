import { graphOf, moveIfFree, straightMoves, type AlignedDrawing, type Axis } from './align-nodes.js';
import type { LayeredDirection } from './layered.js';
import { corners, crossingsWith, overlap, segmentsOf, throughBox, type Box, type Point } from './route-geometry.js';
import { portRange, type PortShape } from './straighten.js';

/*
 * Lines cleared before jog removal (flows laid out by ELK alone). An edge between two nodes that
 * overlap across the flow, drawn round a third node lying between them (the layered layout centres
 * a tall node on the same line as its neighbours, and an edge skipping over it bends twice to pass
 * it), is drawn straight when that node moves across the flow out of the line: by the least that
 * clears the line with room, and only if the node's own straight edges stay possible straight and
 * the move is free (align-nodes.ts). The drawing grows when the node leaves it. straighten.ts,
 * run again, then draws the line.
 */

/** Room between the cleared line and the moved node's side. */
const LINE_ROOM = 12;

const lo = (b: Box, k: Axis) => (k === 0 ? b.x : b.y);
const hi = (b: Box, k: Axis) => (k === 0 ? b.x + b.w : b.y + b.h);

/** The band a straight line between two nodes would sweep: along the flow between them, across at [c0, c1]. */
function band(from: Box, to: Box, k: Axis, c0: number, c1: number): Box {
  const a = (1 - k) as Axis;
  const [s, e] = hi(from, a) <= lo(to, a) ? [hi(from, a), lo(to, a)] : [hi(to, a), lo(from, a)];
  return k === 0 ? { x: c0, y: s, w: c1 - c0, h: e - s } : { x: s, y: c0, w: e - s, h: c1 - c0 };
}

/**
 * Moves, in place, the nodes that stand alone in the way of a straight line between two nodes
 * joined by an edge of two bends or more (in model order); whether any moved. `ends` gives each
 * edge's nodes, `direction` the flow's.
 */
function clearStraightLines(drawing: AlignedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, shapeOf: (id: string) => PortShape, direction: LayeredDirection): boolean {
  const g = graphOf(drawing, ends, shapeOf, direction);
  const k = g.k;
  let moved = false;
  ends.forEach((e, i) => {
    const route = corners(drawing.edges[i].points);
    const [from, to] = [drawing.nodes.get(e.from), drawing.nodes.get(e.to)];
    if (!from || !to || e.from === e.to || route.length < 4) return;
    const [a0, a1] = portRange(from, shapeOf(e.from), k, true);
    const [b0, b1] = portRange(to, shapeOf(e.to), k, true);
    const [c0, c1] = [Math.max(a0, b0), Math.min(a1, b1)];
    const a = (1 - k) as Axis;
    if (c1 - c0 < 1 || Math.max(lo(from, a), lo(to, a)) < Math.min(hi(from, a), hi(to, a))) return;
    // The line at either end of the overlap: the one that asks the smaller move first.
    for (const c of [c0 + 0.5, c1 - 0.5].sort((x, y) => Math.abs(x - (c0 + c1) / 2) - Math.abs(y - (c0 + c1) / 2))) {
      const line = band(from, to, k, c - LINE_ROOM, c + LINE_ROOM);
      const blockers = [...drawing.nodes].filter(([id, b]) => id !== e.from && id !== e.to && overlap(b, line));
      if (blockers.length !== 1 || drawing.edges.some((x, j) => j !== i && x.label && overlap(x.label, line))) continue;
      const [v, box] = blockers[0];
      const [m0, m1] = straightMoves(g, v);
      const moves = [c - LINE_ROOM - hi(box, k), c + LINE_ROOM - lo(box, k)].filter((d) => d >= m0 && d <= m1).sort((x, y) => Math.abs(x) - Math.abs(y));
      if (moves.some((d) => lineCrossesLess(drawing, i, c, from, to, k) && moveIfFree(g, v, d, true, i))) { moved = true; return; }
    }
  });
  return moved;
}

/** Whether the straight line at c between the nodes crosses no more edges than the route it would replace. */
function lineCrossesLess(drawing: AlignedDrawing, i: number, c: number, from: Box, to: Box, k: Axis): boolean {
  const b = band(from, to, k, c, c);
  const line: Point[] = k === 0 ? [[c, b.y], [c, b.y + b.h]] : [[b.x, c], [b.x + b.w, c]];
  const others = drawing.edges.flatMap((e, j) => (j === i ? [] : segmentsOf(corners(e.points))));
  return crossingsWith(segmentsOf(line), others) <= crossingsWith(segmentsOf(corners(drawing.edges[i].points)), others);
}

/** Whether some edge runs through a node other than its ends, or through a label. */
function throughSomething(drawing: AlignedDrawing, ends: ReadonlyArray<{ from: string; to: string }>): boolean {
  const labels = drawing.edges.flatMap((e) => (e.label ? [e.label] : []));
  return drawing.edges.some((e, i) => segmentsOf(corners(e.points)).some((s) => labels.some((b) => throughBox(s, b))
    || [...drawing.nodes].some(([id, b]) => id !== ends[i].from && id !== ends[i].to && throughBox(s, b))));
}

/**
 * Clears the lines (above) and has `redraw` (jog removal) draw them; when a redrawn route still
 * runs through a node or a label (a line the redrawing could not take after all), the drawing is
 * put back as it was. Whether the cleared drawing was kept.
 */
export function clearLinesAndRedraw(drawing: AlignedDrawing, ends: ReadonlyArray<{ from: string; to: string }>, shapeOf: (id: string) => PortShape, direction: LayeredDirection, redraw: () => void): boolean {
  const before = { width: drawing.width, height: drawing.height, nodes: new Map(drawing.nodes), edges: [...drawing.edges] };
  if (!clearStraightLines(drawing, ends, shapeOf, direction)) return false;
  redraw();
  if (!throughSomething(drawing, ends)) return true;
  Object.assign(drawing, { width: before.width, height: before.height });
  drawing.nodes.clear();
  for (const [id, b] of before.nodes) drawing.nodes.set(id, b);
  drawing.edges.splice(0, drawing.edges.length, ...before.edges);
  return false;
}
