import { groupDigits, type Locale } from '../../model/locale.js';
import { wrapText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { r1 } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import { CELL_PAD, COL_W, NOTE_SIZE } from './cells.js';
import type { JourneyWords } from './labels.js';
import type { JourneyStage, JourneyStep } from './model.js';

export const HEADER_SIZE = 15;
export const FUNNEL_H = 66;

/** A stage column: its x range follows its steps (one fixed-width cell each). */
export interface Column {
  stage: JourneyStage;
  index: number;
  x: number;
  w: number;
  cells: Array<{ step: JourneyStep; x: number; w: number }>;
}

/** Stage headers: the label, and the stage's needs when needs have no row of their own. */
export function measureHeaders(columns: readonly Column[], needsInHeader: boolean) {
  const texts = columns.map((c) => {
    const label = wrapText(c.stage.label, HEADER_SIZE, c.w - 2 * CELL_PAD, 'bold');
    const needs = needsInHeader && c.stage.needs.length
      ? c.stage.needs.flatMap((n) => wrapText(`• ${n}`, NOTE_SIZE, c.w - 2 * CELL_PAD, 'normal').lines)
      : [];
    return { label, needs };
  });
  const h = Math.max(48, ...texts.map((t) => 16 + t.label.height + (t.needs.length ? 6 + t.needs.length * NOTE_SIZE * 1.3 : 0) + 12));
  return { texts, h };
}

/** One `jf-stage` group per stage: the column behind every row, and its header band on top. */
export function stageGroups(columns: readonly Column[], headers: ReturnType<typeof measureHeaders>, top: number, bottom: number, theme: Theme): SceneItem[] {
  return columns.map((c, i) => {
    const t = headers.texts[i];
    const header: SceneItem[] = [
      { type: 'rect', x: c.x, y: top, w: c.w, h: headers.h, fill: theme.lane.header, stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-stage-header-box' },
      textBlock(t.label, c.x + c.w / 2, top + 16, { size: HEADER_SIZE, weight: 'bold', fill: theme.lane.headerText }, 'jf-stage-label'),
    ];
    if (t.needs.length) {
      const lh = NOTE_SIZE * 1.3;
      header.push(textBlock({ lines: t.needs, width: 0, height: t.needs.length * lh, lineHeight: lh }, c.x + CELL_PAD, top + 22 + t.label.height, { size: NOTE_SIZE, fill: theme.lane.headerText, anchor: 'start' }, 'jf-stage-needs'));
    }
    header.push({ type: 'rect', x: c.x + 1, y: top + 1, w: c.w - 2, h: 5, fill: theme.accent, className: 'jf-stage-accent' });
    return {
      type: 'group',
      className: 'jf-stage',
      attrs: { 'data-id': c.stage.id },
      children: [
        { type: 'rect', x: c.x, y: top, w: c.w, h: bottom - top, fill: theme.lane.fills[i % 2], stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-stage-column' },
        { type: 'group', className: 'jf-stage-header', children: header },
      ],
    } satisfies SceneItem;
  });
}

const pct = (n: number) => `${Math.round(n * 10) / 10}%`;

/**
 * The funnel band: a bar per stage in proportion to its volume, and between consecutive stages
 * the share that went on; the lowest conversion (largest drop) is marked.
 */
export function funnelBand(columns: readonly Column[], y: number, theme: Theme, words: JourneyWords, locale: Locale): SceneItem[] {
  const vols = columns.map((c) => c.stage.volume);
  const max = Math.max(0, ...vols.map((v) => v ?? 0));
  const items: SceneItem[] = [];
  const conversions: Array<{ i: number; rate: number }> = [];
  for (let i = 0; i + 1 < columns.length; i++) {
    const a = vols[i];
    const b = vols[i + 1];
    if (a !== undefined && b !== undefined && a > 0) conversions.push({ i, rate: (b / a) * 100 });
  }
  const worst = conversions.reduce<{ i: number; rate: number } | undefined>((w, c) => (!w || c.rate < w.rate ? c : w), undefined);
  columns.forEach((c) => {
    const v = c.stage.volume;
    if (v === undefined) return;
    const label = wrapText(groupDigits(v, locale), NOTE_SIZE, c.w - 2 * CELL_PAD, 'bold', 1);
    const minW = label.width + 16;
    // One scale for every stage (a one-step column's width), so bars compare across wide and narrow stages.
    const w = Math.max(minW, max > 0 ? (COL_W - 2 * CELL_PAD) * (v / max) : minW);
    const bx = c.x + (c.w - w) / 2;
    items.push({
      type: 'group',
      className: 'jf-funnel-stage',
      attrs: { 'data-stage': c.stage.id, 'data-volume': String(v) },
      children: [
        { type: 'rect', x: bx, y: y + 8, w, h: 22, rx: 4, fill: theme.node.fill, stroke: theme.node.stroke, strokeWidth: 1, className: 'jf-funnel-bar' },
        textBlock(label, c.x + c.w / 2, y + 8 + (22 - label.height) / 2, { size: NOTE_SIZE, weight: 'bold', fill: theme.text }),
      ],
    });
  });
  for (const conv of conversions) {
    const bound = columns[conv.i + 1].x;
    const isWorst = worst === conv && conversions.length > 1;
    const text = wrapText(`${isWorst ? '▼ ' : ''}${words.conversion(pct(conv.rate))}${isWorst ? ` · ${words.largestDrop}` : ''}`, 11, 2 * columns[conv.i + 1].w, isWorst ? 'bold' : 'normal', 1);
    const w = text.width + 14;
    const colour = isWorst ? theme.bottleneck : theme.mutedText;
    items.push({
      type: 'group',
      className: `jf-funnel-rate${isWorst ? ' jf-funnel-worst' : ''}`,
      attrs: { 'data-from': columns[conv.i].stage.id, 'data-to': columns[conv.i + 1].stage.id, 'data-rate': pct(conv.rate) },
      children: [
        { type: 'rect', x: bound - w / 2, y: y + 38, w, h: 20, rx: 10, fill: theme.background, stroke: colour, strokeWidth: isWorst ? 1.5 : 1 },
        textBlock(text, bound, y + 38 + (20 - text.height) / 2, { size: 11, weight: isWorst ? 'bold' : 'normal', fill: colour }),
      ],
    });
  }
  return [{ type: 'group', className: 'jf-funnel', children: items }];
}

export type BlueprintLine = 'interaction' | 'visibility' | 'internal';

/** A service-blueprint line across the grid at `y`, labelled in the row-label column just below it. */
export function blueprintLine(kind: BlueprintLine, label: string, x0: number, x1: number, labelW: number, y: number, theme: Theme): SceneItem {
  const text = wrapText(label, 10, labelW - 16, 'normal', 2);
  return {
    type: 'group',
    className: `jf-line jf-line-${kind}`,
    children: [
      { type: 'path', d: `M${r1(x0)},${r1(y)} H${r1(x1)}`, stroke: theme.edge, strokeWidth: kind === 'visibility' ? 2 : 1.5, dash: kind === 'visibility' ? '10 4' : kind === 'interaction' ? '4 3' : '2 3', className: 'jf-line-path' },
      textBlock(text, x0 + 8, y + 4, { size: 10, fill: theme.mutedText, anchor: 'start', italic: true }, 'jf-line-label'),
    ],
  };
}
