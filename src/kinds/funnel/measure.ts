import { isWide, wrapText, type WrappedText } from '../../layout/text.js';
import { groupDigits, wordsOf, type Locale, type Words } from '../../model/locale.js';
import { formatPercent, type FunnelStage, type FunnelStep } from './model.js';

export const TITLE_SIZE = 20;
export const SUBTITLE_SIZE = 12;
export const LABEL_SIZE = 14;
export const COUNT_SIZE = 13;
export const STEP_SIZE = 12;
export const NOTE_SIZE = 12;

const LABEL_W = 168;
const FIGURE_W = 150;
const NOTE_W = 220;

/** "12 000 人" / "12,000 customers": a count with the funnel's unit (a Chinese unit needs no space). */
export function countText(n: number, unit: string, locale: Locale): string {
  if (!unit) return groupDigits(n, locale);
  return `${groupDigits(n, locale)}${[...unit].some((ch) => isWide(ch.codePointAt(0)!)) ? '' : '\u00a0'}${unit}`;
}

/**
 * A step's figures in the reader's words: `main` (conversion, customers lost) and `notes` (target,
 * whether it was missed, the largest drop). One function for the picture, the txt and the Mermaid.
 */
export function stepFigures(step: FunnelStep, unit: string, largest: boolean, locale: Locale): { main: string[]; notes: string[] } {
  const w = wordsOf(locale);
  const main = [step.conversion !== undefined ? w.conversion(formatPercent(step.conversion)) : '', step.drop !== undefined && step.drop > 0 ? w.lost(countText(step.drop, unit, locale)) : ''];
  const notes = [step.target !== undefined ? w.target(formatPercent(step.target)) : '', step.belowTarget ? w.belowTarget : '', largest ? w.largestDrop : ''];
  return { main: main.filter(Boolean), notes: notes.filter(Boolean) };
}

export interface StageTexts {
  label: WrappedText;
  count?: WrappedText;
  share?: WrappedText;
  notes: Array<{ role: 'pain' | 'opportunity'; text: WrappedText }>;
}

export interface StepTexts { lines: WrappedText[] }

export function measureStage(stage: FunnelStage, first: number | undefined, unit: string, locale: Locale): StageTexts {
  const captions: Words = wordsOf(locale);
  const count = stage.count !== undefined ? wrapText(countText(stage.count, unit, locale), COUNT_SIZE, FIGURE_W, 'bold') : undefined;
  const share = stage.count !== undefined && first ? wrapText(captions.ofFirst(formatPercent((stage.count / first) * 100)), NOTE_SIZE, FIGURE_W) : undefined;
  const notes = [
    ...stage.pains.map((p) => ({ role: 'pain' as const, text: wrapText(`${captions.pains}${captions.colon}${p}`, NOTE_SIZE, NOTE_W) })),
    ...stage.opportunities.map((p) => ({ role: 'opportunity' as const, text: wrapText(`${captions.opportunities}${captions.colon}${p}`, NOTE_SIZE, NOTE_W) })),
  ];
  return { label: wrapText(stage.label, LABEL_SIZE, LABEL_W, 'bold'), count, share, notes };
}

/** "转化 70% · 流失 3 600 人", then the target and the largest-drop note when they apply. */
export function measureStep(step: FunnelStep, unit: string, largest: boolean, locale: Locale): StepTexts {
  const { main, notes } = stepFigures(step, unit, largest, locale);
  const lines: WrappedText[] = [];
  if (step.conversion !== undefined) lines.push(wrapText(`↓ ${main.join(' · ')}`, STEP_SIZE, FIGURE_W + NOTE_W, 'bold'));
  if (notes.length) lines.push(wrapText(notes.join(' · '), STEP_SIZE, FIGURE_W + NOTE_W));
  return { lines };
}
