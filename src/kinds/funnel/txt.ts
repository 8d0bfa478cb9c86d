/**
 * A funnel as plain text: one bar of block characters per stage, as long as its share of the
 * widest, split into its segments' shares by shade (█ ▓ ▒ ░, keyed under the picture as the SVG's
 * colours are), with each step's conversion between.
 */
import { edgeKey } from '../../diff/common.js';
import { signed, txtMarksOf, type TxtMarks } from '../../diff/txt-marks.js';
import { displayWidth, pad } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import type { DiagramDiff } from '../types.js';
import { wordsOf } from '../../model/locale.js';
import { countText, stepFigures } from './measure.js';
import { formatPercent, type FunnelModel, type FunnelStage } from './model.js';

const BAR_COLS = 30;
/** One shade per segment; more segments than shades are told apart by their key only in the SVG. */
const SHADES = ['█', '▓', '▒', '░'];

/** Whether the bars are split by segment: only when every segment can have a shade of its own. */
const shaded = (model: FunnelModel) => model.segments.length > 1 && model.segments.length <= SHADES.length;

/** A stage's bar of `cols` columns; with shades, each segment's share of it, rounded so the parts add up. */
function barOf(s: FunnelStage, cols: number, model: FunnelModel): string {
  const total = s.segments.reduce((n, x) => n + x.count, 0);
  if (!shaded(model) || !total) return '█'.repeat(cols);
  const shade = new Map(model.segments.map((seg, i) => [seg.id, SHADES[i]]));
  let bar = '';
  let sum = 0;
  for (const seg of s.segments) {
    const end = Math.round((cols * (sum + seg.count)) / total);
    bar += (shade.get(seg.id) ?? '█').repeat(end - Math.round((cols * sum) / total));
    sum += seg.count;
  }
  return bar;
}

/** The text picture; with `marks`, a diff's stages and steps carry their sign. */
export function funnelTxt(model: FunnelModel, marks?: TxtMarks): string[] {
  const captions = wordsOf(model.locale);
  const names = model.stages.map((s) => signed(marks?.node(s.id), [s.label.replace(/\s+/g, ' ')])[0]);
  const nameCols = Math.max(0, ...names.map(displayWidth));
  const widest = Math.max(1, ...model.stages.map((s) => s.count ?? 0));
  const lines: string[] = [];
  model.stages.forEach((s, i) => {
    if (i > 0) {
      const step = model.steps[i - 1];
      const m = marks?.edge(edgeKey(step.from, step.to, 0));
      const { main, notes } = stepFigures(step, model.unit, i - 1 === model.largestDrop, model.locale);
      const parts = [...main, ...notes];
      lines.push(`${pad('', nameCols)}  ${m ? `${signed(m, [''])[0]}` : ''}↓ ${parts.join(' · ')}`.trimEnd());
    }
    const cols = s.count !== undefined ? Math.max(1, Math.round((BAR_COLS * s.count) / widest)) : 0;
    lines.push(`${pad(names[i], nameCols)}  ${pad(barOf(s, cols, model), BAR_COLS)} ${s.count !== undefined ? countText(s.count, model.unit, model.locale) : '?'}`.trimEnd());
  });
  // The line under the title, as the SVG writes it: the period and the overall conversion.
  const subtitle = [model.period, model.overall !== undefined ? captions.overall(formatPercent(model.overall)) : ''].filter(Boolean).join(' · ');
  const head = subtitle ? [subtitle, ''] : [];
  // The shades are the only encoded mark here (the steps say 未达标 / 最大流失 in words); like the
  // SVG's segment key they are named even with `legend: false`, a split bar being unreadable without.
  const legend = shaded(model) ? ['', captions.legend, ...model.segments.map((seg, k) => `  ${SHADES[k]} ${seg.label}`)] : [];
  return titled(model.title, [...head, ...lines, ...legend]);
}

export const funnelDiffTxt = (d: DiagramDiff<FunnelModel>): string[] => funnelTxt(d.union, txtMarksOf(d));
