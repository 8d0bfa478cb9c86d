/**
 * Marks a laid-out scene with a diff: `jf-added`, `jf-removed`, `jf-changed` on the groups named by
 * the marks, each told by colour AND a second cue (outline style and a +/−/~ badge inside the
 * element's box), old values in the tooltip; plus the legend. Colours are literal values.
 */
import { measureLine } from '../layout/text.js';
import type { Theme } from '../render/themes.js';
import { pointAlong, r1, type Box, type Point } from '../scene/geometry.js';
import { textBlock } from '../scene/text.js';
import type { Scene, SceneItem } from '../scene/types.js';
import type { ElementMark, LegendEntry, Mark, SceneMarks } from '../kinds/types.js';
import { edgeKey } from './common.js';

export const DIFF_COLOURS: Record<Mark, string> = { added: '#16a34a', removed: '#8b95a1', changed: '#d97706' };
export const GLYPH: Record<Mark, string> = { added: '+', removed: '−', changed: '~' };
/** Outline per mark: added dashed and thick, changed solid and thick, removed faded and dotted. */
const OUTLINE: Record<Mark, { width: number; dash?: string }> = { added: { width: 3, dash: '7 3' }, changed: { width: 3 }, removed: { width: 1.5, dash: '3 3' } };
const FADE = 0.4;
const ARROW = 'M0,0 L10,5 L0,10 z';
export const BADGE_W = 18;
const BADGE_H = 16;

type Group = Extract<SceneItem, { type: 'group' }>;
type Shape = Extract<SceneItem, { type: 'rect' | 'ellipse' | 'polygon' | 'path' }>;

const isShape = (it: SceneItem): it is Shape => it.type === 'rect' || it.type === 'ellipse' || it.type === 'polygon' || it.type === 'path';

/** Every point a path's absolute commands name (end and control points; an arc by its end point). */
export function pathPoints(d: string): Point[] {
  const pts: Point[] = [];
  let cur: Point = [0, 0];
  const re = /([MLHVQCSTAZ])([^MLHVQCSTAZ]*)/gi;
  for (const m of d.matchAll(re)) {
    const nums = (m[2].match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []).map(Number);
    const cmd = m[1].toUpperCase();
    if (cmd === 'H') for (const x of nums) { cur = [x, cur[1]]; pts.push(cur); }
    else if (cmd === 'V') for (const y of nums) { cur = [cur[0], y]; pts.push(cur); }
    else if (cmd === 'A') for (let i = 0; i + 6 < nums.length; i += 7) { cur = [nums[i + 5], nums[i + 6]]; pts.push(cur); }
    else for (let i = 0; i + 1 < nums.length; i += 2) { cur = [nums[i], nums[i + 1]]; pts.push(cur); }
  }
  return pts;
}

export function shapeBox(s: Shape): Box {
  if (s.type === 'rect') return { x: s.x, y: s.y, w: s.w, h: s.h };
  if (s.type === 'ellipse') return { x: s.cx - s.rx, y: s.cy - s.ry, w: 2 * s.rx, h: 2 * s.ry };
  const pts = s.type === 'polygon' ? s.points : pathPoints(s.d);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** A +/−/~ badge: a filled pill with its glyph inside, top-left corner at (x, y). */
export function badge(mark: Mark, x: number, y: number): SceneItem {
  const size = 12;
  const glyph = { lines: [GLYPH[mark]], width: measureLine(GLYPH[mark], size, 'bold'), height: size * 1.3, lineHeight: size * 1.3 };
  return {
    type: 'group',
    className: `jf-diff-badge jf-badge-${mark}`,
    children: [
      { type: 'rect', x: r1(x), y: r1(y), w: BADGE_W, h: BADGE_H, rx: BADGE_H / 2, fill: DIFF_COLOURS[mark], stroke: '#ffffff', strokeWidth: 1, className: 'jf-diff-badge-box' },
      textBlock(glyph, r1(x + BADGE_W / 2), r1(y + (BADGE_H - glyph.lineHeight) / 2), { size, weight: 'bold', fill: '#ffffff' }),
    ],
  };
}

/** Fades everything under `it` (removed elements): shapes get opacity and a dotted outline, text grey. */
function fade(it: SceneItem): void {
  if (it.type === 'group') { it.children.forEach(fade); return; }
  if (it.type === 'text') { it.style = { ...it.style, fill: DIFF_COLOURS.removed }; return; }
  it.opacity = FADE;
  if (it.stroke) it.dash = OUTLINE.removed.dash;
}

function outline(s: Shape, mark: Mark): void {
  if (mark === 'removed') return;
  s.stroke = DIFF_COLOURS[mark];
  s.strokeWidth = OUTLINE[mark].width;
  s.dash = OUTLINE[mark].dash;
}

function annotate(g: Group, m: ElementMark): void {
  g.className = `${g.className ?? ''} jf-${m.mark}`.trim();
  g.attrs = { ...(g.attrs ?? {}), 'data-diff': m.mark };
  g.tooltip = g.tooltip ? `${g.tooltip}\n\n${m.note}` : m.note;
}

/** First shape of a group (depth first): the node's box, the header box of a lane or stage. */
function firstShape(g: Group, className?: string): Shape | undefined {
  for (const c of g.children) {
    if (isShape(c) && (!className || c.className === className)) return c;
    if (c.type === 'group') { const s = firstShape(c, className); if (s) return s; }
  }
  return undefined;
}

function markNode(g: Group, m: ElementMark, onBorder: boolean): SceneItem[] {
  annotate(g, m);
  const shape = firstShape(g, 'jf-shape') ?? firstShape(g);
  if (m.mark === 'removed') fade(g);
  if (!shape) return [];
  outline(shape, m.mark);
  const b = shapeBox(shape);
  // Boxes that could not grow (journey steps) carry the badge on their top border, off the text.
  return [badge(m.mark, b.x + b.w - BADGE_W - (onBorder ? 8 : 3), onBorder ? b.y - BADGE_H / 2 : b.y + 3)];
}

function markBand(g: Group, m: ElementMark): SceneItem[] {
  annotate(g, m);
  const header = firstShape(g, 'jf-lane-header') ?? firstShape(g, 'jf-stage-header-box') ?? firstShape(g);
  if (m.mark === 'removed') fade(g);
  if (!header) return [];
  outline(header, m.mark);
  const b = shapeBox(header);
  return [badge(m.mark, b.x + b.w - BADGE_W - 4, b.y + 8)];
}

function markEdge(g: Group, m: ElementMark): SceneItem[] {
  annotate(g, m);
  const path = g.children.find((c): c is Extract<SceneItem, { type: 'path' }> => c.type === 'path');
  if (m.mark === 'removed') fade(g);
  if (!path) return [];
  path.stroke = DIFF_COLOURS[m.mark];
  if (path.markerEnd) path.markerEnd = `arrow-${m.mark}`;
  if (m.mark === 'added') path.strokeWidth = (path.strokeWidth ?? 1.5) + 1.5;
  if (m.mark === 'changed') { path.strokeWidth = (path.strokeWidth ?? 1.5) + 1; path.dash = '10 3 2 3'; }
  // The label (often what changed: a condition, a rate) is outlined like a node.
  const labelBox = firstShape(g, 'jf-edge-label-bg');
  if (labelBox && m.mark !== 'removed') { outline(labelBox, m.mark); labelBox.strokeWidth = 2; }
  const pts = pathPoints(path.d);
  if (pts.length < 2) return [];
  const [x, y] = pointAlong(pts, 0.3);
  return [badge(m.mark, x - BADGE_W / 2, y - BADGE_H / 2)];
}

/**
 * Applies the marks in place and returns the scene with badges drawn above each marked element's
 * layer (badges of nodes after the node, so nothing covers them).
 */
export function markScene(scene: Scene, marks: SceneMarks, options: { badgeOnBorder?: boolean } = {}): { scene: Scene; used: Set<Mark> } {
  const used = new Set<Mark>();
  const seenEdges = new Map<string, number>();
  const walk = (items: SceneItem[]): SceneItem[] => {
    const out: SceneItem[] = [];
    for (const it of items) {
      out.push(it);
      if (it.type !== 'group') continue;
      const cls = (it.className ?? '').split(/\s+/);
      const a = it.attrs ?? {};
      let extra: SceneItem[] = [];
      let m: ElementMark | undefined;
      if (cls.includes('jf-node') && a['data-id'] !== undefined && (m = marks.nodes.get(a['data-id']))) extra = markNode(it, m, options.badgeOnBorder === true);
      else if (cls.includes('jf-edge') && a['data-from'] !== undefined && a['data-to'] !== undefined) {
        const base = `${a['data-from']}\u0000${a['data-to']}`;
        const n = seenEdges.get(base) ?? 0;
        seenEdges.set(base, n + 1);
        if ((m = marks.edges.get(edgeKey(a['data-from'], a['data-to']!, n)))) extra = markEdge(it, m);
      } else if ((cls.includes('jf-lane') || cls.includes('jf-stage')) && a['data-id'] !== undefined && (m = marks.groups.get(a['data-id']))) extra = markBand(it, m);
      else {
        // A removed journey step's cells in every row (channels, thoughts, pains…) fade with it;
        // its step box inside is marked as usual, its badge added after the fading.
        if (cls.includes('jf-cell') && a['data-step'] !== undefined && marks.nodes.get(a['data-step'])?.mark === 'removed') fade(it);
        it.children = walk(it.children);
      }
      if (m) used.add(m.mark);
      // A stage's steps sit in rows, not in the stage group; a lane's nodes likewise: nothing nested to walk.
      out.push(...extra);
    }
    return out;
  };
  const items = walk(scene.items);
  const markers = [...scene.markers, ...(['added', 'removed', 'changed'] as const).map((k) => ({ id: `arrow-${k}`, d: ARROW, fill: DIFF_COLOURS[k] }))];
  return { scene: { ...scene, items, markers, rootClasses: [...(scene.rootClasses ?? []), 'jf-diff'] }, used };
}

const LEGEND_SIZE = 12;
const PAD = 24;

/** Adds the legend (`jf-legend jf-diff-legend`) under the diagram and grows the scene to hold it. */
export function addLegend(scene: Scene, entries: readonly LegendEntry[], theme: Theme): Scene {
  const top = scene.height - PAD + 14;
  const children: SceneItem[] = [];
  let x = PAD;
  const text = (s: string, at: number) => textBlock({ lines: [s], width: measureLine(s, LEGEND_SIZE), height: LEGEND_SIZE * 1.3, lineHeight: LEGEND_SIZE * 1.3 }, at, top + (20 - LEGEND_SIZE * 1.3) / 2, { size: LEGEND_SIZE, fill: theme.text, anchor: 'start' });
  for (const e of entries) {
    if (e.mark) {
      const o = OUTLINE[e.mark];
      children.push({ type: 'rect', x, y: top, w: 34, h: 20, rx: 4, fill: theme.background, stroke: DIFF_COLOURS[e.mark], strokeWidth: o.width, dash: o.dash, opacity: e.mark === 'removed' ? FADE + 0.2 : undefined, className: `jf-legend-swatch jf-legend-${e.mark}` });
      children.push(badge(e.mark, x + 8, top + 2));
      x += 40;
    } else if (e.line) {
      children.push({ type: 'path', d: `M${r1(x)},${r1(top + 10)} H${r1(x + 34)}`, stroke: e.line.colour, strokeWidth: 2, dash: e.line.dash, className: 'jf-legend-line' });
      x += 40;
    }
    children.push(text(e.text, x));
    x += measureLine(e.text, LEGEND_SIZE) + 22;
  }
  const legend: SceneItem = { type: 'group', className: 'jf-legend jf-diff-legend', children };
  return { ...scene, items: [...scene.items, legend], width: Math.max(scene.width, x + PAD), height: top + 20 + PAD };
}
