import { wrapText } from '../../layout/text.js';
import { FONT_FAMILY, type Theme } from '../../render/themes.js';
import { r1, roundedPath, type Box, type Point } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import type { LayoutEnv } from '../types.js';
import { groupDigits, wordsOf, type Words } from '../../model/locale.js';
import { boxSwatch, lineSwatch, type LegendKey } from '../../scene/legend.js';
import { EDGE_LABEL_SIZE, measureTransition, type CardText, type StateCard } from './measure.js';
import { formatRate, shareOf, type LifecycleModel, type LifecycleState } from './model.js';
import { edgeTitleText } from '../../model/parallel-edges.js';
import { START_ID, type LifecyclePlacement } from './place.js';

const PAD = 24;
const TITLE_SIZE = 20;
const SUBTITLE_SIZE = 12;
const RADIUS = 8;
const ARROW = 'M0,0 L10,5 L0,10 z';

/** A closed rounded rectangle as path data, drawn clockwise (so nested ones add up under nonzero fill). */
function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  const c = (n: number) => r1(n);
  return `M${c(x + r)},${c(y)} H${c(x + w - r)} Q${c(x + w)},${c(y)} ${c(x + w)},${c(y + r)} V${c(y + h - r)} Q${c(x + w)},${c(y + h)} ${c(x + w - r)},${c(y + h)} H${c(x + r)} Q${c(x)},${c(y + h)} ${c(x)},${c(y + h - r)} V${c(y + r)} Q${c(x)},${c(y)} ${c(x + r)},${c(y)} Z`;
}

/**
 * The state's one shape element: its box outline, the line under the header and, for final states,
 * the inner line of a double border — all one path, so the SVG contract "one shape per node" holds.
 */
export function cardPath(b: Box, card: StateCard): string {
  let d = roundedRect(b.x, b.y, b.w, b.h, RADIUS);
  if (card.inset) d += ` ${roundedRect(b.x + card.inset, b.y + card.inset, b.w - 2 * card.inset, b.h - 2 * card.inset, RADIUS - 2)}`;
  if (card.divider !== undefined) d += ` M${r1(b.x + card.inset)},${r1(b.y + card.divider)} H${r1(b.x + b.w - card.inset)}`;
  return d;
}

function textFill(role: CardText['role'], final: boolean, theme: Theme): string {
  if (role === 'count') return final ? theme.pain.text : theme.accent;
  if (role === 'caption' || role === 'bullet') return theme.mutedText;
  return theme.text;
}

function stateTooltip(s: LifecycleState, model: LifecycleModel, w: Words): string {
  const parts = [s.label];
  if (s.description) parts.push(s.description);
  const share = shareOf(s, model.total);
  if (s.count !== undefined) parts.push(`${w.customers(groupDigits(s.count, model.locale))}${share ? w.aside(share) : ''}`);
  if (s.criteria.length) parts.push(`${w.criteria}${w.colon}${s.criteria.join(w.listSep)}`);
  if (s.strategy.length) parts.push(`${w.strategy}${w.colon}${s.strategy.join(w.listSep)}`);
  if (s.initial) parts.push(w.initial);
  if (s.final) parts.push(w.final);
  return parts.join('\n');
}

/**
 * "在册客户 5 000（不含流失） · 流失客户 500，另计": the base of every share, and the customers of
 * final states beside it, so no reader takes the churned for part of the total.
 */
function totalLine(model: LifecycleModel, w: Words): string | undefined {
  const parts: string[] = [];
  if (model.total > 0) parts.push(w.living(groupDigits(model.total, model.locale)));
  const finals = model.states.filter((s) => s.final && s.count !== undefined);
  if (finals.length) parts.push(w.finalApart(finals.map((s) => s.label).join(w.enumSep), groupDigits(model.finalTotal, model.locale)));
  return parts.length ? parts.join(' · ') : undefined;
}

/** How the text picture tags a state: "（起始状态）" / "(initial, final)". */
export const stateTag = (tags: readonly string[], w: Words): string => w.aside(tags.join(w.enumSep)).trim();

/** The keys a lifecycle needs: share bars when states are counted, the double border when a state is final. */
export function lifecycleLegend(model: LifecycleModel, theme: Theme): LegendKey[] {
  const words = wordsOf(model.locale);
  const w = words.legendText;
  const keys: LegendKey[] = [];
  if (model.total > 0) {
    keys.push({
      swatch: (x, y) => [
        { type: 'rect', x, y: y + 6, w: 26, h: 4, rx: 2, fill: theme.chip.fill, stroke: theme.border, strokeWidth: 0.5 },
        { type: 'rect', x, y: y + 6, w: 12, h: 4, rx: 2, fill: theme.accent },
      ],
      text: w.shareBar,
      txt: w.shareTxt,
    });
  }
  // The txt picture writes each rate as a number, so this key is the picture's only.
  if (model.transitions.some((t) => t.rate !== undefined)) keys.push({ swatch: (x, y) => [...lineSwatch(theme.edge, 1.5)(x, y - 4), ...lineSwatch(theme.edge, 4)(x, y + 4)], text: w.rateWidth, txt: '' });
  if (model.states.some((s) => s.final)) keys.push({ swatch: boxSwatch(theme.pain.fill, theme.pain.stroke, 2.5), text: w.shareFinal, txt: `${stateTag([words.final], words)}${words.colon}${w.finalTxt}` });
  return keys;
}

/** Styles a placed lifecycle into a scene: title, start marker, transitions, then states on top. */
export function lifecycleScene(model: LifecycleModel, placement: LifecyclePlacement, cards: Map<string, StateCard>, env: LayoutEnv): Scene {
  const theme = env.theme;
  const words = wordsOf(model.locale);
  const width = Math.max(placement.width, 320);
  const title = model.title ? wrapText(model.title, TITLE_SIZE, width, 'bold') : undefined;
  const line = totalLine(model, words);
  const subtitle = line ? wrapText(line, SUBTITLE_SIZE, width, 'normal') : undefined;
  const head = [title, subtitle].filter((t) => t !== undefined);
  const top = PAD + head.reduce((h, t) => h + t.height + 6, 0) + (head.length ? 6 : 0);
  const shift = (b: Box): Box => ({ x: b.x + PAD, y: b.y + top, w: b.w, h: b.h });
  const move = (pts: Point[]): Point[] => pts.map(([x, y]) => [x + PAD, y + top]);
  const items: SceneItem[] = [];
  if (head.length) {
    const children: SceneItem[] = [];
    let y = PAD;
    if (title) { children.push(textBlock(title, PAD, y, { size: TITLE_SIZE, weight: 'bold', fill: theme.title, anchor: 'start' })); y += title.height + 6; }
    if (subtitle) children.push(textBlock(subtitle, PAD, y, { size: SUBTITLE_SIZE, fill: theme.mutedText, anchor: 'start' }, 'jf-total'));
    items.push({ type: 'group', className: 'jf-title', children });
  }

  // The start marker is decoration, not a state or a transition: it carries neither jf-node nor jf-edge.
  const start = placement.nodes.get(START_ID);
  if (start && placement.startEdges.length) {
    const s = shift(start);
    items.push({
      type: 'group',
      className: 'jf-start',
      children: [
        { type: 'ellipse', cx: s.x + s.w / 2, cy: s.y + s.h / 2, rx: s.w / 2, ry: s.h / 2, fill: theme.edge, stroke: theme.edge, strokeWidth: 1 },
        ...placement.startEdges.filter((e) => e.points.length >= 2).map((e): SceneItem => ({ type: 'path', d: roundedPath(move(e.points)), stroke: theme.edge, strokeWidth: 1.5, markerEnd: 'arrow', className: 'jf-start-edge' })),
      ],
    });
  }

  const byId = new Map(model.states.map((s) => [s.id, s]));
  model.transitions.forEach((t, i) => {
    const placed = placement.edges[i];
    if (!placed || placed.points.length < 2) return;
    const width = t.rate !== undefined ? 1.5 + (2.5 * t.rate) / 100 : 1.5;
    const children: SceneItem[] = [{ type: 'path', d: roundedPath(move(placed.points)), stroke: theme.edge, strokeWidth: r1(width), markerEnd: 'arrow', className: 'jf-edge-path' }];
    const text = measureTransition(t);
    if (text && placed.label) {
      const b = shift(placed.label);
      children.push({ type: 'rect', x: b.x, y: b.y, w: b.w, h: b.h, rx: 3, fill: theme.edgeLabelBg, stroke: theme.border, strokeWidth: 0.8, opacity: 0.95, className: 'jf-edge-label-bg' });
      let y = b.y + (b.h - (text.label?.height ?? 0) - (text.rate?.height ?? 0)) / 2;
      if (text.label) { children.push(textBlock(text.label, b.x + b.w / 2, y, { size: EDGE_LABEL_SIZE, fill: theme.text }, 'jf-edge-label')); y += text.label.height; }
      if (text.rate) children.push(textBlock(text.rate, b.x + b.w / 2, y, { size: EDGE_LABEL_SIZE, weight: 'bold', fill: theme.accent }, 'jf-rate'));
    }
    const from = byId.get(t.from)?.label ?? t.from;
    const to = byId.get(t.to)?.label ?? t.to;
    const label = edgeTitleText(t, model.locale);
    const tip = `${from} → ${to}${label ? `${words.colon}${label}` : ''}${t.rate !== undefined ? words.aside(formatRate(t.rate)) : ''}`;
    items.push({ type: 'group', className: 'jf-edge', attrs: { 'data-from': t.from, 'data-to': t.to, ...(t.rate !== undefined ? { 'data-rate': String(t.rate) } : {}) }, tooltip: tip, children });
  });

  const meters: SceneItem[] = [];
  for (const s of model.states) {
    const b0 = placement.nodes.get(s.id);
    const card = cards.get(s.id);
    if (!b0 || !card) continue;
    const b = shift(b0);
    const paint = s.final ? theme.pain : theme.node;
    // Emphasis follows size: the bigger the state's share, the heavier its border.
    const share = s.count !== undefined && model.total > 0 && !s.final ? s.count / model.total : 0;
    const children: SceneItem[] = [{ type: 'path', d: cardPath(b, card), fill: paint.fill, stroke: paint.stroke, strokeWidth: r1(1.5 + 1.5 * share), className: 'jf-shape' }];
    for (const t of card.texts) {
      children.push(textBlock(t.text, b.x + t.dx, b.y + t.dy, { size: t.size, weight: t.weight, fill: textFill(t.role, s.final, theme), anchor: t.anchor }, `jf-${t.role}`));
    }
    const classes = ['jf-node', 'jf-state', ...(s.final ? ['jf-final'] : []), ...(s.initial ? ['jf-initial'] : [])].join(' ');
    const attrs: Record<string, string> = { 'data-id': s.id };
    if (s.count !== undefined) attrs['data-count'] = String(s.count);
    const shareText = shareOf(s, model.total);
    if (shareText) attrs['data-share'] = shareText;
    items.push({ type: 'group', className: classes, attrs, tooltip: stateTooltip(s, model, words), children });
    if (card.meter) {
      const m = card.meter;
      const x = b.x + m.dx;
      const y = b.y + m.dy;
      meters.push({
        type: 'group',
        className: 'jf-share',
        attrs: { 'data-id': s.id },
        children: [
          { type: 'rect', x, y, w: m.w, h: m.h, rx: m.h / 2, fill: theme.chip.fill, stroke: theme.border, strokeWidth: 0.5, className: 'jf-share-track' },
          ...(m.share > 0 ? [{ type: 'rect', x, y, w: Math.max(m.h, m.w * m.share), h: m.h, rx: m.h / 2, fill: s.final ? paint.stroke : theme.accent, className: 'jf-share-bar' } as SceneItem] : []),
        ],
      });
    }
  }
  items.push(...meters);

  return {
    kind: 'lifecycle',
    id: model.id,
    title: model.title || model.id,
    description: model.description || words.summary.lifecycle(model.states.length, model.transitions.reduce((n, t) => n + (t.bundle?.count ?? 1), 0)),
    width: Math.max(placement.width, title?.width ?? 0, subtitle?.width ?? 0) + 2 * PAD,
    height: placement.height + top + PAD,
    background: theme.background,
    fontFamily: FONT_FAMILY,
    markers: [{ id: 'arrow', d: ARROW, fill: theme.edge }],
    items,
  };
}
