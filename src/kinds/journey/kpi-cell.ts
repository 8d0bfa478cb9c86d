import { wrapText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import { CELL_PAD, GAP, NOTE_PAD, NOTE_SIZE, SMALL_SIZE, type Cell } from './cells.js';
import type { JourneyKpi } from './model.js';

/** A KPI figure as a number, when it reads as one: 35%, 4.2, 1,200. */
export function figureValue(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const m = v?.trim().replace(/,/g, '').match(/^[-+]?\d+(\.\d+)?(?=\s*%?$)/);
  return m ? Number(m[0]) : undefined;
}

const show = (v: string | number) => String(v);
const BAR_H = 6;

/**
 * Per-stage KPIs, each with value against target: the label, the figures, and a bar whose fill is
 * the value and whose tick is the target (both on the larger of the two), so a reader sees the gap
 * without the map guessing whether higher is better.
 */
export function kpiStack(kpis: readonly JourneyKpi[], innerW: number, theme: Theme, targetWord: string): Cell {
  if (!kpis.length) return { h: 0, draw: () => [] };
  const textW = innerW - 2 * NOTE_PAD;
  const blocks = kpis.map((k) => {
    const label = wrapText(k.label, NOTE_SIZE, textW, 'bold');
    const fig = k.value !== undefined || k.target !== undefined
      ? wrapText([k.value !== undefined ? show(k.value) : '–', k.target !== undefined ? `${targetWord} ${show(k.target)}` : ''].filter(Boolean).join('  /  '), SMALL_SIZE, textW, 'normal')
      : undefined;
    const value = figureValue(k.value);
    const target = figureValue(k.target);
    const bar = value !== undefined && target !== undefined && Math.max(value, target) > 0;
    const h = 8 + label.height + (fig ? 2 + fig.height : 0) + (bar ? 6 + BAR_H : 0) + 8;
    return { k, label, fig, value, target, bar, h };
  });
  const h = blocks.reduce((a, b) => a + b.h, 0) + GAP * (blocks.length - 1) + 2 * CELL_PAD;
  return {
    h,
    draw(x, y) {
      let top = y + CELL_PAD;
      return blocks.map((b) => {
        const bx = x + CELL_PAD;
        const children: SceneItem[] = [
          { type: 'rect', x: bx, y: top, w: innerW, h: b.h, rx: 6, fill: theme.background, stroke: theme.border, strokeWidth: 1, className: 'jf-kpi-box' },
          textBlock(b.label, bx + NOTE_PAD, top + 8, { size: NOTE_SIZE, weight: 'bold', fill: theme.text, anchor: 'start' }),
        ];
        let ty = top + 8 + b.label.height;
        if (b.fig) { children.push(textBlock(b.fig, bx + NOTE_PAD, ty + 2, { size: SMALL_SIZE, fill: theme.mutedText, anchor: 'start' }, 'jf-kpi-figures')); ty += 2 + b.fig.height; }
        if (b.bar) {
          const full = Math.max(b.value!, b.target!);
          const trackW = textW;
          const by = ty + 6;
          children.push(
            { type: 'rect', x: bx + NOTE_PAD, y: by, w: trackW, h: BAR_H, rx: 3, fill: theme.chip.fill, stroke: theme.chip.stroke, strokeWidth: 0.5, className: 'jf-kpi-track' },
            { type: 'rect', x: bx + NOTE_PAD, y: by, w: Math.max(2, (trackW * Math.max(0, b.value!)) / full), h: BAR_H, rx: 3, fill: theme.accent, className: 'jf-kpi-value' },
            { type: 'path', d: `M${bx + NOTE_PAD + (trackW * b.target!) / full},${by - 3} V${by + BAR_H + 3}`, stroke: theme.text, strokeWidth: 2, className: 'jf-kpi-target' },
          );
        }
        const item: SceneItem = {
          type: 'group',
          className: 'jf-kpi',
          attrs: { ...(b.k.value !== undefined ? { 'data-value': show(b.k.value) } : {}), ...(b.k.target !== undefined ? { 'data-target': show(b.k.target) } : {}) },
          children,
        };
        top += b.h + GAP;
        return item;
      });
    },
  };
}
