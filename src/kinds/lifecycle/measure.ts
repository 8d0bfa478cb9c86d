import { measureLine, wrapText, type FontWeight, type WrappedText } from '../../layout/text.js';
import { groupDigits, type Locale, type Words } from '../../model/locale.js';
import { formatRate, shareOf, type LifecycleState, type LifecycleTransition } from './model.js';

export const LABEL_SIZE = 14;
export const COUNT_SIZE = 13;
export const CAPTION_SIZE = 10;
export const BODY_SIZE = 12;
export const EDGE_LABEL_SIZE = 12;

const PAD_X = 14;
const PAD_Y = 10;
/** Extra inset of final states: room for the inner line of their double border. */
const FINAL_INSET = 4;
const MIN_INNER = 132;
const MAX_INNER = 208;
const METER_H = 4;
const LABEL_PAD = 4;

export type TextRole = 'label' | 'count' | 'caption' | 'body' | 'bullet';

/** One text block of a card, positioned relative to the card's top-left corner. */
export interface CardText {
  role: TextRole;
  text: WrappedText;
  size: number;
  weight: FontWeight;
  anchor: 'start' | 'middle';
  /** Anchor x (left edge for start, centre for middle) and top of the block, relative to the card. */
  dx: number;
  dy: number;
}

/** Everything drawn inside a state, sized from wrapped text so that nothing can stick out; text is never cut short (SPEC §1: shown literally). */
export interface StateCard {
  w: number;
  h: number;
  /** y of the line under the header; undefined when the card is only a header. */
  divider?: number;
  /** Track of the share meter, relative to the card; the filled part is `share` of its width. */
  meter?: { dx: number; dy: number; w: number; h: number; share: number };
  inset: number;
  texts: CardText[];
}

/** "1 200 · 16.4%": the state's size and its share of the living customers (a final state's size alone). */
export function countLine(state: LifecycleState, total: number, locale: Locale): string | undefined {
  if (state.count === undefined) return undefined;
  const share = shareOf(state, total);
  return share ? `${groupDigits(state.count, locale)} · ${share}` : groupDigits(state.count, locale);
}

/** Width of the bullet before each item of a list; wrapped lines of an item hang under its text, not its bullet. */
const BULLET = '· ';
const bulletWidth = (list: string[]) => (list.length > 1 ? Math.ceil(measureLine(BULLET, BODY_SIZE)) : 0);

/** Lays out one state card: header label, count and meter, then captioned criteria and strategy. */
export function measureState(state: LifecycleState, total: number, captions: Pick<Words, 'criteria' | 'strategy'>, locale: Locale): StateCard {
  const inset = state.final ? FINAL_INSET : 0;
  const label = wrapText(state.label, LABEL_SIZE, MAX_INNER, 'bold');
  const count = countLine(state, total, locale);
  const countText = count ? wrapText(count, COUNT_SIZE, MAX_INNER, 'bold') : undefined;
  const sections = ([['criteria', state.criteria], ['strategy', state.strategy]] as const)
    .filter(([, list]) => list.length > 0)
    .map(([key, list]) => ({
      caption: wrapText(captions[key], CAPTION_SIZE, MAX_INNER, 'bold', 1),
      indent: bulletWidth(list),
      body: list.map((t) => wrapText(t, BODY_SIZE, MAX_INNER - bulletWidth(list), 'normal')),
    }));
  const widths = [label.width, countText?.width ?? 0, ...sections.flatMap((s) => [s.caption.width, ...s.body.map((b) => s.indent + b.width)])];
  const inner = Math.ceil(Math.max(MIN_INNER, ...widths));
  const left = PAD_X + inset;
  const w = inner + 2 * left;
  const texts: CardText[] = [];
  let y = PAD_Y + inset;
  texts.push({ role: 'label', text: label, size: LABEL_SIZE, weight: 'bold', anchor: 'middle', dx: w / 2, dy: y });
  y += label.height + PAD_Y;
  const hasBody = countText !== undefined || sections.length > 0;
  let divider: number | undefined;
  let meter: StateCard['meter'];
  if (hasBody) {
    divider = y;
    y += 8;
    if (countText) {
      texts.push({ role: 'count', text: countText, size: COUNT_SIZE, weight: 'bold', anchor: 'start', dx: left, dy: y });
      y += countText.height + 2;
      if (total > 0 && state.count !== undefined && !state.final) {
        meter = { dx: left, dy: y, w: inner, h: METER_H, share: state.count / total };
        y += METER_H + 6;
      }
    }
    for (const s of sections) {
      texts.push({ role: 'caption', text: s.caption, size: CAPTION_SIZE, weight: 'bold', anchor: 'start', dx: left, dy: y });
      y += s.caption.height + 1;
      for (const b of s.body) {
        if (s.indent) texts.push({ role: 'bullet', text: wrapText(BULLET.trim(), BODY_SIZE, s.indent, 'normal', 1), size: BODY_SIZE, weight: 'normal', anchor: 'start', dx: left, dy: y });
        texts.push({ role: 'body', text: b, size: BODY_SIZE, weight: 'normal', anchor: 'start', dx: left + s.indent, dy: y });
        y += b.height;
      }
      y += 6;
    }
    y += PAD_Y - 6;
  }
  return { w, h: Math.ceil(y + inset), divider, meter, inset, texts };
}

/** A transition's label block: its label, then its rate in bold; undefined when it has neither. */
export function measureTransition(t: LifecycleTransition): { label?: WrappedText; rate?: WrappedText; w: number; h: number } | undefined {
  const label = t.label ? wrapText(t.label, EDGE_LABEL_SIZE, 140, 'normal') : undefined;
  const rate = t.rate !== undefined ? wrapText(formatRate(t.rate), EDGE_LABEL_SIZE, 140, 'bold', 1) : undefined;
  if (!label && !rate) return undefined;
  const w = Math.max(label?.width ?? 0, rate?.width ?? 0) + 2 * LABEL_PAD;
  const h = (label?.height ?? 0) + (rate?.height ?? 0) + 2 * LABEL_PAD;
  return { label, rate, w: Math.ceil(w), h: Math.ceil(h) };
}
