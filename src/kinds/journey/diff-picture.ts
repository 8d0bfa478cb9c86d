/**
 * Journeys in a diff picture: the old emotion curve of each persona drawn dashed beside the new one
 * (`jf-emotion jf-emotion-old`), and at each step whose score moved a label "−2 → +1".
 */
import { wordsOf } from '../../model/locale.js';
import { wordsFor } from './labels.js';
import { shapeBox } from '../../diff/mark.js';
import { measureLine } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { r1, type Point } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import type { DiagramDiff, LayoutEnv, LegendEntry } from '../types.js';
import { formatScore, type EmotionChange, type JourneyDiff } from './diff.js';
import { emotionSeries, emotionY, monotonePath, seriesOffset } from './emotion.js';
import { scoreFor, type JourneyModel } from './model.js';

const OLD_DASH = '5 4';
const DELTA_SIZE = 10;

type Group = Extract<SceneItem, { type: 'group' }>;

function findGroups(items: SceneItem[], test: (g: Group) => boolean, out: Group[] = []): Group[] {
  for (const it of items) {
    if (it.type !== 'group') continue;
    if (test(it)) out.push(it);
    findGroups(it.children, test, out);
  }
  return out;
}

const hasClass = (g: Group, c: string) => (g.className ?? '').split(/\s+/).includes(c);

/** Draws the old curves and the per-step changes into the emotion row of a laid-out union journey. */
function overlayOldEmotion(scene: Scene, oldModel: JourneyModel, newModel: JourneyModel, d: Pick<JourneyDiff, 'oldSteps' | 'emotionChanges'>, theme: Theme): boolean {
  const row = findGroups(scene.items, (g) => hasClass(g, 'jf-row-emotion'))[0];
  if (!row) return false;
  const box = findGroups(row.children, (g) => hasClass(g, 'jf-row-label'))[0]?.children.find((c) => c.type === 'rect');
  if (!box || box.type !== 'rect') return false;
  const y = box.y;
  const h = box.h;
  const centres = new Map<string, number>();
  for (const g of findGroups(scene.items, (g) => hasClass(g, 'jf-step'))) {
    const shape = g.children.find((c) => c.type === 'rect');
    if (shape && shape.type === 'rect' && g.attrs?.['data-id'] !== undefined) { const b = shapeBox(shape); centres.set(g.attrs['data-id'], b.x + b.w / 2); }
  }
  const newSeries = emotionSeries(newModel, theme);
  const oldSeries = emotionSeries(oldModel, theme);
  const yOf = (score: number, scale: { min: number; max: number }) => emotionY(score, scale, y, h);
  const layer: SceneItem[] = [];
  const w = wordsFor(newModel);
  oldSeries.forEach((s, k) => {
    const ni = newSeries.findIndex((n) => n.persona === s.persona);
    const colour = ni >= 0 ? newSeries[ni].colour : s.colour;
    const offset = ni >= 0 ? seriesOffset(ni, newSeries.length) : seriesOffset(k, oldSeries.length);
    const points: Point[] = [];
    for (const { unionId, step } of d.oldSteps) {
      const e = scoreFor(step, s.persona);
      const cx = centres.get(unionId);
      // Old scores are placed on the new scale, so both curves are read against the same guides.
      if (e && cx !== undefined) points.push([cx + offset, yOf(e.score, newModel.scale)]);
    }
    if (!points.length) return;
    points.sort((p, q) => p[0] - q[0]);
    const attrs = s.persona !== undefined ? { 'data-persona': s.persona } : undefined;
    layer.push({
      type: 'group',
      className: 'jf-emotion-series-old',
      attrs,
      tooltip: `${s.name ? `${s.name}${w.colon}` : ''}${w.diff.oldEmotion}`,
      children: [
        { type: 'path', d: monotonePath(points), stroke: colour, strokeWidth: 1.8, dash: OLD_DASH, opacity: 0.75, className: 'jf-emotion jf-emotion-old', attrs },
        ...points.map((p): SceneItem => ({ type: 'ellipse', cx: r1(p[0]), cy: r1(p[1]), rx: 3.5, ry: 3.5, fill: theme.background, stroke: colour, strokeWidth: 1.5, opacity: 0.85, className: 'jf-emotion-old-point' })),
      ],
    });
  });
  for (const c of d.emotionChanges) layer.push(...deltaLabel(c, centres, newSeries.map((s) => s.persona), yOf, newModel, oldModel, theme));
  // Old curves under the new ones: insert before the first new series.
  const at = row.children.findIndex((c) => c.type === 'group' && hasClass(c, 'jf-emotion-series'));
  const curves = layer.filter((l) => l.type === 'group' && l.className === 'jf-emotion-series-old');
  const labels = layer.filter((l) => !curves.includes(l));
  row.children.splice(at < 0 ? row.children.length : at, 0, ...curves);
  row.children.push(...labels);
  return curves.length > 0;
}

function deltaLabel(c: EmotionChange, centres: Map<string, number>, personas: Array<string | undefined>, yOf: (s: number, sc: { min: number; max: number }) => number, b: JourneyModel, a: JourneyModel, theme: Theme): SceneItem[] {
  const cx = centres.get(c.unionId);
  if (cx === undefined || c.after === undefined) return [];
  const k = Math.max(0, personas.indexOf(c.persona));
  const x = cx + seriesOffset(k, personas.length) + 11;
  const text = `${formatScore(c.before, a.scale)} → ${formatScore(c.after, b.scale)}`;
  const w = measureLine(text, DELTA_SIZE, 'bold') + 8;
  const lh = DELTA_SIZE * 1.3;
  const top = yOf(c.after, b.scale) - lh / 2 - 2 + (k - (personas.length - 1) / 2) * (lh + 6);
  return [{
    type: 'group',
    className: 'jf-emotion-change',
    attrs: { 'data-step': c.unionId, ...(c.persona !== undefined ? { 'data-persona': c.persona } : {}) },
    tooltip: `${wordsFor(b).txt.emotion} ${text}`,
    children: [
      { type: 'rect', x: r1(x), y: r1(top), w: r1(w), h: r1(lh + 4), rx: 3, fill: '#b45309', stroke: theme.background, strokeWidth: 1, className: 'jf-emotion-change-box' },
      textBlock({ lines: [text], width: w - 8, height: lh, lineHeight: lh }, r1(x + 4), r1(top + 2), { size: DELTA_SIZE, weight: 'bold', fill: '#ffffff', anchor: 'start' }),
    ],
  }];
}

/**
 * The journey's diff-picture extras: old curves only where they differ from the new ones (a score
 * moved, or a step came or went), with a legend line when any was drawn.
 */
export async function decorateJourneyDiff(scene: Scene, d: DiagramDiff<JourneyModel, JourneyDiff>, env: LayoutEnv): Promise<LegendEntry[]> {
  const curveMoved = d.emotionChanges.length > 0 || d.entries.some((e) => e.element === 'step' && e.change !== 'changed');
  if (!curveMoved || !overlayOldEmotion(scene, d.old, d.new, d, env.theme)) return [];
  return [{ text: wordsOf(d.union.locale).diff.oldEmotion, line: { colour: env.theme.mutedText, dash: OLD_DASH } }];
}
