import type { Paint, SceneItem } from './types.js';
import { r1, type Box, type Point } from './geometry.js';
import { CYLINDER_CAP, DOCUMENT_WAVE, slantOf } from './outline.js';
import type { PortShape } from '../layout/straighten.js';

export type ShapeKind = 'rect' | 'rounded' | 'stadium' | 'diamond' | 'subprocess' | 'document' | 'parallelogram' | 'cylinder' | 'delay' | 'trapezoid' | 'ellipse' | 'circle';

/** How a shape's sides take an edge's port, for the routing post-pass (src/layout/straighten.ts). */
export function portShape(shape: ShapeKind): PortShape {
  if (shape === 'diamond') return 'diamond';
  return shape === 'rect' || shape === 'rounded' || shape === 'subprocess' || shape === 'document' || shape === 'cylinder' ? 'straight' : 'curved';
}

/** Extra room a shape needs around its text box, so the text stays inside the outline. */
export function shapeInsets(shape: ShapeKind, textH: number): { x: number; y: number } {
  switch (shape) {
    case 'stadium': return { x: 14 + textH / 2, y: 10 };
    case 'subprocess': return { x: 26, y: 10 };
    case 'document': return { x: 14, y: 14 };
    case 'parallelogram':
    case 'trapezoid': return { x: 16 + Math.min(24, textH * 0.5), y: 10 };
    case 'cylinder': return { x: 14, y: 18 };
    case 'delay': return { x: 12 + textH / 2, y: 10 };
    case 'ellipse':
    case 'circle': return { x: 22, y: 14 };
    default: return { x: 14, y: 10 };
  }
}

/** The box a shape needs for a text block of tw×th (a diamond's text sits in its inscribed rectangle). */
export function shapeBox(shape: ShapeKind, tw: number, th: number, minW = 0, minH = 0): { w: number; h: number } {
  const ins = shapeInsets(shape, th);
  let w = tw + 2 * ins.x;
  let h = th + 2 * ins.y;
  if (shape === 'diamond') { w = 2 * (tw + 16); h = 2 * (th + 8); }
  if (shape === 'ellipse') { w = (tw + 20) * Math.SQRT2; h = (th + 10) * Math.SQRT2; }
  if (shape === 'circle') { w = h = Math.max(w, h); }
  return { w: Math.ceil(Math.max(w, minW)), h: Math.ceil(Math.max(h, minH)) };
}

/** One element whose geometry is the node's box (the SVG contract: one shape per node). */
export function shapeItem(shape: ShapeKind, b: Box, paint: Paint, className = 'jf-shape'): SceneItem {
  return { ...outlineGeometry(shape, b, paint, className), shape } as SceneItem;
}

function outlineGeometry(shape: ShapeKind, b: Box, paint: Paint, className: string): SceneItem {
  const { x, y, w, h } = b;
  const P = (pts: Point[]): SceneItem => ({ type: 'polygon', points: pts.map(([px, py]) => [r1(px), r1(py)] as Point), className, ...paint });
  const path = (d: string): SceneItem => ({ type: 'path', d, className, ...paint });
  switch (shape) {
    case 'rect': return { type: 'rect', x, y, w, h, rx: 0, className, ...paint };
    case 'rounded': return { type: 'rect', x, y, w, h, rx: 6, className, ...paint };
    case 'stadium': return { type: 'rect', x, y, w, h, rx: h / 2, className, ...paint };
    case 'diamond': return P([[x + w / 2, y], [x + w, y + h / 2], [x + w / 2, y + h], [x, y + h / 2]]);
    case 'parallelogram': { const s = slantOf(h); return P([[x + s, y], [x + w, y], [x + w - s, y + h], [x, y + h]]); }
    case 'trapezoid': { const s = slantOf(h); return P([[x + s, y], [x + w - s, y], [x + w, y + h], [x, y + h]]); }
    case 'ellipse':
    case 'circle': return { type: 'ellipse', cx: x + w / 2, cy: y + h / 2, rx: w / 2, ry: h / 2, className, ...paint };
    case 'subprocess':
      return path(`M${r1(x)},${r1(y)} H${r1(x + w)} V${r1(y + h)} H${r1(x)} Z M${r1(x + 10)},${r1(y)} V${r1(y + h)} M${r1(x + w - 10)},${r1(y)} V${r1(y + h)}`);
    case 'document': {
      const wave = DOCUMENT_WAVE;
      const bottom = y + h - wave;
      return path(`M${r1(x)},${r1(y)} H${r1(x + w)} V${r1(bottom)} C${r1(x + w * 0.75)},${r1(bottom - wave)} ${r1(x + w * 0.6)},${r1(y + h + wave * 0.6)} ${r1(x + w / 2)},${r1(bottom)} S${r1(x + w * 0.2)},${r1(bottom - wave)} ${r1(x)},${r1(bottom)} Z`);
    }
    case 'cylinder': {
      const ry = CYLINDER_CAP;
      return path(`M${r1(x)},${r1(y + ry)} A${r1(w / 2)},${ry} 0 0 1 ${r1(x + w)},${r1(y + ry)} V${r1(y + h - ry)} A${r1(w / 2)},${ry} 0 0 1 ${r1(x)},${r1(y + h - ry)} Z M${r1(x)},${r1(y + ry)} A${r1(w / 2)},${ry} 0 0 0 ${r1(x + w)},${r1(y + ry)}`);
    }
    case 'delay': {
      const r = h / 2;
      return path(`M${r1(x)},${r1(y)} H${r1(x + w - r)} A${r1(r)},${r1(r)} 0 0 1 ${r1(x + w - r)},${r1(y + h)} H${r1(x)} Z`);
    }
  }
}
