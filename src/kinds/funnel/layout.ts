import type { Box } from '../../scene/geometry.js';
import { wordsOf, type Words } from '../../model/locale.js';
import { measureStage, measureStep, type StageTexts, type StepTexts } from './measure.js';
import type { FunnelModel } from './model.js';

export const PAD = 24;
const GAP = 16;
const BAR_AREA = 420;
const MIN_BAR = 28;
const BAR_H = 40;
const MIN_STEP_GAP = 34;

/** Where everything of a funnel goes, before colours: one row per stage, one gap per step. */
export interface FunnelPlacement {
  captions: Words;
  stages: Array<{ bar: Box; row: Box; texts: StageTexts }>;
  steps: Array<{ top: number; bottom: number; texts: StepTexts }>;
  columns: { label: number; bars: number; barsWidth: number; figures: number; notes: number };
  width: number;
  height: number;
}

const blockHeight = (texts: Array<{ height: number } | undefined>, gap = 2) => texts.reduce((h, t) => h + (t ? t.height + gap : 0), 0);

/**
 * Stages top to bottom, bars centred and as wide as their share of the widest stage (never thinner
 * than MIN_BAR, so a stage of a few customers is still seen), labels on the left, counts and the
 * conversion of each step on the right, pains and opportunities beyond them.
 */
export function placeFunnel(model: FunnelModel): FunnelPlacement {
  const captions = wordsOf(model.locale);
  const first = model.stages[0]?.count;
  const stageTexts = model.stages.map((s) => measureStage(s, first, model.unit, model.locale));
  const stepTexts = model.steps.map((s, i) => measureStep(s, model.unit, i === model.largestDrop, model.locale));
  const labelW = Math.max(60, ...stageTexts.map((t) => t.label.width));
  const figuresW = Math.max(80, ...stageTexts.flatMap((t) => [t.count?.width ?? 0, t.share?.width ?? 0]), ...stepTexts.flatMap((t) => t.lines.map((l) => l.width)));
  const notesW = Math.max(0, ...stageTexts.flatMap((t) => t.notes.map((n) => n.text.width)));
  const columns = { label: PAD, bars: PAD + labelW + GAP, barsWidth: BAR_AREA, figures: PAD + labelW + 2 * GAP + BAR_AREA, notes: PAD + labelW + 3 * GAP + BAR_AREA + figuresW };
  const widest = Math.max(1, ...model.stages.map((s) => s.count ?? 0));
  const stages: FunnelPlacement['stages'] = [];
  const steps: FunnelPlacement['steps'] = [];
  let y = 0;
  model.stages.forEach((s, i) => {
    if (i > 0) {
      const gap = Math.max(MIN_STEP_GAP, blockHeight(stepTexts[i - 1].lines) + 10);
      steps.push({ top: y, bottom: y + gap, texts: stepTexts[i - 1] });
      y += gap;
    }
    const t = stageTexts[i];
    const rowH = Math.max(BAR_H, t.label.height, blockHeight([t.count, t.share]), blockHeight(t.notes.map((n) => n.text), 4));
    const w = Math.max(MIN_BAR, (BAR_AREA * (s.count ?? 0)) / widest);
    const bar = { x: columns.bars + (BAR_AREA - w) / 2, y: y + (rowH - BAR_H) / 2, w, h: BAR_H };
    stages.push({ bar, row: { x: PAD, y, w: 0, h: rowH }, texts: t });
    y += rowH;
  });
  const width = (notesW ? columns.notes + notesW : columns.figures + figuresW) + PAD;
  return { captions, stages, steps, columns, width, height: y };
}
