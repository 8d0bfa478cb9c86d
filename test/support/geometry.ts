import type { Box, Point } from '../../src/scene/geometry.js';

export const inside = (inner: Box, outer: Box, tol = 0.5) =>
  inner.x >= outer.x - tol && inner.y >= outer.y - tol && inner.x + inner.w <= outer.x + outer.w + tol && inner.y + inner.h <= outer.y + outer.h + tol;

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether the segment p→q passes through the box shrunk by `margin` (segments are axis-parallel or general). */
export function segmentCrossesBox(p: Point, q: Point, b: Box, margin = 2): boolean {
  const x0 = b.x + margin, x1 = b.x + b.w - margin, y0 = b.y + margin, y1 = b.y + b.h - margin;
  if (x1 <= x0 || y1 <= y0) return false;
  // Liang–Barsky clipping: does any part of the segment lie strictly inside the box?
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const clip = (pp: number, qq: number) => {
    if (pp === 0) return qq > 0;
    const r = qq / pp;
    if (pp < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
    return true;
  };
  if (clip(-dx, p[0] - x0) && clip(dx, x1 - p[0]) && clip(-dy, p[1] - y0) && clip(dy, y1 - p[1])) return t1 - t0 > 1e-6;
  return false;
}

/** Proper crossings between the axis-parallel segments of different polylines (touching ends do not count). */
export function countCrossings(lines: Point[][]): number {
  const segs = lines.map((pts) => pts.slice(1).map((q, i) => [pts[i], q] as [Point, Point]));
  const crosses = (h: [Point, Point], v: [Point, Point]) => {
    const y = h[0][1];
    const x = v[0][0];
    return x > Math.min(h[0][0], h[1][0]) + 0.5 && x < Math.max(h[0][0], h[1][0]) - 0.5 && y > Math.min(v[0][1], v[1][1]) + 0.5 && y < Math.max(v[0][1], v[1][1]) - 0.5;
  };
  const horizontal = (s: [Point, Point]) => Math.abs(s[0][1] - s[1][1]) < 0.01;
  const vertical = (s: [Point, Point]) => Math.abs(s[0][0] - s[1][0]) < 0.01;
  let n = 0;
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      for (const a of segs[i]) for (const b of segs[j]) if ((horizontal(a) && vertical(b) && crosses(a, b)) || (vertical(a) && horizontal(b) && crosses(b, a))) n++;
    }
  }
  return n;
}
