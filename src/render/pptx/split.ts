import type { Scene, SceneItem } from '../../scene/types.js';
import { parsePath, type PathCommand } from '../vector/path.js';
import { leafBox } from '../vector/scene-read.js';

/** Width over height of a 16:9 slide. */
export const SLIDE_RATIO = 16 / 9;

export interface SlideView { scene: Scene; part?: { index: number; count: number; stages: string[] } }

interface Column { id: string; x0: number; x1: number }

function stageColumns(scene: Scene): Column[] {
  const out: Column[] = [];
  for (const it of scene.items) {
    if (it.type !== 'group' || !(it.className ?? '').split(' ').includes('jf-stage')) continue;
    const col = it.children.find((c) => c.type === 'rect');
    if (col && col.type === 'rect') out.push({ id: it.attrs?.['data-id'] ?? '', x0: col.x, x1: col.x + col.w });
  }
  return out.sort((a, b) => a.x0 - b.x0);
}

/**
 * The slides of one diagram: one, or for a journey wider than a 16:9 slide (at the height it needs),
 * one per run of whole stages, each repeating the row labels on the left, so the text stays readable.
 */
export function slideViews(scene: Scene, oneSlide: boolean): SlideView[] {
  const columns = scene.kind === 'journey' && !oneSlide ? stageColumns(scene) : [];
  if (columns.length < 2 || scene.width <= scene.height * SLIDE_RATIO * 1.05) return [{ scene }];
  const gutter = columns[0].x0;
  const right = scene.width - columns[columns.length - 1].x1;
  const room = scene.height * SLIDE_RATIO - gutter - right;
  const runs: Column[][] = [];
  for (const c of columns) {
    const run = runs[runs.length - 1];
    if (run && c.x1 - run[0].x0 <= room) run.push(c); else runs.push([c]);
  }
  if (runs.length < 2) return [{ scene }];
  return runs.map((run, index) => ({
    scene: clipScene(scene, gutter, run[0].x0, run[run.length - 1].x1, right),
    part: { index, count: runs.length, stages: run.map((c) => c.id) },
  }));
}

/** Keeps the gutter [0, g] and the stage range [a, b] (moved next to the gutter); wide items are cut to fit. */
function clipScene(scene: Scene, g: number, a: number, b: number, right: number): Scene {
  const dx = g - a;
  const fx = (x: number) => (x <= g ? x : Math.min(Math.max(x, a), b) + dx);
  const keep = (it: SceneItem): SceneItem | undefined => {
    if (it.type === 'group') {
      const children = it.children.map(keep).filter((c): c is SceneItem => !!c);
      return children.length ? { ...it, children } : undefined;
    }
    const box = leafBox(it);
    if (!box) return undefined;
    const inGutter = box.x + box.w <= g + 0.5;
    const outside = box.x >= b - 0.5 || (box.x + box.w <= a + 0.5 && box.x >= g - 0.5);
    if (outside && !inGutter) return undefined;
    return mapX(it, fx);
  };
  const items = scene.items.map(keep).filter((c): c is SceneItem => !!c);
  return { ...scene, width: g + (b - a) + right, items };
}

function mapX(it: Exclude<SceneItem, { type: 'group' }>, fx: (x: number) => number): SceneItem {
  switch (it.type) {
    case 'rect': { const x0 = fx(it.x); return { ...it, x: x0, w: Math.max(0, fx(it.x + it.w) - x0) }; }
    case 'ellipse': return { ...it, cx: fx(it.cx) };
    case 'polygon': return { ...it, points: it.points.map(([x, y]) => [fx(x), y] as [number, number]) };
    case 'text': return { ...it, x: fx(it.x) };
    case 'path': return { ...it, d: pathD(parsePath(it.d), fx) };
  }
}

const f1 = (n: number) => String(Math.round(n * 10) / 10);

function pathD(cmds: readonly PathCommand[], fx: (x: number) => number): string {
  const p = (pt: readonly [number, number]) => `${f1(fx(pt[0]))},${f1(pt[1])}`;
  return cmds.map((c) => {
    switch (c.op) {
      case 'M': case 'L': return `${c.op}${p(c.to)}`;
      case 'Q': return `Q${p(c.c)} ${p(c.to)}`;
      case 'C': return `C${p(c.c1)} ${p(c.c2)} ${p(c.to)}`;
      case 'A': return `A${f1(c.rx)},${f1(c.ry)} ${f1(c.rotation)} ${c.large ? 1 : 0} ${c.sweep ? 1 : 0} ${p(c.to)}`;
      case 'Z': return 'Z';
    }
  }).join(' ');
}
