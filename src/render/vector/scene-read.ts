import { measureLine } from '../../layout/text.js';
import type { Box } from '../../scene/geometry.js';
import { BASELINE_FROM_MIDDLE } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import { flattenPath, parsePath } from './path.js';

export type Leaf = Exclude<SceneItem, { type: 'group' }>;
export type TextItem = Extract<SceneItem, { type: 'text' }>;

/** What a group of the SVG contract stands for: the units people move around in an editor. */
export type UnitRole = 'node' | 'edge' | 'lane';

export interface Unit {
  role: UnitRole;
  /** Stable key: node and lane id, or `from-to-to-n` for edges (n counts parallel edges). */
  key: string;
  id: string;
  lane?: string;
  from?: string;
  to?: string;
  classes: string[];
  link?: string;
  tooltip?: string;
}

export interface LeafVisit {
  leaf: Leaf;
  /** The outermost node, edge or lane group the leaf belongs to, if any. */
  unit?: Unit;
  /** The nearest link of an enclosing group (a node's `link` or `ref`). */
  link?: string;
}

function roleOf(classes: string[]): UnitRole | undefined {
  if (classes.includes('jf-node')) return 'node';
  if (classes.includes('jf-edge')) return 'edge';
  if (classes.includes('jf-lane')) return 'lane';
  return undefined;
}

/**
 * Every drawn leaf of a scene in paint order, each with the unit it belongs to. Office renderers
 * group, link and name shapes by unit; the scene itself stays the only source of geometry.
 */
export function sceneLeaves(scene: Scene): LeafVisit[] {
  const out: LeafVisit[] = [];
  const edgeCount = new Map<string, number>();
  const walk = (items: readonly SceneItem[], unit: Unit | undefined, link: string | undefined) => {
    for (const it of items) {
      if (it.type !== 'group') { out.push({ leaf: it, unit, link }); continue; }
      let u = unit;
      const classes = (it.className ?? '').split(/\s+/).filter(Boolean);
      const role = unit ? undefined : roleOf(classes);
      if (role) {
        const a = it.attrs ?? {};
        let key = a['data-id'] ?? '';
        if (role === 'edge') {
          // Ids are [a-z0-9_-], so this key is a valid XML name part and a readable shape name.
          const base = `${a['data-from']}-to-${a['data-to']}`;
          const n = edgeCount.get(base) ?? 0;
          edgeCount.set(base, n + 1);
          key = `${base}-${n}`;
        }
        u = { role, key, id: a['data-id'] ?? key, lane: a['data-lane'], from: a['data-from'], to: a['data-to'], classes, link: it.link, tooltip: it.tooltip };
      }
      walk(it.children, u, it.link ?? link);
    }
  };
  walk(scene.items, undefined, undefined);
  return out;
}

/** Width of each line and the box of a text item, measured with the same metrics as layout. */
export function textBox(t: TextItem): Box & { lineWidths: number[] } {
  const weight = t.style.weight === 'bold' ? 'bold' : 'normal';
  const lineWidths = t.lines.map((l) => measureLine(l, t.style.size, weight));
  const w = Math.max(0, ...lineWidths);
  const top = t.y - t.lineHeight / 2 - t.style.size * BASELINE_FROM_MIDDLE;
  const anchor = t.style.anchor ?? 'start';
  const x = anchor === 'middle' ? t.x - w / 2 : anchor === 'end' ? t.x - w : t.x;
  return { x, y: top, w, h: t.lines.length * t.lineHeight, lineWidths };
}

function pointsBox(points: ReadonlyArray<readonly [number, number]>): Box | undefined {
  if (!points.length) return undefined;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Bounding box of a leaf (a path's by its sampled outline). */
export function leafBox(it: Leaf): Box | undefined {
  switch (it.type) {
    case 'rect': return { x: it.x, y: it.y, w: it.w, h: it.h };
    case 'ellipse': return { x: it.cx - it.rx, y: it.cy - it.ry, w: 2 * it.rx, h: 2 * it.ry };
    case 'polygon': return pointsBox(it.points);
    case 'path': return pointsBox(flattenPath(parsePath(it.d)).flatMap((s) => s.points));
    case 'text': return textBox(it);
  }
}

export function unionBox(boxes: ReadonlyArray<Box | undefined>): Box | undefined {
  const pts: Array<[number, number]> = [];
  for (const b of boxes) if (b) pts.push([b.x, b.y], [b.x + b.w, b.y + b.h]);
  return pointsBox(pts);
}

/** `#rgb`/`#rrggbb` as six upper-case hex digits (office formats want no `#`); undefined for none. */
export function hexColor(c: string | undefined): string | undefined {
  if (!c || c === 'none' || c === 'transparent') return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((ch) => ch + ch).join('') : m[1];
  return h.toUpperCase();
}

/** Dash pattern numbers of an SVG `stroke-dasharray` value. */
export function dashArray(dash: string | undefined): number[] | undefined {
  if (!dash) return undefined;
  const n = dash.split(/[\s,]+/).map(Number).filter((v) => Number.isFinite(v) && v > 0);
  return n.length ? n : undefined;
}

/** Fonts named for office suites: Latin first, then the East Asian face PowerPoint and LibreOffice pick for 中文. */
export const OFFICE_FONTS = { latin: 'Noto Sans SC', eastAsian: 'Microsoft YaHei', fallback: ['Noto Sans CJK SC', 'PingFang SC', 'Source Han Sans SC', 'sans-serif'] } as const;
