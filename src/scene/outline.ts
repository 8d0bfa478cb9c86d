import type { Box, Point } from './geometry.js';
import type { ShapeKind } from './shapes.js';

/*
 * The drawn outline of every node symbol, as a closed polygon (curves sampled finely enough that
 * the polygon stays within 0.1 px of the drawn curve), and where a straight edge end meets it.
 * The numbers here must follow the drawing in shapes.ts: one family of outlines per function.
 */

/** Segments per quarter of a curve: keeps the sampled polygon within ~0.05 px of curves of radius ≤ 200. */
const QUARTER_STEPS = 24;

/** A document's wave height and a cylinder's cap radius, as shapes.ts draws them. */
export const DOCUMENT_WAVE = 8;
export const CYLINDER_CAP = 7;

/** The slant of a parallelogram or trapezoid side, as shapes.ts draws it. */
export const slantOf = (h: number): number => Math.min(24, h * 0.5);

/** Points of the arc of an ellipse centred on (cx, cy) from angle a0 to a1 (radians, y downward). */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): Point[] {
  const steps = Math.max(2, Math.ceil((Math.abs(a1 - a0) / (Math.PI / 2)) * QUARTER_STEPS));
  // Plain loops here and below: every edge end samples a curved outline (~100 points), per render.
  const points = new Array<Point>(steps + 1);
  for (let i = 0; i <= steps; i++) {
    const a = a0 + ((a1 - a0) * i) / steps;
    points[i] = [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  }
  return points;
}

/** A rectangle with corners rounded by r (r = 0: plain rectangle; r = h/2: stadium). */
function roundedRectOutline({ x, y, w, h }: Box, radius: number): Point[] {
  const r = Math.min(radius, w / 2, h / 2);
  if (r <= 0) return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
  const q = Math.PI / 2;
  return arc(x + w - r, y + r, r, r, -q, 0).concat(
    arc(x + w - r, y + h - r, r, r, 0, q),
    arc(x + r, y + h - r, r, r, q, 2 * q),
    arc(x + r, y + r, r, r, 2 * q, 3 * q),
  );
}

function ellipseOutline({ x, y, w, h }: Box): Point[] {
  return arc(x + w / 2, y + h / 2, w / 2, h / 2, 0, 2 * Math.PI).slice(0, -1);
}

/** Diamond, parallelogram and trapezoid: the polygon shapes.ts draws. */
function slantedOutline(shape: 'diamond' | 'parallelogram' | 'trapezoid', { x, y, w, h }: Box): Point[] {
  const s = slantOf(h);
  if (shape === 'diamond') return [[x + w / 2, y], [x + w, y + h / 2], [x + w / 2, y + h], [x, y + h / 2]];
  if (shape === 'parallelogram') return [[x + s, y], [x + w, y], [x + w - s, y + h], [x, y + h]];
  return [[x + s, y], [x + w - s, y], [x + w, y + h], [x, y + h]];
}

function cubic(p0: Point, c1: Point, c2: Point, p1: Point): Point[] {
  const steps = 2 * QUARTER_STEPS;
  return Array.from({ length: steps }, (_, i) => {
    const t = (i + 1) / steps;
    const u = 1 - t;
    const f = (k: 0 | 1) => u * u * u * p0[k] + 3 * u * u * t * c1[k] + 3 * u * t * t * c2[k] + t * t * t * p1[k];
    return [f(0), f(1)] as Point;
  });
}

/** A document: straight top and sides, a wave along the bottom (a cubic and its smooth mirror). */
function documentOutline({ x, y, w, h }: Box): Point[] {
  const bottom = y + h - DOCUMENT_WAVE;
  const middle: Point = [x + w / 2, bottom];
  const c2: Point = [x + w * 0.6, y + h + DOCUMENT_WAVE * 0.6];
  const mirrored: Point = [2 * middle[0] - c2[0], 2 * middle[1] - c2[1]];
  return [
    [x, y], [x + w, y], [x + w, bottom],
    ...cubic([x + w, bottom], [x + w * 0.75, bottom - DOCUMENT_WAVE], c2, middle),
    ...cubic(middle, mirrored, [x + w * 0.2, bottom - DOCUMENT_WAVE], [x, bottom]),
  ];
}

/** A cylinder: the upper half of the top cap, straight sides, the lower half of the bottom cap. */
function cylinderOutline({ x, y, w, h }: Box): Point[] {
  const ry = CYLINDER_CAP;
  return [...arc(x + w / 2, y + ry, w / 2, ry, Math.PI, 2 * Math.PI), ...arc(x + w / 2, y + h - ry, w / 2, ry, 0, Math.PI)];
}

/** A delay: a rectangle whose right side is a half disc. */
function delayOutline({ x, y, w, h }: Box): Point[] {
  const r = h / 2;
  return [[x, y], ...arc(x + w - r, y + r, r, r, -Math.PI / 2, Math.PI / 2), [x, y + h]];
}

/** The closed outline of a shape drawn in box b, as a polygon (last point joins the first). */
export function outlinePolygon(shape: ShapeKind, b: Box): Point[] {
  switch (shape) {
    case 'rect':
    case 'subprocess': return roundedRectOutline(b, 0);
    case 'rounded': return roundedRectOutline(b, 6);
    case 'stadium': return roundedRectOutline(b, b.h / 2);
    case 'ellipse':
    case 'circle': return ellipseOutline(b);
    case 'diamond':
    case 'parallelogram':
    case 'trapezoid': return slantedOutline(shape, b);
    case 'document': return documentOutline(b);
    case 'cylinder': return cylinderOutline(b);
    case 'delay': return delayOutline(b);
  }
}

/** Where the ray from `origin` along (dx, dy) first meets segment a→b, as a ray parameter (or undefined). */
function rayMeetsSegment(origin: Point, dx: number, dy: number, a: Point, b: Point): number | undefined {
  const ex = b[0] - a[0];
  const ey = b[1] - a[1];
  const det = dx * ey - dy * ex;
  if (Math.abs(det) < 1e-12) return undefined;
  const ax = a[0] - origin[0];
  const ay = a[1] - origin[1];
  const t = (ax * ey - ay * ex) / det;
  const s = (ax * dy - ay * dx) / det;
  return t >= 0 && s >= -1e-9 && s <= 1 + 1e-9 ? t : undefined;
}

/**
 * Where an edge arriving along `from` → `end` first meets the drawn outline: the edge's last
 * segment is extended (or shortened) along its own line, so it stays straight and axis-parallel,
 * and its end lies on the outline. If `from` is already inside the outline, nothing is moved.
 * `polygon`: the outline, when the caller already has it (a node with several edges samples its curves once).
 */
export function attachToOutline(end: Point, from: Point, shape: ShapeKind, b: Box, polygon?: readonly Point[]): Point {
  const dx = end[0] - from[0];
  const dy = end[1] - from[1];
  if (Math.hypot(dx, dy) < 1e-9) return end;
  polygon ??= outlinePolygon(shape, b);
  let nearest = Infinity;
  for (let i = 0; i < polygon.length; i++) {
    const t = rayMeetsSegment(from, dx, dy, polygon[i], polygon[(i + 1) % polygon.length]);
    if (t !== undefined && t > 1e-9 && t < nearest) nearest = t;
  }
  if (!Number.isFinite(nearest) || pointInPolygon(from, polygon)) return end;
  return [from[0] + dx * nearest, from[1] + dy * nearest];
}

export function pointInPolygon([px, py]: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from p to the outline polygon (0 on it). */
export function distanceToOutline(p: Point, polygon: readonly Point[]): number {
  let best = Infinity;
  polygon.forEach((a, i) => {
    const b = polygon[(i + 1) % polygon.length];
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const len2 = ex * ex + ey * ey || 1;
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / len2));
    best = Math.min(best, Math.hypot(p[0] - a[0] - t * ex, p[1] - a[1] - t * ey));
  });
  return best;
}
