import type { ShapeName, ShapeProps, Slide } from './lib.js';
import type { Point } from '../../scene/geometry.js';
import type { ShapeKind } from '../../scene/shapes.js';
import { parsePath, withoutArcs } from '../vector/path.js';
import { dashArray, hexColor, leafBox, textBox, type Leaf, type TextItem } from '../vector/scene-read.js';

/** Scene pixels to slide inches: a scale and an offset, fixed per slide. */
export interface SlideFrame { scale: number; dx: number; dy: number }

type Painted = { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number };
export interface ShapeMeta { name: string; hyperlink?: { url?: string; slide?: number; tooltip?: string } }

/** Run font name that the package step replaces by our Latin / East Asian pair (pptxgenjs writes one name). */
export const FONT_MARKER = 'JF-FONT';

const PX_PER_IN = 96;
const inch = (px: number, f: SlideFrame) => (px / PX_PER_IN) * f.scale;
const pt = (px: number, f: SlideFrame) => px * 0.75 * f.scale;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** Preset geometries PowerPoint lists under Flowchart, so "Change Shape" keeps working on our nodes. */
const PRESETS: Partial<Record<ShapeKind, string>> = {
  rect: 'flowChartProcess', stadium: 'flowChartTerminator', diamond: 'flowChartDecision', subprocess: 'flowChartPredefinedProcess',
  document: 'flowChartDocument', parallelogram: 'flowChartInputOutput', trapezoid: 'flowChartManualOperation', cylinder: 'can',
  delay: 'flowChartDelay', ellipse: 'ellipse', circle: 'flowChartConnector', rounded: 'roundRect',
};

function fillOf(p: Painted) {
  const color = hexColor(p.fill);
  return color ? { color, transparency: p.opacity !== undefined ? Math.round((1 - p.opacity) * 100) : 0 } : undefined;
}

function lineOf(p: Painted, f: SlideFrame, arrow: boolean) {
  const color = hexColor(p.stroke);
  if (!color) return { type: 'none' as const };
  const dash = dashArray(p.dash);
  return {
    color, width: r3(pt(p.strokeWidth ?? 1, f)), transparency: p.opacity !== undefined ? Math.round((1 - p.opacity) * 100) : 0,
    dashType: (dash ? (dash[0] <= 2 ? 'sysDot' : 'dash') : 'solid') as 'sysDot' | 'dash' | 'solid',
    ...(arrow ? { endArrowType: 'triangle' as const } : {}),
  };
}

/** Adds one scene leaf to the slide as native, editable geometry (presets where a symbol is named). */
export function addLeaf(slide: Slide, leaf: Leaf, f: SlideFrame, meta: ShapeMeta): void {
  if (leaf.type === 'text') return addTextLeaf(slide, leaf, f, meta);
  const b = leafBox(leaf);
  if (!b) return;
  const box = { x: r3(f.dx + inch(b.x, f)), y: r3(f.dy + inch(b.y, f)), w: r3(Math.max(inch(b.w, f), 0.001)), h: r3(Math.max(inch(b.h, f), 0.001)) };
  const common = { ...box, fill: fillOf(leaf), line: lineOf(leaf, f, leaf.type === 'path' && !!leaf.markerEnd), objectName: meta.name, hyperlink: meta.hyperlink };
  const preset = leaf.shape ? PRESETS[leaf.shape] : undefined;
  if (preset) {
    // Radii of round rects and cylinders come through pptxgenjs' `rectRadius` (its `adj` guide).
    const radius = leaf.shape === 'rounded' && leaf.type === 'rect' ? inch(leaf.rx ?? 6, f) : leaf.shape === 'cylinder' ? inch(14, f) : undefined;
    slide.addShape(preset as ShapeName, { ...common, rectRadius: radius, flipV: leaf.shape === 'trapezoid' });
    return;
  }
  if (leaf.type === 'rect') {
    slide.addShape((leaf.rx ? 'roundRect' : 'rect') as ShapeName, { ...common, rectRadius: leaf.rx ? inch(Math.min(leaf.rx, b.w / 2, b.h / 2), f) : undefined });
    return;
  }
  if (leaf.type === 'ellipse') { slide.addShape('ellipse' as ShapeName, common); return; }
  const points = leaf.type === 'polygon' ? polygonPoints(leaf.points, b, f) : pathPoints(leaf.d, b, f);
  slide.addShape('custGeom' as ShapeName, { ...common, points } as ShapeProps);
}

type CustPoint = { x: number; y: number; moveTo?: boolean; curve?: { type: 'quadratic' | 'cubic'; x1: number; y1: number; x2?: number; y2?: number } } | { close: true };

function polygonPoints(pts: ReadonlyArray<[number, number]>, b: { x: number; y: number }, f: SlideFrame): CustPoint[] {
  return [...pts.map(([x, y], i) => ({ x: r3(inch(x - b.x, f)), y: r3(inch(y - b.y, f)), ...(i === 0 ? { moveTo: true } : {}) })), { close: true as const }];
}

/** A freeform of the path: lines, quadratic and cubic curves (arcs as cubics), relative to its box. */
function pathPoints(d: string, b: { x: number; y: number }, f: SlideFrame): CustPoint[] {
  const X = (p: Point) => r3(inch(p[0] - b.x, f));
  const Y = (p: Point) => r3(inch(p[1] - b.y, f));
  const out: CustPoint[] = [];
  for (const c of withoutArcs(parsePath(d))) {
    if (c.op === 'Z') out.push({ close: true });
    else if (c.op === 'M') out.push({ x: X(c.to), y: Y(c.to), moveTo: true });
    else if (c.op === 'L') out.push({ x: X(c.to), y: Y(c.to) });
    else if (c.op === 'Q') out.push({ x: X(c.to), y: Y(c.to), curve: { type: 'quadratic', x1: X(c.c), y1: Y(c.c) } });
    else if (c.op === 'C') out.push({ x: X(c.to), y: Y(c.to), curve: { type: 'cubic', x1: X(c.c1), y1: Y(c.c1), x2: X(c.c2), y2: Y(c.c2) } });
  }
  return out;
}

/**
 * A text box holding the scene's own lines (one paragraph each, no wrapping, no autofit), so the
 * slide breaks lines exactly where the SVG does. The box gets some slack: office fonts run wider.
 */
function addTextLeaf(slide: Slide, t: TextItem, f: SlideFrame, meta: ShapeMeta): void {
  const tb = textBox(t);
  const anchor = t.style.anchor ?? 'start';
  const slack = tb.w * 0.15 + 4;
  const x = anchor === 'middle' ? tb.x - slack / 2 : anchor === 'end' ? tb.x - slack : tb.x;
  const runs = t.lines.map((line, i) => ({ text: line, options: { breakLine: i < t.lines.length - 1 } }));
  slide.addText(runs, {
    x: r3(f.dx + inch(x, f)), y: r3(f.dy + inch(tb.y, f)), w: r3(inch(tb.w + slack, f)), h: r3(inch(tb.h, f)),
    fontFace: FONT_MARKER, fontSize: Math.max(1, Math.round(pt(t.style.size, f) * 10) / 10), color: hexColor(t.style.fill) ?? '000000',
    bold: t.style.weight === 'bold', italic: !!t.style.italic, align: anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left',
    valign: 'top', margin: 0, wrap: false, fit: 'none', lineSpacing: r3(pt(t.lineHeight, f)), paraSpaceBefore: 0, paraSpaceAfter: 0,
    lang: 'zh-CN', objectName: meta.name,
  });
}
