import { wrapText } from '../../layout/text.js';
import { FONT_FAMILY, type Theme } from '../../render/themes.js';
import { r1 } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import type { Box } from '../../scene/geometry.js';
import type { LayoutEnv, LayoutOptions } from '../types.js';
import { wordsOf } from '../../model/locale.js';
import { appendLegend, boxSwatch, type LegendKey } from '../../scene/legend.js';
import { countText, COUNT_SIZE, LABEL_SIZE, NOTE_SIZE, STEP_SIZE, SUBTITLE_SIZE, TITLE_SIZE } from './measure.js';
import { PAD, placeFunnel, type FunnelPlacement } from './layout.js';
import { formatPercent, type FunnelModel, type FunnelStage, type FunnelStep } from './model.js';

const SWATCH = 12;

/** The key to the bottleneck colour, when a step is drawn in it (the segments have their own legend). */
export function funnelLegend(model: FunnelModel, theme: Theme): LegendKey[] {
  if (model.largestDrop === undefined && !model.steps.some((s) => s.belowTarget)) return [];
  const text = wordsOf(model.locale).legendText.funnelRed;
  return [{ swatch: boxSwatch(theme.pain.fill, theme.bottleneck, 1), text, txt: text }];
}

/** Title and the line under it (period, overall conversion); returns where the funnel starts. */
function heading(model: FunnelModel, p: FunnelPlacement, theme: Theme): { items: SceneItem[]; bottom: number; width: number } {
  const wrapW = Math.max(320, p.width - 2 * PAD);
  const line = [model.period, model.overall !== undefined ? p.captions.overall(formatPercent(model.overall)) : ''].filter(Boolean).join(' · ');
  const title = model.title ? wrapText(model.title, TITLE_SIZE, wrapW, 'bold') : undefined;
  const subtitle = line ? wrapText(line, SUBTITLE_SIZE, wrapW) : undefined;
  const children: SceneItem[] = [];
  let y = PAD;
  if (title) { children.push(textBlock(title, PAD, y, { size: TITLE_SIZE, weight: 'bold', fill: theme.title, anchor: 'start' })); y += title.height + 6; }
  if (subtitle) { children.push(textBlock(subtitle, PAD, y, { size: SUBTITLE_SIZE, fill: theme.mutedText, anchor: 'start' }, 'jf-subtitle')); y += subtitle.height + 6; }
  const width = Math.max(title?.width ?? 0, subtitle?.width ?? 0);
  return { items: children.length ? [{ type: 'group', className: 'jf-title', children }] : [], bottom: children.length ? y + 12 : PAD, width };
}

function stageTooltip(s: FunnelStage, model: FunnelModel, p: FunnelPlacement): string {
  const parts = [s.label];
  if (s.description) parts.push(s.description);
  if (s.count !== undefined) parts.push(countText(s.count, model.unit, model.locale));
  const segLabel = new Map(model.segments.map((x) => [x.id, x.label]));
  for (const seg of s.segments) parts.push(`${segLabel.get(seg.id) ?? seg.id}${p.captions.colon}${countText(seg.count, model.unit, model.locale)}`);
  for (const x of s.pains) parts.push(`${p.captions.pains}${p.captions.colon}${x}`);
  for (const x of s.opportunities) parts.push(`${p.captions.opportunities}${p.captions.colon}${x}`);
  return parts.join('\n');
}

/** Room around a stage's row for its outline, which a diff colours: the row is the stage's box. */
const ROW_PAD = 6;

/** The bar (and its segment shares), nested in the stage's group so a diff fades it with the stage. */
function barItem(s: FunnelStage, bar: Box, model: FunnelModel, theme: Theme): SceneItem {
  const shares = segmentRects(s, bar, model, theme);
  const fill = shares.length ? 'transparent' : theme.node.fill;
  return { type: 'group', className: 'jf-bar', children: [...shares, { type: 'rect', x: r1(bar.x), y: r1(bar.y), w: r1(bar.w), h: bar.h, rx: 4, fill, stroke: theme.node.stroke, strokeWidth: 1.5, className: 'jf-bar-box' }] };
}

/**
 * One stage: its row (label, bar, figures, notes) is the node's box, drawn as a see-through rect
 * so the whole row carries the tooltip and a diff's outline; the bar inside is the data.
 */
function stageItem(s: FunnelStage, i: number, model: FunnelModel, p: FunnelPlacement, dy: number, theme: Theme, extra: number): SceneItem {
  const { bar, row, texts } = p.stages[i];
  const rowTop = row.y + dy;
  const box = { x: PAD - ROW_PAD, y: rowTop - ROW_PAD, w: p.width - 2 * PAD + 2 * ROW_PAD + extra, h: row.h + 2 * ROW_PAD };
  const children: SceneItem[] = [{ type: 'rect', x: r1(box.x), y: r1(box.y), w: r1(box.w), h: r1(box.h), rx: 6, fill: 'transparent', className: 'jf-shape' }];
  children.push(barItem(s, { ...bar, y: bar.y + dy }, model, theme));
  children.push(textBlock(texts.label, p.columns.label, rowTop + (row.h - texts.label.height) / 2, { size: LABEL_SIZE, weight: 'bold', fill: theme.text, anchor: 'start' }, 'jf-label'));
  const figures = [texts.count, texts.share].filter((t) => t !== undefined);
  let y = rowTop + (row.h - figures.reduce((h, t) => h + t.height + 2, 0)) / 2;
  if (texts.count) { children.push(textBlock(texts.count, p.columns.figures, y, { size: COUNT_SIZE, weight: 'bold', fill: theme.accent, anchor: 'start' }, 'jf-count')); y += texts.count.height + 2; }
  if (texts.share) children.push(textBlock(texts.share, p.columns.figures, y, { size: NOTE_SIZE, fill: theme.mutedText, anchor: 'start' }, 'jf-share'));
  let ny = rowTop + (row.h - texts.notes.reduce((h, n) => h + n.text.height + 4, 0)) / 2;
  for (const n of texts.notes) {
    children.push(textBlock(n.text, p.columns.notes, ny, { size: NOTE_SIZE, fill: n.role === 'pain' ? theme.pain.text : theme.opportunity.text, anchor: 'start' }, `jf-${n.role}`));
    ny += n.text.height + 4;
  }
  const attrs: Record<string, string> = { 'data-id': s.id };
  if (s.count !== undefined) attrs['data-count'] = String(s.count);
  return { type: 'group', className: 'jf-node jf-funnel-stage', attrs, tooltip: stageTooltip(s, model, p), children };
}

/** The narrowing band from one bar to the next, with the step's conversion, drop and target. */
function stepItem(step: FunnelStep, i: number, model: FunnelModel, p: FunnelPlacement, dy: number, theme: Theme): SceneItem {
  const a = p.stages[i].bar;
  const b = p.stages[i + 1].bar;
  const gap = p.steps[i];
  const largest = i === model.largestDrop;
  const colour = step.belowTarget || largest ? theme.bottleneck : theme.edge;
  const band: SceneItem = {
    type: 'polygon',
    points: [[r1(a.x), r1(a.y + a.h + dy)], [r1(a.x + a.w), r1(a.y + a.h + dy)], [r1(b.x + b.w), r1(b.y + dy)], [r1(b.x), r1(b.y + dy)]],
    fill: largest || step.belowTarget ? theme.pain.fill : theme.lane.fills[1], stroke: colour, strokeWidth: 0.8, opacity: 0.9, className: 'jf-step-band',
  };
  // The customers' way down the funnel's axis: the step's own line, which a diff colours and marks.
  const axis = a.x + a.w / 2;
  const arrow: SceneItem = { type: 'path', d: `M${r1(axis)},${r1(a.y + a.h + dy + 3)} V${r1(b.y + dy - 3)}`, stroke: colour, strokeWidth: 1.5, markerEnd: 'arrow', className: 'jf-edge-path' };
  const children: SceneItem[] = [band, arrow];
  const total = gap.texts.lines.reduce((h, l) => h + l.height, 0);
  let y = gap.top + dy + (gap.bottom - gap.top - total) / 2;
  gap.texts.lines.forEach((l, k) => {
    children.push(textBlock(l, p.columns.figures, y, { size: STEP_SIZE, weight: k === 0 ? 'bold' : 'normal', fill: k === 0 ? colour : theme.mutedText, anchor: 'start' }, k === 0 ? 'jf-conversion' : 'jf-edge-label'));
    y += l.height;
  });
  const attrs: Record<string, string> = { 'data-from': step.from, 'data-to': step.to };
  if (step.conversion !== undefined) attrs['data-conversion'] = String(Number(step.conversion.toFixed(2)));
  if (step.belowTarget) attrs['data-below-target'] = 'true';
  const classes = ['jf-edge', ...(largest ? ['jf-largest-drop'] : []), ...(step.belowTarget ? ['jf-below-target'] : [])].join(' ');
  const tip = gap.texts.lines.flatMap((l) => l.lines).join(' ');
  return { type: 'group', className: classes, attrs, tooltip: tip, children };
}

/** A bar split into its segments' shares, left to right in the order the stage lists them. */
function segmentRects(s: FunnelStage, bar: Box, model: FunnelModel, theme: Theme): SceneItem[] {
  const colour = segmentColours(model, theme);
  const total = s.segments.reduce((n, x) => n + x.count, 0);
  if (!total || !model.segments.length) return [];
  let x = bar.x;
  return s.segments.filter((seg) => colour.has(seg.id) && seg.count > 0).map((seg): SceneItem => {
    const w = (bar.w * seg.count) / total;
    const rect: SceneItem = { type: 'rect', x: r1(x), y: r1(bar.y), w: r1(w), h: bar.h, fill: colour.get(seg.id)!, opacity: 0.75, className: 'jf-segment' };
    x += w;
    return rect;
  });
}

const segmentColours = (model: FunnelModel, theme: Theme) => new Map(model.segments.map((s, i) => [s.id, theme.series[i % theme.series.length]]));

/** The legend naming the segments' colours, under the funnel. */
function segmentLegend(model: FunnelModel, top: number, x0: number, theme: Theme): SceneItem | undefined {
  if (!model.segments.length) return undefined;
  const colour = segmentColours(model, theme);
  const children: SceneItem[] = [];
  let x = x0;
  for (const s of model.segments) {
    const label = wrapText(s.label, NOTE_SIZE, 160);
    children.push({ type: 'rect', x, y: top, w: SWATCH, h: SWATCH, rx: 2, fill: colour.get(s.id)!, opacity: 0.75 });
    children.push(textBlock(label, x + SWATCH + 6, top + (SWATCH - label.height) / 2, { size: NOTE_SIZE, fill: theme.text, anchor: 'start' }));
    x += SWATCH + 6 + label.width + 18;
  }
  return { type: 'group', className: 'jf-legend', children };
}

/**
 * Lays out and styles a funnel. `widenBoxes` (the diff picture) lengthens the marked stages' rows
 * at their right end, leaving room for a badge beside the figures.
 */
export function funnelScene(model: FunnelModel, env: LayoutEnv, options: LayoutOptions = {}): Scene {
  const theme = env.theme;
  const p = placeFunnel(model);
  const head = heading(model, p, theme);
  const dy = head.bottom;
  const widen = options.widenBoxes;
  const extra = (id: string) => (widen?.ids.has(id) ? widen.by : 0);
  const items: SceneItem[] = [...head.items];
  model.steps.forEach((s, i) => items.push(stepItem(s, i, model, p, dy, theme)));
  model.stages.forEach((s, i) => items.push(stageItem(s, i, model, p, dy, theme, extra(s.id))));
  const legend = segmentLegend(model, dy + p.height + ROW_PAD + 14, p.columns.bars, theme);
  if (legend) items.push(legend);
  const grown = Math.max(0, ...model.stages.map((s) => extra(s.id)));
  const scene: Scene = {
    kind: 'funnel',
    id: model.id,
    title: model.title || model.id,
    description: model.description || wordsOf(model.locale).summary.funnel(model.stages.length, model.overall !== undefined ? formatPercent(model.overall) : undefined),
    width: Math.ceil(Math.max(p.width + grown, head.width + 2 * PAD, 320)),
    height: Math.ceil(dy + p.height + ROW_PAD + (legend ? 14 + SWATCH + 4 : 0) + PAD),
    background: theme.background,
    fontFamily: FONT_FAMILY,
    markers: [{ id: 'arrow', d: 'M0,0 L10,5 L0,10 z', fill: theme.edge }],
    items,
  };
  return model.legend ? appendLegend(scene, wordsOf(model.locale).legend, funnelLegend(model, theme), theme) : scene;
}
