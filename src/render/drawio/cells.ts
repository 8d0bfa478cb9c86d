import type { Box, Point } from '../../scene/geometry.js';
import type { Scene } from '../../scene/types.js';
import { parsePath, type PathCommand } from '../vector/path.js';
import { leafBox, sceneLeaves, textBox, unionBox, type Leaf, type TextItem, type Unit } from '../vector/scene-read.js';
import { fontStyle, leafShape, paintStyle, shapeStyle, style } from './style.js';

/** One mxCell: a vertex with a box, or an edge with its route, both relative to their parent. */
export interface Cell {
  id: string;
  parent: string;
  value: string;
  style: string;
  kind: 'vertex' | 'edge';
  box?: Box;
  route?: { points: Point[]; sourcePoint?: Point; targetPoint?: Point; offset?: Point };
  source?: string;
  target?: string;
  link?: string;
  tooltip?: string;
}

type Chunk = { unit: Unit; leaves: Leaf[]; link?: string } | { unit?: undefined; leaves: [Leaf]; link?: string };

/** Leaves grouped by their unit, in the order the scene paints them. */
function chunks(scene: Scene): Chunk[] {
  const out: Chunk[] = [];
  const open = new Map<string, Chunk>();
  for (const v of sceneLeaves(scene)) {
    if (!v.unit) { out.push({ leaves: [v.leaf], link: v.link }); continue; }
    const key = `${v.unit.role}:${v.unit.key}`;
    const c = open.get(key);
    if (c) c.leaves.push(v.leaf);
    else { const n: Chunk = { unit: v.unit, leaves: [v.leaf], link: v.unit.link ?? v.link }; open.set(key, n); out.push(n); }
  }
  return out;
}

const isText = (l: Leaf): l is TextItem => l.type === 'text';
const rel = (b: Box, o: Box | undefined): Box => (o ? { x: b.x - o.x, y: b.y - o.y, w: b.w, h: b.h } : b);
const label = (t: TextItem | undefined): string => (t ? t.lines.join('\n') : '');

/** Route points of a path: corners of rounded orthogonal runs, segment ends of curves; collinear points dropped. */
export function routeOf(cmds: readonly PathCommand[]): { points: Point[]; curved: boolean } {
  const pts: Point[] = [];
  let curved = false;
  for (const c of cmds) {
    if (c.op === 'Z') continue;
    if (c.op === 'Q') pts.push(c.c);
    if (c.op === 'C') curved = true;
    pts.push(c.to);
  }
  if (curved) return { points: pts, curved };
  const keep = pts.filter((p, i) => {
    if (i === 0 || i === pts.length - 1) return true;
    const a = pts[i - 1];
    const b = pts[i + 1];
    const cross = (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]);
    return Math.abs(cross) > 0.5 || Math.hypot(p[0] - a[0], p[1] - a[1]) < 0.01;
  });
  return { points: keep, curved };
}

export interface CellContext { prefix: string; linkFor(href: string): string | undefined }

/** The mxCells of one scene: lanes as swimlanes holding their nodes, nodes, connected edges, then the rest. */
export function sceneCells(scene: Scene, ctx: CellContext): Cell[] {
  const all = chunks(scene);
  const lanes = new Map<string, { id: string; box: Box }>();
  const nodes = new Map<string, { id: string; box: Box }>();
  for (const c of all) {
    if (c.unit?.role === 'lane') lanes.set(c.unit.id, { id: `${ctx.prefix}lane-${c.unit.id}`, box: leafBox(c.leaves.find((l) => l.type === 'rect') ?? c.leaves[0])! });
    if (c.unit?.role === 'node') nodes.set(c.unit.id, { id: `${ctx.prefix}node-${c.unit.id}`, box: nodeBox(c.leaves) });
  }
  const cells: Cell[] = [];
  let decor = 0;
  const decorId = () => `${ctx.prefix}d${decor++}`;
  for (const c of all) {
    const link = c.link ? ctx.linkFor(c.link) : undefined;
    if (!c.unit) cells.push(...decorCells(c.leaves[0], '1', undefined, decorId, link));
    else if (c.unit.role === 'lane') cells.push(laneCell(c.leaves, lanes.get(c.unit.id)!, c.unit));
    else if (c.unit.role === 'node') {
      const lane = c.unit.lane ? lanes.get(c.unit.lane) : undefined;
      cells.push(...nodeCells(c.leaves, nodes.get(c.unit.id)!, lane, c.unit, link, decorId));
    } else cells.push(...edgeCells(c.leaves, c.unit, nodes, `${ctx.prefix}edge-${c.unit.key}`, decorId));
  }
  return cells;
}

function nodeBox(leaves: Leaf[]): Box {
  const shape = leaves.find((l) => l.type !== 'text' && (l as { className?: string }).className === 'jf-shape') ?? leaves.find((l) => l.type !== 'text');
  return (shape ? leafBox(shape) : unionBox(leaves.map(leafBox))) ?? { x: 0, y: 0, w: 0, h: 0 };
}

function laneCell(leaves: Leaf[], lane: { id: string; box: Box }, unit: Unit): Cell {
  const rects = leaves.filter((l): l is Extract<Leaf, { type: 'rect' }> => l.type === 'rect');
  const band = rects[0];
  const header = rects[1];
  const text = leaves.find(isText);
  // A header as wide as the band sits on top (lanes as columns); otherwise it runs down the left side.
  const onTop = !header || Math.abs(header.w - band.w) < 1;
  const s = style({
    horizontal: onTop ? 1 : 0,
    startSize: header ? (onTop ? header.h : header.w) : 0,
    html: 0, collapsible: 0, container: 1,
    fillColor: header?.fill ?? band.fill, swimlaneFillColor: band.fill, strokeColor: band.stroke ?? 'none',
    ...(text ? fontStyle(text) : {}),
  }, 'swimlane');
  return { id: lane.id, parent: '1', value: label(text), style: s, kind: 'vertex', box: lane.box, tooltip: unit.tooltip };
}

function nodeCells(leaves: Leaf[], node: { id: string; box: Box }, lane: { id: string; box: Box } | undefined, unit: Unit, link: string | undefined, decorId: () => string): Cell[] {
  const shapeLeaf = leaves.find((l) => l.type !== 'text');
  const texts = leaves.filter(isText);
  const main = texts.find((t) => t.className === 'jf-label') ?? texts[0];
  const b = node.box;
  const placement: Record<string, string | number | undefined> = { html: 0, spacing: 0, verticalAlign: 'top' };
  if (main) {
    // Our label keeps its place in the node; draw.io is told where by alignment and spacing.
    const tb = textBox(main);
    const anchor = main.style.anchor ?? 'start';
    Object.assign(placement, { align: anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left', spacingTop: tb.y - b.y, spacingLeft: anchor === 'start' ? tb.x - b.x : undefined, spacingRight: anchor === 'end' ? b.x + b.w - tb.x - tb.w : undefined, ...fontStyle(main) });
  }
  const paint = shapeLeaf ? paintStyle(shapeLeaf) : { fillColor: 'none', strokeColor: 'none' };
  const s = style({ whiteSpace: 'nowrap', ...paint, ...placement }, shapeLeaf ? shapeStyle(shapeLeaf.shape, shapeLeaf, b) : 'text');
  const out: Cell[] = [{ id: node.id, parent: lane?.id ?? '1', value: label(main), style: s, kind: 'vertex', box: rel(b, lane?.box), link, tooltip: unit.tooltip }];
  // Details, badges and markers become children, so moving the node moves them too.
  for (const l of leaves) if (l !== shapeLeaf && l !== main) out.push(...decorCells(l, node.id, b, decorId));
  return out;
}

function edgeCells(leaves: Leaf[], unit: Unit, nodes: Map<string, { id: string; box: Box }>, id: string, decorId: () => string): Cell[] {
  const path = leaves.find((l): l is Extract<Leaf, { type: 'path' }> => l.type === 'path');
  if (!path) return leaves.flatMap((l) => decorCells(l, '1', undefined, decorId));
  const texts = leaves.filter(isText);
  const bg = leaves.find((l): l is Extract<Leaf, { type: 'rect' }> => l.type === 'rect');
  const route = routeOf(parsePath(path.d)).points;
  const src = unit.from ? nodes.get(unit.from) : undefined;
  const dst = unit.to ? nodes.get(unit.to) : undefined;
  const start = route[0];
  const end = route[route.length - 1];
  // Pin both ends where our router put them, so draw.io keeps the ports instead of re-aiming at centres.
  const frac = (p: Point, b: Box) => ({ x: b.w ? (p[0] - b.x) / b.w : 0.5, y: b.h ? (p[1] - b.y) / b.h : 0.5 });
  const ex = src ? frac(start, src.box) : undefined;
  const en = dst ? frac(end, dst.box) : undefined;
  const first = texts[0];
  const s = style({
    edgeStyle: 'none', rounded: 1, html: 0, endArrow: path.markerEnd ? 'block' : 'none', endFill: 1, endSize: 6,
    ...paintStyle(path), fillColor: undefined,
    exitX: ex?.x, exitY: ex?.y, exitPerimeter: ex ? 0 : undefined, entryX: en?.x, entryY: en?.y, entryPerimeter: en ? 0 : undefined,
    ...(first ? fontStyle(first) : {}), labelBackgroundColor: bg?.fill, labelBorderColor: bg?.stroke,
  });
  const value = texts.map((t) => t.lines.join('\n')).join('\n');
  let offset: Point | undefined;
  if (texts.length) {
    const lb = unionBox(texts.map(textBox))!;
    const mid = midpoint(route);
    offset = [lb.x + lb.w / 2 - mid[0], lb.y + lb.h / 2 - mid[1]];
  }
  const cell: Cell = {
    id, parent: '1', value, style: s, kind: 'edge', source: src?.id, target: dst?.id, tooltip: unit.tooltip,
    route: { points: route.slice(1, -1), sourcePoint: start, targetPoint: end, offset },
  };
  const rest = leaves.filter((l) => l !== path && l !== bg && !isText(l));
  return [cell, ...rest.flatMap((l) => decorCells(l, '1', undefined, decorId))];
}

function midpoint(points: Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const len = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    if (left <= len && len > 0) return [points[i - 1][0] + ((points[i][0] - points[i - 1][0]) * left) / len, points[i - 1][1] + ((points[i][1] - points[i - 1][1]) * left) / len];
    left -= len;
  }
  return points[points.length - 1];
}

/** Any other leaf: a text cell, a plain vertex, or (open paths) an unconnected line per subpath. */
function decorCells(leaf: Leaf, parent: string, origin: Box | undefined, nextId: () => string, link?: string): Cell[] {
  if (leaf.type === 'text') {
    const tb = textBox(leaf);
    const anchor = leaf.style.anchor ?? 'start';
    const s = style({ html: 0, spacing: 0, align: anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left', verticalAlign: 'top', fillColor: 'none', strokeColor: 'none', ...fontStyle(leaf) }, 'text');
    return [{ id: nextId(), parent, value: label(leaf), style: s, kind: 'vertex', box: rel(tb, origin), link }];
  }
  if (leaf.type === 'path') {
    const cmds = parsePath(leaf.d);
    const closed = cmds.some((c) => c.op === 'Z');
    if (!closed || !leaf.fill || leaf.fill === 'none') return openPathCells(leaf, cmds, parent, origin, nextId);
  }
  const b = leafBox(leaf)!;
  const s = style({ html: 0, ...paintStyle(leaf as { fill?: string }, '#000000') }, leafShape(leaf));
  return [{ id: nextId(), parent, value: '', style: s, kind: 'vertex', box: rel(b, origin), link }];
}

function openPathCells(leaf: Extract<Leaf, { type: 'path' }>, cmds: PathCommand[], parent: string, origin: Box | undefined, nextId: () => string): Cell[] {
  const out: Cell[] = [];
  const shift = (p: Point): Point => (origin ? [p[0] - origin.x, p[1] - origin.y] : p);
  // One line per subpath: draw.io edges have a single route.
  const subpaths: PathCommand[][] = [];
  for (const c of cmds) { if (c.op === 'M' || !subpaths.length) subpaths.push([]); subpaths[subpaths.length - 1].push(c); }
  for (const sub of subpaths) {
    const { points, curved } = routeOf(sub);
    if (points.length < 2) continue;
    const route = points;
    const s = style({ edgeStyle: 'none', curved: curved ? 1 : undefined, rounded: curved ? undefined : 0, html: 0, endArrow: leaf.markerEnd ? 'block' : 'none', endFill: 1, startArrow: 'none', ...paintStyle(leaf), fillColor: undefined });
    out.push({ id: nextId(), parent, value: '', style: s, kind: 'edge', route: { points: route.slice(1, -1).map(shift), sourcePoint: shift(route[0]), targetPoint: shift(route[route.length - 1]) } });
  }
  return out;
}
