import type { Box } from '../../scene/geometry.js';
import type { ShapeKind } from '../../scene/shapes.js';
import { dashArray, type Leaf, type TextItem } from '../vector/scene-read.js';

/** Font list for draw.io labels: a CSS family list, so Chinese falls back the way it does in our SVG. */
export const DRAWIO_FONT = 'Noto Sans SC,Microsoft YaHei,PingFang SC,Noto Sans CJK SC,sans-serif';

const num = (n: number): string => String(Math.round(n * 100) / 100);

/** `key=value;` pairs in a fixed order; values never hold `;` or `=` (colours, numbers, names). */
export function style(parts: Record<string, string | number | undefined>, head = ''): string {
  const body = Object.entries(parts).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`);
  return [head, ...body].filter(Boolean).join(';') + ';';
}

type Painted = { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number };

export function paintStyle(p: Painted, defaultFill = 'none'): Record<string, string | number | undefined> {
  const dash = dashArray(p.dash);
  return {
    fillColor: p.fill ?? defaultFill,
    strokeColor: p.stroke ?? 'none',
    strokeWidth: p.stroke ? p.strokeWidth ?? 1 : undefined,
    dashed: dash ? 1 : undefined,
    dashPattern: dash ? dash.map((d) => num(d / Math.max(1, p.strokeWidth ?? 1))).join(' ') : undefined,
    opacity: p.opacity !== undefined && p.opacity < 1 ? Math.round(p.opacity * 100) : undefined,
  };
}

/** draw.io's own symbol for each of our node outlines, sized like ours. */
export function shapeStyle(shape: ShapeKind | undefined, leaf: Leaf, b: Box): string {
  switch (shape) {
    case 'rect': return 'rounded=0';
    case 'rounded': return 'rounded=1;absoluteArcSize=1;arcSize=12';
    case 'stadium': return 'rounded=1;arcSize=50';
    case 'diamond': return 'rhombus';
    case 'subprocess': return `shape=process;backgroundOutline=1;size=${num(10 / Math.max(1, b.w))}`;
    case 'document': return 'shape=document;boundedLbl=1;size=0.2';
    case 'parallelogram': return `shape=parallelogram;perimeter=parallelogramPerimeter;fixedSize=1;size=${num(Math.min(24, b.h / 2))}`;
    case 'trapezoid': return `shape=trapezoid;perimeter=trapezoidPerimeter;fixedSize=1;size=${num(Math.min(24, b.h / 2))}`;
    case 'cylinder': return 'shape=cylinder;boundedLbl=1;backgroundOutline=1';
    case 'delay': return 'shape=delay';
    case 'ellipse':
    case 'circle': return 'ellipse';
  }
  return leafShape(leaf);
}

/** Outline of a leaf that names no symbol: its own primitive, or a rounded box for card paths. */
export function leafShape(leaf: Leaf): string {
  if (leaf.type === 'ellipse') return 'ellipse';
  if (leaf.type === 'rect') return leaf.rx ? `rounded=1;absoluteArcSize=1;arcSize=${num(2 * leaf.rx)}` : 'rounded=0';
  if (leaf.type === 'polygon') return polygonShape(leaf.points);
  if (leaf.type === 'path' && /[QCA]/i.test(leaf.d)) return 'rounded=1;absoluteArcSize=1;arcSize=20';
  return 'rounded=0';
}

/** Triangles point where their lone vertex is; four corners on the box's edge midpoints make a rhombus. */
function polygonShape(points: ReadonlyArray<[number, number]>): string {
  if (points.length === 4) return 'rhombus';
  if (points.length !== 3) return 'rounded=0';
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const atTop = ys.filter((y) => Math.abs(y - minY) < 0.5).length;
  const atBottom = ys.filter((y) => Math.abs(y - maxY) < 0.5).length;
  if (atTop === 2) return 'triangle;direction=south';
  if (atBottom === 2) return 'triangle;direction=north';
  return Math.max(...xs) - xs[0] > 0 ? 'triangle;direction=east' : 'triangle;direction=west';
}

/** Label look of a text item: size, weight, colour and our font list. */
export function fontStyle(t: TextItem): Record<string, string | number | undefined> {
  const flags = (t.style.weight === 'bold' ? 1 : 0) + (t.style.italic ? 2 : 0);
  return { fontSize: t.style.size, fontStyle: flags || undefined, fontColor: t.style.fill, fontFamily: DRAWIO_FONT };
}
