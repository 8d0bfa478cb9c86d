/** A funnel as plain text: one bar of block characters per stage, as long as its share of the widest, with each step's conversion between. */
import { edgeKey } from '../../diff/common.js';
import { signed, txtMarksOf, type TxtMarks } from '../../diff/txt-marks.js';
import { displayWidth, pad } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import type { DiagramDiff } from '../types.js';
import { wordsOf } from '../../model/locale.js';
import { countText, stepFigures } from './measure.js';
import { formatPercent, type FunnelModel } from './model.js';

const BAR_COLS = 30;

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
    const bar = '█'.repeat(cols);
    lines.push(`${pad(names[i], nameCols)}  ${pad(bar, BAR_COLS)} ${s.count !== undefined ? countText(s.count, model.unit, model.locale) : '?'}`.trimEnd());
  });
  const head = model.overall !== undefined ? [captions.overall(formatPercent(model.overall)), ''] : [];
  // No legend: the text picture has no colour, and its steps say 未达标 / 最大流失 in words.
  return titled(model.title, [...head, ...lines]);
}

export const funnelDiffTxt = (d: DiagramDiff<FunnelModel>): string[] => funnelTxt(d.union, txtMarksOf(d));
