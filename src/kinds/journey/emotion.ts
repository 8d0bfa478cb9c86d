import { wrapText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { r1, type Point } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import { wordsOf } from '../../model/locale.js';
import { scoreFor, scoreFraction, type JourneyModel, type JourneyStep } from './model.js';

export const EMOTION_H = 168;
const TOP_ROOM = 28; // room above the best score for its label
const BOTTOM_ROOM = 16;
const DASHES = [undefined, '9 5', '2 4', '12 4 2 4', '6 3'];

/** One curve per persona (`personas:`), else one curve for the journey's customer. */
export interface EmotionSeries { persona?: string; name: string; colour: string; dash?: string }

export function emotionSeries(model: JourneyModel, theme: Theme): EmotionSeries[] {
  const named = model.singlePersona ? [] : model.personas;
  if (!named.length) return [{ name: model.personas[0]?.name ?? '', colour: theme.accent }];
  return named.map((p, i) => ({ persona: p.id, name: p.name, colour: theme.series[i % theme.series.length], dash: DASHES[i % DASHES.length] }));
}

/** Score bucket 0 (lowest fifth) .. 4 (highest fifth). */
export const bucketOf = (fraction: number) => Math.min(4, Math.floor(fraction * 5));

/** A marker whose shape tells the score as well as its colour: ▼ ◆ ● ■ ▲ from worst to best. */
export function markerShape(bucket: number, cx: number, cy: number, fill: string, stroke: string, strokeWidth: number): SceneItem {
  const r = 7;
  const paint = { fill, stroke, strokeWidth, className: 'jf-emotion-marker' };
  const poly = (pts: Array<[number, number]>): SceneItem => ({ type: 'polygon', points: pts.map(([x, y]) => [r1(x), r1(y)] as [number, number]), ...paint });
  switch (bucket) {
    case 0: return poly([[cx - r - 1, cy - r + 1], [cx + r + 1, cy - r + 1], [cx, cy + r + 1]]);
    case 1: return poly([[cx, cy - r - 1], [cx + r + 1, cy], [cx, cy + r + 1], [cx - r - 1, cy]]);
    case 2: return { type: 'ellipse', cx, cy, rx: r, ry: r, ...paint };
    case 3: return { type: 'rect', x: cx - r + 1, y: cy - r + 1, w: 2 * r - 2, h: 2 * r - 2, rx: 1.5, ...paint };
    default: return poly([[cx, cy - r - 1], [cx + r + 1, cy + r - 1], [cx - r - 1, cy + r - 1]]);
  }
}

/** Smooth path through points with increasing x that never overshoots them (monotone cubic, Fritsch–Carlson). */
export function monotonePath(pts: readonly Point[]): string {
  if (!pts.length) return '';
  if (pts.length === 1) return `M${r1(pts[0][0])},${r1(pts[0][1])}`;
  const n = pts.length;
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) d.push((pts[i + 1][1] - pts[i][1]) / (pts[i + 1][0] - pts[i][0] || 1));
  const m: number[] = [d[0]];
  for (let i = 1; i < n - 1; i++) m.push(d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2);
  m.push(d[n - 2]);
  for (let i = 0; i < n - 1; i++) {
    if (d[i] === 0) { m[i] = 0; m[i + 1] = 0; continue; }
    const a = m[i] / d[i];
    const b = m[i + 1] / d[i];
    const s = a * a + b * b;
    if (s > 9) { const t = 3 / Math.sqrt(s); m[i] = t * a * d[i]; m[i + 1] = t * b * d[i]; }
  }
  let path = `M${r1(pts[0][0])},${r1(pts[0][1])}`;
  for (let i = 0; i < n - 1; i++) {
    const h = (pts[i + 1][0] - pts[i][0]) / 3;
    path += ` C${r1(pts[i][0] + h)},${r1(pts[i][1] + m[i] * h)} ${r1(pts[i + 1][0] - h)},${r1(pts[i + 1][1] - m[i + 1] * h)} ${r1(pts[i + 1][0])},${r1(pts[i + 1][1])}`;
  }
  return path;
}

/** Where a score sits in an emotion row of height `h` from `y`: best at the top, with room for labels above and below. */
export function emotionY(score: number, scale: { min: number; max: number }, y: number, h: number): number {
  return y + TOP_ROOM + (1 - scoreFraction(score, scale)) * (h - TOP_ROOM - BOTTOM_ROOM);
}

/** Sideways shift of series `k` of `n`, so several personas' markers at one step stand side by side. */
export const seriesOffset = (k: number, n: number): number => (n > 1 ? (k - (n - 1) / 2) * 9 : 0);

export interface EmotionInput {
  model: JourneyModel;
  steps: Array<{ step: JourneyStep; cx: number }>;
  /** The row's grid area (right of the label column) and the label column's right edge. */
  y: number;
  h: number;
  gridX: number;
  gridW: number;
  theme: Theme;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** The emotion lane: guide lines per score, one `jf-emotion` curve per series, and a marker per step score. */
export function emotionItems({ model, steps, y, h, gridX, gridW, theme }: EmotionInput): SceneItem[] {
  const { min, max } = model.scale;
  const { colon, aside } = wordsOf(model.locale);
  const yOf = (score: number) => emotionY(score, model.scale, y, h);
  const items: SceneItem[] = [];
  // Guide lines at whole scores (at most 11), labelled at the left edge of the grid.
  const guides: SceneItem[] = [];
  if (max > min && max - min <= 10) {
    for (let s = Math.ceil(min); s <= max; s++) {
      const gy = yOf(s);
      guides.push({ type: 'path', d: `M${r1(gridX)},${r1(gy)} H${r1(gridX + gridW)}`, stroke: theme.border, strokeWidth: s === (min + max) / 2 ? 1 : 0.6, dash: '3 4', className: 'jf-emotion-guide' });
      const t = wrapText(fmt(s), 10, 30);
      guides.push(textBlock(t, gridX - 6, gy - t.height / 2, { size: 10, fill: theme.mutedText, anchor: 'end' }, 'jf-emotion-tick'));
    }
  }
  items.push({ type: 'group', className: 'jf-emotion-scale', children: guides });
  const series = emotionSeries(model, theme);
  const multi = series.length > 1;
  series.forEach((s, k) => {
    const offset = seriesOffset(k, series.length);
    const points: Array<{ p: Point; score: number; step: JourneyStep }> = [];
    for (const { step, cx } of steps) {
      const e = scoreFor(step, s.persona);
      if (e) points.push({ p: [cx + offset, yOf(e.score)], score: e.score, step });
    }
    if (!points.length) return;
    const curve: SceneItem = {
      type: 'path',
      d: monotonePath(points.map((q) => q.p)),
      stroke: s.colour,
      strokeWidth: 2.5,
      dash: s.dash,
      className: 'jf-emotion',
      attrs: s.persona !== undefined ? { 'data-persona': s.persona } : undefined,
    };
    const markers: SceneItem[] = points.map((q) => {
      const bucket = bucketOf(scoreFraction(q.score, model.scale));
      const children: SceneItem[] = [markerShape(bucket, q.p[0], q.p[1], theme.emotion[bucket], multi ? s.colour : theme.background, multi ? 2 : 1.5)];
      if (!multi) {
        const t = wrapText(fmt(q.score), 11, 40, 'bold');
        children.push(textBlock(t, q.p[0], q.p[1] - 10 - t.height, { size: 11, weight: 'bold', fill: theme.emotion[bucket] }, 'jf-emotion-score'));
      }
      return {
        type: 'group',
        className: 'jf-emotion-point',
        attrs: { 'data-step': q.step.id, 'data-score': fmt(q.score), ...(s.persona !== undefined ? { 'data-persona': s.persona } : {}) },
        tooltip: `${s.name ? `${s.name}${colon}` : ''}${q.step.label} — ${fmt(q.score)}${aside(`${min}..${max}`)}`,
        children,
      };
    });
    items.push({ type: 'group', className: 'jf-emotion-series', attrs: s.persona !== undefined ? { 'data-persona': s.persona } : undefined, children: [curve, ...markers] });
  });
  return items;
}

/** Legend of the persona curves (colour and dash), drawn in the emotion row's label cell. */
export function emotionLegend(series: readonly EmotionSeries[], x: number, y: number, w: number, theme: Theme): { items: SceneItem[]; h: number } {
  if (series.length < 2) return { items: [], h: 0 };
  const items: SceneItem[] = [];
  let top = y;
  for (const s of series) {
    const t = wrapText(s.name, 11, w - 30, 'normal');
    items.push(
      { type: 'path', d: `M${r1(x)},${r1(top + 7)} H${r1(x + 22)}`, stroke: s.colour, strokeWidth: 2.5, dash: s.dash },
      textBlock(t, x + 28, top, { size: 11, fill: theme.text, anchor: 'start' }),
    );
    top += t.height + 6;
  }
  return { items: [{ type: 'group', className: 'jf-legend', children: items }], h: top - y };
}
