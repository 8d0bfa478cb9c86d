import { wrapText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import { CELL_PAD, GAP, NOTE_PAD, NOTE_SIZE, SMALL_SIZE, type Cell } from './cells.js';
import type { JourneyWords } from './labels.js';
import type { JourneyKpi } from './model.js';

/** A KPI figure as a number and the unit written after it, when it starts with one: 35%, 3.2天, 41, 1,200 人. */
export function parseFigure(v: string | number | undefined): { n: number; unit: string } | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? { n: v, unit: '' } : undefined;
  const m = v?.trim().replace(/(\d),(?=\d{3})/g, '$1').match(/^([-+]?\d+(?:\.\d+)?)\s*(.*)$/);
  return m ? { n: Number(m[1]), unit: m[2] } : undefined;
}

export type KpiStatus = 'met' | 'near' | 'missed';

/** Within a tenth of the target on the wrong side is "near"; further is "missed". */
const NEAR = 0.1;

/** Whether a value meets its target, the way the KPI says is better. */
export function kpiStatus(value: number, target: number, better: 'higher' | 'lower'): KpiStatus {
  const short = better === 'higher' ? target - value : value - target;
  if (short <= 0) return 'met';
  return short <= Math.abs(target) * NEAR ? 'near' : 'missed';
}

/** Where a KPI stands when its value and target are both numbers (not both zero): met / near / missed, and the gap in the value's unit. */
export function kpiStanding(k: JourneyKpi): { status: KpiStatus; value: number; target: number; gap: string } | undefined {
  const value = parseFigure(k.value);
  const target = parseFigure(k.target);
  if (!value || !target || Math.max(Math.abs(value.n), Math.abs(target.n)) === 0) return undefined;
  return { status: kpiStatus(value.n, target.n, k.better), value: value.n, target: target.n, gap: `${Number(Math.abs(value.n - target.n).toFixed(2))}${value.unit}` };
}

export const statusColour = (s: KpiStatus, theme: Theme): string => (s === 'met' ? theme.opportunity.stroke : s === 'near' ? theme.decision.stroke : theme.bottleneck);

const show = (v: string | number) => String(v);
const BAR_H = 6;

interface KpiBlock {
  k: JourneyKpi;
  label: ReturnType<typeof wrapText>;
  fig?: ReturnType<typeof wrapText>;
  status?: { status: KpiStatus; value: number; target: number; gap: string; text: ReturnType<typeof wrapText> };
  h: number;
}

/** "当前 3.2天，目标 1天，差距 2.2天（× 未达标；越低越好）": the gap in words, for the KPI's tooltip. */
function gapText(k: JourneyKpi, status: KpiStatus, gap: string, w: JourneyWords): string {
  return w.kpi.gap(show(k.value!), show(k.target!), gap, `${w.kpi[status]}${w.listSep}${w.kpi.better[k.better]}`);
}

function measureKpi(k: JourneyKpi, textW: number, w: JourneyWords): KpiBlock {
  const label = wrapText(k.label, NOTE_SIZE, textW, 'bold');
  const fig = k.value !== undefined || k.target !== undefined
    ? wrapText([k.value !== undefined ? show(k.value) : '–', k.target !== undefined ? w.target(show(k.target)) : ''].filter(Boolean).join('  /  '), SMALL_SIZE, textW, 'normal')
    : undefined;
  const standing = kpiStanding(k);
  let status: KpiBlock['status'];
  if (standing) {
    const cue = [w.kpi[standing.status], ...(k.better === 'lower' ? [w.kpi.better.lower] : [])].join(' · ');
    status = { ...standing, text: wrapText(cue, SMALL_SIZE, textW, 'bold') };
  }
  const h = 8 + label.height + (fig ? 2 + fig.height : 0) + (status ? 6 + BAR_H + 4 + status.text.height : 0) + 8;
  return { k, label, fig, status, h };
}

/** The bar: its fill is the value, in the status colour; its tick is the target; both on the larger of the two. */
function barItems(b: KpiBlock, x: number, y: number, trackW: number, theme: Theme): SceneItem[] {
  const s = b.status!;
  const full = Math.max(Math.abs(s.value), Math.abs(s.target));
  const colour = statusColour(s.status, theme);
  return [
    { type: 'rect', x, y, w: trackW, h: BAR_H, rx: 3, fill: theme.chip.fill, stroke: theme.chip.stroke, strokeWidth: 0.5, className: 'jf-kpi-track' },
    { type: 'rect', x, y, w: Math.max(2, (trackW * Math.max(0, s.value)) / full), h: BAR_H, rx: 3, fill: colour, className: `jf-kpi-value jf-kpi-${s.status}` },
    { type: 'path', d: `M${x + (trackW * Math.max(0, s.target)) / full},${y - 3} V${y + BAR_H + 3}`, stroke: theme.text, strokeWidth: 2, className: 'jf-kpi-target' },
    textBlock(s.text, x, y + BAR_H + 4, { size: SMALL_SIZE, weight: 'bold', fill: colour, anchor: 'start' }, 'jf-kpi-status'),
  ];
}

/**
 * Per-stage KPIs, each with value against target: the label, the figures, and — when both are
 * numbers — a bar coloured met / near / missed (the way `better` says), with the status in words
 * under it so colour is never the only cue, and the gap in words in the tooltip.
 */
export function kpiStack(kpis: readonly JourneyKpi[], innerW: number, theme: Theme, words: JourneyWords): Cell {
  if (!kpis.length) return { h: 0, draw: () => [] };
  const textW = innerW - 2 * NOTE_PAD;
  const blocks = kpis.map((k) => measureKpi(k, textW, words));
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
        if (b.status) children.push(...barItems(b, bx + NOTE_PAD, ty + 6, textW, theme));
        const s = b.status;
        const item: SceneItem = {
          type: 'group',
          className: `jf-kpi${s ? ` jf-kpi-${s.status}` : ''}`,
          attrs: { ...(b.k.value !== undefined ? { 'data-value': show(b.k.value) } : {}), ...(b.k.target !== undefined ? { 'data-target': show(b.k.target) } : {}), ...(s ? { 'data-status': s.status, 'data-better': b.k.better } : {}) },
          tooltip: s ? `${b.k.label}\n${gapText(b.k, s.status, s.gap, words)}` : undefined,
          children,
        };
        top += b.h + GAP;
        return item;
      });
    },
  };
}
