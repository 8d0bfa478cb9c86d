/*
 * The plain geometry the routing post-pass (straighten.ts, elbows.ts, loop-sides.ts) works with:
 * boxes and points in the document's coordinates, orthogonal segments, and a grid that finds what
 * lies near a route. Structurally the scene's Box and Point, so kinds pass their placements as they are.
 */

export interface Box { x: number; y: number; w: number; h: number }
export type Point = [number, number];

export const EPS = 0.01;

/** Corners only: repeated points and middle points of straight runs dropped. */
export function corners(points: readonly Point[]): Point[] {
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

export type Segment = [Point, Point];
export const segmentsOf = (pts: readonly Point[]): Segment[] => pts.slice(1).map((q, i) => [pts[i], q]);
export const vertical = ([a, b]: Segment) => Math.abs(a[0] - b[0]) < EPS;
export const span = (a: number, b: number): [number, number] => [Math.min(a, b), Math.max(a, b)];

/** Whether a horizontal and a vertical segment cross properly (a shared end does not count). */
export function crossing(h: Segment, v: Segment): boolean {
  const [x0, x1] = span(h[0][0], h[1][0]);
  const [y0, y1] = span(v[0][1], v[1][1]);
  const x = v[0][0];
  const y = h[0][1];
  return x > x0 + 0.5 && x < x1 - 0.5 && y > y0 + 0.5 && y < y1 - 0.5;
}


/** Whether two parallel segments run along each other, closer than the clearance. */
export function alongside(a: Segment, b: Segment, clearance: number): boolean {
  const k = vertical(a) ? 0 : 1;
  if (vertical(a) !== vertical(b) || Math.abs(a[0][k] - b[0][k]) >= clearance) return false;
  const [a0, a1] = span(a[0][1 - k], a[1][1 - k]);
  const [b0, b1] = span(b[0][1 - k], b[1][1 - k]);
  return Math.min(a1, b1) - Math.max(a0, b0) > 0.5;
}

/** Whether a segment passes through a box (shrunk by 1 px, so running along its border is allowed; grown by `room`, so it keeps that far away). */
export function throughBox([p, q]: Segment, b: Box, room = 0): boolean {
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
export class BoxGrid {
  private readonly cells = new Map<number, number[]>();
  /**
   * The query each index was last found by, so that an index in several cells is returned once: a
   * typed array grown as indices come (a plain array filled out of order goes sparse, and slow).
   */
  private seen = new Int32Array(64);
  private query = 0;
  private static readonly SIZE = 160;
  /**
   * A cell's key: cells are numbered row by row, exact for cells within ±16 384 of the origin (±2.6 M
   * px, ample for any drawing, negative coordinates included), and below 2^30 there, so V8 keeps it
   * a small integer: larger keys are heap numbers, each hashed and allocated on every lookup (that
   * made `near` a sixth of the post-pass). Beyond that range two cells may share a key, which only
   * costs time: callers check the boxes they get back.
   */
  private static key = (x: number, y: number) => (x + 16384) * 32768 + (y + 16384);
  private range(b: Box): [number, number, number, number] {
    const s = BoxGrid.SIZE;
    return [Math.floor(b.x / s), Math.floor((b.x + b.w) / s), Math.floor(b.y / s), Math.floor((b.y + b.h) / s)];
  }
  add(index: number, b: Box): void {
    if (index >= this.seen.length) {
      const grown = new Int32Array(Math.max(index + 1, 2 * this.seen.length));
      grown.set(this.seen);
      this.seen = grown;
    }
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
      const cell = this.cells.get(BoxGrid.key(x, y));
      if (cell) for (const i of cell) if (this.seen[i] !== q) { this.seen[i] = q; found.push(i); }
    }
    return found.sort((a, c) => a - c);
  }
}


export function crossingsWith(segs: readonly Segment[], others: readonly Segment[]): number {
  let n = 0;
  for (const s of segs) for (const o of others) if (vertical(s) !== vertical(o) && (vertical(s) ? crossing(o, s) : crossing(s, o))) n++;
  return n;
}

/** The box around some points, grown by `by` on every side. */
export function areaOf(points: readonly Point[], by: number): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const x = x0 - by;
  const y = y0 - by;
  return { x, y, w: x1 + by - x, h: y1 + by - y };
}

export const within = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
export const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export const routeLength = (pts: readonly Point[]) => segmentsOf(pts).reduce((sum, [a, b]) => sum + Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]), 0);
