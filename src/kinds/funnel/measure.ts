import { isWide, wrapText, type WrappedText } from '../../layout/text.js';
import { formatCount } from '../../model/numbers.js';
import { formatPercent, type FunnelModel, type FunnelStage, type FunnelStep } from './model.js';

export const TITLE_SIZE = 20;
export const SUBTITLE_SIZE = 12;
export const LABEL_SIZE = 14;
export const COUNT_SIZE = 13;
export const STEP_SIZE = 12;
export const NOTE_SIZE = 12;

const LABEL_W = 168;
const FIGURE_W = 150;
const NOTE_W = 220;

/** Words of the picture in the language of the labels: a funnel written in Chinese is captioned in Chinese. */
export interface FunnelCaptions {
  conversion: (p: string) => string;
  drop: (n: string) => string;
  target: (p: string) => string;
  belowTarget: string;
  largestDrop: string;
  overall: (p: string) => string;
  ofFirst: (p: string) => string;
  pain: string;
  opportunity: string;
}

export function captionsFor(model: FunnelModel): FunnelCaptions {
  const cjk = [model.title, model.unit, ...model.stages.map((s) => s.label)].some((t) => [...t].some((ch) => isWide(ch.codePointAt(0)!)));
  return cjk
    ? { conversion: (p) => `转化 ${p}`, drop: (n) => `流失 ${n}`, target: (p) => `目标 ${p}`, belowTarget: '未达标', largestDrop: '最大流失', overall: (p) => `总转化率 ${p}`, ofFirst: (p) => `占首阶段 ${p}`, pain: '痛点', opportunity: '改进' }
    : { conversion: (p) => `${p} converted`, drop: (n) => `${n} lost`, target: (p) => `target ${p}`, belowTarget: 'below target', largestDrop: 'largest drop', overall: (p) => `${p} overall conversion`, ofFirst: (p) => `${p} of first stage`, pain: 'Pain', opportunity: 'Opportunity' };
}

/** "12,000 人" / "12,000 customers": a count with the funnel's unit. */
export function countText(n: number, unit: string): string {
  if (!unit) return formatCount(n);
  return `${formatCount(n)}${[...unit].some((ch) => isWide(ch.codePointAt(0)!)) ? '' : ' '}${unit}`;
}

export interface StageTexts {
  label: WrappedText;
  count?: WrappedText;
  share?: WrappedText;
  notes: Array<{ role: 'pain' | 'opportunity'; text: WrappedText }>;
}

export interface StepTexts { lines: WrappedText[] }

export function measureStage(stage: FunnelStage, first: number | undefined, unit: string, captions: FunnelCaptions): StageTexts {
  const count = stage.count !== undefined ? wrapText(countText(stage.count, unit), COUNT_SIZE, FIGURE_W, 'bold') : undefined;
  const share = stage.count !== undefined && first ? wrapText(captions.ofFirst(formatPercent((stage.count / first) * 100)), NOTE_SIZE, FIGURE_W) : undefined;
  const notes = [
    ...stage.pains.map((p) => ({ role: 'pain' as const, text: wrapText(`${captions.pain}：${p}`, NOTE_SIZE, NOTE_W) })),
    ...stage.opportunities.map((p) => ({ role: 'opportunity' as const, text: wrapText(`${captions.opportunity}：${p}`, NOTE_SIZE, NOTE_W) })),
  ];
  return { label: wrapText(stage.label, LABEL_SIZE, LABEL_W, 'bold'), count, share, notes };
}

/** "转化 70% · 流失 3,600 人", then the target and the largest-drop note when they apply. */
export function measureStep(step: FunnelStep, unit: string, largest: boolean, captions: FunnelCaptions): StepTexts {
  const lines: WrappedText[] = [];
  if (step.conversion !== undefined) {
    const main = [captions.conversion(formatPercent(step.conversion)), step.drop !== undefined && step.drop > 0 ? captions.drop(countText(step.drop, unit)) : ''].filter(Boolean).join(' · ');
    lines.push(wrapText(`↓ ${main}`, STEP_SIZE, FIGURE_W + NOTE_W, 'bold'));
  }
  const extra = [step.target !== undefined ? captions.target(formatPercent(step.target)) : '', step.belowTarget ? captions.belowTarget : '', largest ? captions.largestDrop : ''].filter(Boolean).join(' · ');
  if (extra) lines.push(wrapText(extra, STEP_SIZE, FIGURE_W + NOTE_W));
  return { lines };
}
