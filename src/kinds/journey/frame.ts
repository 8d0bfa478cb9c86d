import { wrapText, type WrappedText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { r1 } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import type { EmotionSeries } from './emotion.js';
import type { JourneyWords } from './labels.js';
import type { JourneyModel, JourneyPersona } from './model.js';

const TITLE_SIZE = 22;
const CARD_PAD = 14;
const CARD_GAP = 12;
const NAME_SIZE = 15;
const TEXT_SIZE = 12;

export interface Block { items: SceneItem[]; h: number }

/** The title band across the top: title, and the description under it. */
export function titleBand(model: JourneyModel, x: number, y: number, w: number, theme: Theme): Block {
  const textW = w - 2 * 18 - 6;
  const title = wrapText(model.title || model.id, TITLE_SIZE, textW, 'bold');
  const desc = model.description ? wrapText(model.description, 13, textW, 'normal') : undefined;
  const h = 14 + title.height + (desc ? 4 + desc.height : 0) + 14;
  const children: SceneItem[] = [
    { type: 'rect', x, y, w, h, rx: 8, fill: theme.lane.header, stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-title-band' },
    textBlock(title, x + 24, y + 14, { size: TITLE_SIZE, weight: 'bold', fill: theme.lane.headerText, anchor: 'start' }, 'jf-title-text'),
  ];
  if (desc) children.push(textBlock(desc, x + 24, y + 18 + title.height, { size: 13, fill: theme.lane.headerText, anchor: 'start' }, 'jf-description'));
  children.push({ type: 'rect', x: x + 8, y: y + 12, w: 5, h: h - 24, rx: 2.5, fill: theme.accent, className: 'jf-title-accent' });
  return { items: [{ type: 'group', className: 'jf-title', children }], h };
}

interface CardColumn { heading?: WrappedText; body: WrappedText }

function bulletText(items: readonly string[], w: number): WrappedText {
  const lines = items.flatMap((t) => wrapText(`• ${t}`, TEXT_SIZE, w, 'normal').lines);
  const lineHeight = TEXT_SIZE * 1.3;
  return { lines, width: w, height: lines.length * lineHeight, lineHeight };
}

const columnH = (c: CardColumn) => (c.heading ? c.heading.height + 4 : 0) + c.body.height;

/**
 * Persona cards: name and description, goals, frustrations. A wide card sets the three side by side;
 * a narrow one stacks them. With several personas each card shows its curve's colour and dash.
 */
export function personaCards(model: JourneyModel, series: readonly EmotionSeries[], x: number, y: number, w: number, theme: Theme, words: JourneyWords): Block {
  const personas = model.personas;
  if (!personas.length) return { items: [], h: 0 };
  const perRow = Math.max(1, Math.min(personas.length, Math.floor((w + CARD_GAP) / (360 + CARD_GAP))));
  const cardW = Math.floor((w - CARD_GAP * (perRow - 1)) / perRow);
  const wide = cardW >= 600;
  const legend = series.length > 1;
  const measured = personas.map((p) => {
    const inner = cardW - 2 * CARD_PAD;
    const colW = wide ? (inner - 2 * CARD_PAD) / 3 : inner;
    const swatch = legend ? 34 : 0;
    const name: CardColumn = {
      heading: wrapText(p.name, NAME_SIZE, colW - swatch, 'bold'),
      body: p.description ? wrapText(p.description, TEXT_SIZE, colW, 'normal') : bulletText([], colW),
    };
    const cols: CardColumn[] = [name];
    if (p.goals.length) cols.push({ heading: wrapText(words.goals, TEXT_SIZE, colW, 'bold', 1), body: bulletText(p.goals, colW) });
    if (p.frustrations.length) cols.push({ heading: wrapText(words.frustrations, TEXT_SIZE, colW, 'bold', 1), body: bulletText(p.frustrations, colW) });
    const inside = wide ? Math.max(...cols.map(columnH)) : cols.reduce((a, c) => a + columnH(c), 0) + 8 * (cols.length - 1);
    return { p, cols, colW, inside };
  });
  const items: SceneItem[] = [];
  let rowTop = y;
  for (let start = 0; start < measured.length; start += perRow) {
    const row = measured.slice(start, start + perRow);
    const cardH = Math.max(...row.map((m) => m.inside)) + 2 * CARD_PAD;
    row.forEach((m, i) => {
      const cx = x + i * (cardW + CARD_GAP);
      const s = series.find((q) => q.persona === m.p.id);
      items.push(card(m.p, m.cols, m.colW, wide, cx, rowTop, cardW, cardH, theme, legend ? s : undefined));
    });
    rowTop += cardH + CARD_GAP;
  }
  return { items, h: rowTop - CARD_GAP - y };
}

function card(p: JourneyPersona, cols: CardColumn[], colW: number, wide: boolean, x: number, y: number, w: number, h: number, theme: Theme, swatch: EmotionSeries | undefined): SceneItem {
  const children: SceneItem[] = [{ type: 'rect', x, y, w, h, rx: 8, fill: theme.background, stroke: swatch?.colour ?? theme.border, strokeWidth: swatch ? 2 : 1, className: 'jf-persona-card' }];
  let top = y + CARD_PAD;
  cols.forEach((c, i) => {
    const cx = wide ? x + CARD_PAD + i * (colW + CARD_PAD) : x + CARD_PAD;
    let ty = wide ? y + CARD_PAD : top;
    if (c.heading) {
      const isName = i === 0;
      const hx = isName && swatch ? cx + 34 : cx;
      if (isName && swatch) children.push({ type: 'path', d: `M${r1(cx)},${r1(ty + 10)} H${r1(cx + 26)}`, stroke: swatch.colour, strokeWidth: 3, dash: swatch.dash, className: 'jf-persona-swatch' });
      children.push(textBlock(c.heading, hx, ty, { size: isName ? NAME_SIZE : TEXT_SIZE, weight: 'bold', fill: isName ? theme.title : theme.mutedText, anchor: 'start' }));
      ty += c.heading.height + 4;
    }
    if (c.body.lines.length) children.push(textBlock(c.body, cx, ty, { size: TEXT_SIZE, fill: theme.text, anchor: 'start' }));
    top = ty + c.body.height + 8;
  });
  return { type: 'group', className: 'jf-persona', attrs: { 'data-id': p.id }, children };
}
