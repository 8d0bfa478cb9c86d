import type { Point } from '../../scene/geometry.js';

/** One absolute drawing command; H, V and S are rewritten to L and C so consumers see four verbs. */
export type PathCommand =
  | { op: 'M'; to: Point }
  | { op: 'L'; to: Point }
  | { op: 'Q'; c: Point; to: Point }
  | { op: 'C'; c1: Point; c2: Point; to: Point }
  | { op: 'A'; rx: number; ry: number; rotation: number; large: boolean; sweep: boolean; to: Point }
  | { op: 'Z' };

const ARGS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, Q: 4, T: 2, C: 6, S: 4, A: 7, Z: 0 };

/**
 * Parses the SVG path data our scenes write (absolute or relative, any of MLHVQTCSAZ). Office
 * formats and PDF each need the geometry as data, not as a string, so this is the one reader.
 */
export function parsePath(d: string): PathCommand[] {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out: PathCommand[] = [];
  let cur: Point = [0, 0];
  let start: Point = [0, 0];
  let lastCtrl: Point | undefined;
  let i = 0;
  let verb = '';
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) verb = tokens[i++];
    const up = verb.toUpperCase();
    const rel = verb !== up;
    const n = ARGS[up];
    if (n === undefined) break;
    if (up === 'Z') { out.push({ op: 'Z' }); cur = start; lastCtrl = undefined; continue; }
    if (i + n > tokens.length) break;
    const a = tokens.slice(i, i + n).map(Number);
    i += n;
    const pt = (x: number, y: number): Point => (rel ? [cur[0] + x, cur[1] + y] : [x, y]);
    switch (up) {
      case 'M': cur = start = pt(a[0], a[1]); out.push({ op: 'M', to: cur }); verb = rel ? 'l' : 'L'; lastCtrl = undefined; break;
      case 'L': cur = pt(a[0], a[1]); out.push({ op: 'L', to: cur }); lastCtrl = undefined; break;
      case 'H': cur = [rel ? cur[0] + a[0] : a[0], cur[1]]; out.push({ op: 'L', to: cur }); lastCtrl = undefined; break;
      case 'V': cur = [cur[0], rel ? cur[1] + a[0] : a[0]]; out.push({ op: 'L', to: cur }); lastCtrl = undefined; break;
      case 'Q': { const c = pt(a[0], a[1]); cur = pt(a[2], a[3]); out.push({ op: 'Q', c, to: cur }); lastCtrl = c; break; }
      case 'T': { const c: Point = lastCtrl ? [2 * cur[0] - lastCtrl[0], 2 * cur[1] - lastCtrl[1]] : cur; cur = pt(a[0], a[1]); out.push({ op: 'Q', c, to: cur }); lastCtrl = c; break; }
      case 'C': { const c1 = pt(a[0], a[1]); const c2 = pt(a[2], a[3]); cur = pt(a[4], a[5]); out.push({ op: 'C', c1, c2, to: cur }); lastCtrl = c2; break; }
      case 'S': { const c1: Point = lastCtrl ? [2 * cur[0] - lastCtrl[0], 2 * cur[1] - lastCtrl[1]] : cur; const c2 = pt(a[0], a[1]); cur = pt(a[2], a[3]); out.push({ op: 'C', c1, c2, to: cur }); lastCtrl = c2; break; }
      case 'A': cur = pt(a[5], a[6]); out.push({ op: 'A', rx: a[0], ry: a[1], rotation: a[2], large: a[3] !== 0, sweep: a[4] !== 0, to: cur }); lastCtrl = undefined; break;
    }
  }
  return out;
}

/** Cubic Bézier pieces (each ≤ 90°) of an SVG elliptical arc, by the SVG spec's centre parametrisation. */
export function arcToCubics(from: Point, c: Extract<PathCommand, { op: 'A' }>): Array<[Point, Point, Point]> {
  const [x1, y1] = from;
  const [x2, y2] = c.to;
  let rx = Math.abs(c.rx);
  let ry = Math.abs(c.ry);
  if (!rx || !ry || (x1 === x2 && y1 === y2)) return [[from, c.to, c.to]];
  const phi = (c.rotation * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) { rx *= Math.sqrt(lambda); ry *= Math.sqrt(lambda); }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const k = (c.large === c.sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (k * rx * yp) / ry;
  const cyp = (-k * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const t1 = ang(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let dt = ang((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!c.sweep && dt > 0) dt -= 2 * Math.PI;
  if (c.sweep && dt < 0) dt += 2 * Math.PI;
  const pieces = Math.max(1, Math.ceil(Math.abs(dt) / (Math.PI / 2) - 1e-9));
  const step = dt / pieces;
  const alpha = (4 / 3) * Math.tan(step / 4);
  const at = (t: number): Point => [cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin, cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos];
  const deriv = (t: number): Point => [-rx * Math.sin(t) * cos - ry * Math.cos(t) * sin, -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos];
  const out: Array<[Point, Point, Point]> = [];
  for (let p = 0; p < pieces; p++) {
    const ta = t1 + p * step;
    const tb = ta + step;
    const [ax, ay] = at(ta);
    const [bx, by] = at(tb);
    const [dax, day] = deriv(ta);
    const [dbx, dby] = deriv(tb);
    out.push([[ax + alpha * dax, ay + alpha * day], [bx - alpha * dbx, by - alpha * dby], p === pieces - 1 ? c.to : [bx, by]]);
  }
  return out;
}

/** The path with arcs as cubics and Q kept: only M, L, Q, C and Z, which every office format draws. */
export function withoutArcs(cmds: readonly PathCommand[]): PathCommand[] {
  const out: PathCommand[] = [];
  let cur: Point = [0, 0];
  let start: Point = [0, 0];
  for (const c of cmds) {
    if (c.op === 'A') for (const [c1, c2, to] of arcToCubics(cur, c)) out.push({ op: 'C', c1, c2, to });
    else out.push(c);
    if (c.op === 'M') start = c.to;
    cur = c.op === 'Z' ? start : c.to;
  }
  return out;
}

export interface Subpath { points: Point[]; closed: boolean }

/** Polylines through the path (curves sampled every few pixels); used for bounds, clipping and draw.io. */
export function flattenPath(cmds: readonly PathCommand[], samples = 8): Subpath[] {
  const subs: Subpath[] = [];
  let sub: Subpath | undefined;
  let cur: Point = [0, 0];
  const add = (p: Point) => { if (!sub) { sub = { points: [cur], closed: false }; subs.push(sub); } sub.points.push(p); };
  for (const c of withoutArcs(cmds)) {
    if (c.op === 'M') { sub = { points: [c.to], closed: false }; subs.push(sub); cur = c.to; continue; }
    if (c.op === 'Z') { if (sub) { sub.closed = true; cur = sub.points[0]; sub = undefined; } continue; }
    if (c.op === 'L' || c.op === 'A') add(c.to);
    else for (let s = 1; s <= samples; s++) add(curvePoint(cur, c, s / samples));
    cur = c.to;
  }
  return subs;
}

/** The point at parameter t of a quadratic or cubic segment starting at p0. */
export function curvePoint(p0: Point, c: Extract<PathCommand, { op: 'Q' | 'C' }>, t: number): Point {
  const u = 1 - t;
  if (c.op === 'Q') return [u * u * p0[0] + 2 * u * t * c.c[0] + t * t * c.to[0], u * u * p0[1] + 2 * u * t * c.c[1] + t * t * c.to[1]];
  return [u ** 3 * p0[0] + 3 * u * u * t * c.c1[0] + 3 * u * t * t * c.c2[0] + t ** 3 * c.to[0], u ** 3 * p0[1] + 3 * u * u * t * c.c1[1] + 3 * u * t * t * c.c2[1] + t ** 3 * c.to[1]];
}

/** Direction (radians) in which a path arrives at its last point: where an end marker points. */
export function endAngle(cmds: readonly PathCommand[]): number {
  const pts = flattenPath(cmds, 4).flatMap((s) => s.points);
  const end = pts[pts.length - 1];
  for (let i = pts.length - 2; i >= 0; i--) {
    const p = pts[i];
    if (Math.hypot(end[0] - p[0], end[1] - p[1]) > 0.01) return Math.atan2(end[1] - p[1], end[0] - p[0]);
  }
  return 0;
}
