export interface Box { x: number; y: number; w: number; h: number }
export type Point = [number, number];

export const r1 = (n: number): number => Math.round(n * 10) / 10;

/** SVG path through orthogonal points, corners rounded by `radius` where the segments allow it. */
export function roundedPath(points: readonly Point[], radius = 6): string {
  if (points.length < 2) return '';
  const pts = dedupe(points);
  let d = `M${r1(pts[0][0])},${r1(pts[0][1])}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [px, py] = pts[i - 1];
    const [x, y] = pts[i];
    const [nx, ny] = pts[i + 1];
    const inLen = Math.hypot(x - px, y - py);
    const outLen = Math.hypot(nx - x, ny - y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r < 0.5) { d += ` L${r1(x)},${r1(y)}`; continue; }
    const ax = x - ((x - px) / inLen) * r;
    const ay = y - ((y - py) / inLen) * r;
    const bx = x + ((nx - x) / outLen) * r;
    const by = y + ((ny - y) / outLen) * r;
    d += ` L${r1(ax)},${r1(ay)} Q${r1(x)},${r1(y)} ${r1(bx)},${r1(by)}`;
  }
  const last = pts[pts.length - 1];
  return d + ` L${r1(last[0])},${r1(last[1])}`;
}

function dedupe(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const prev = out[out.length - 1];
    if (!prev || Math.abs(prev[0] - p[0]) > 0.01 || Math.abs(prev[1] - p[1]) > 0.01) out.push([p[0], p[1]]);
  }
  // Drop middle points of straight runs.
  return out.filter((p, i) => {
    if (i === 0 || i === out.length - 1) return true;
    const a = out[i - 1];
    const b = out[i + 1];
    return !((Math.abs(a[0] - p[0]) < 0.01 && Math.abs(p[0] - b[0]) < 0.01) || (Math.abs(a[1] - p[1]) < 0.01 && Math.abs(p[1] - b[1]) < 0.01));
  });
}

/** Midpoint along a polyline (by length), used to place a label on the longest-visible part. */
export function pointAlong(points: readonly Point[], fraction: number): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  let target = total * fraction;
  for (let i = 1; i < points.length; i++) {
    const len = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    if (target <= len && len > 0) {
      const t = target / len;
      return [points[i - 1][0] + (points[i][0] - points[i - 1][0]) * t, points[i - 1][1] + (points[i][1] - points[i - 1][1]) * t];
    }
    target -= len;
  }
  return points[points.length - 1];
}
