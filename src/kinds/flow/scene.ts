import { wrapText, type WrappedText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { FONT_FAMILY } from '../../render/themes.js';
import { roundedPath, type Box, type Point } from '../../scene/geometry.js';
import { attachToOutline, outlinePolygon } from '../../scene/outline.js';
import { shapeItem } from '../../scene/shapes.js';
import { textBlock } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import type { LayoutEnv } from '../types.js';
import { DETAIL_SIZE, EDGE_LABEL_SIZE, LABEL_SIZE, type NodeContent } from './measure.js';
import { volumeStrokeWidth, type FlowModel, type FlowNode, type FlowNodeType } from './model.js';
import type { FlowPlacement } from './placement.js';
import { durationText, groupDigits, percent, wordsOf, type Locale } from '../../model/locale.js';
import { boxSwatch, lineSwatch, type LegendKey } from '../../scene/legend.js';
import { edgeTitleText } from '../../model/parallel-edges.js';

/** Margin of the flow scene on every side (the title band comes on top of it). */
export const PAD = 24;
const TITLE_SIZE = 20;

const ARROW = 'M0,0 L10,5 L0,10 z';

function paintFor(type: FlowNodeType, theme: Theme) {
  switch (type) {
    case 'start':
    case 'end': return theme.terminal;
    case 'decision': return theme.decision;
    case 'subprocess': return theme.subprocess;
    case 'data':
    case 'database':
    case 'document': return theme.data;
    default: return theme.node;
  }
}

/** The node's tooltip: everything the caption shortens, in full and in the reader's words. */
function nodeTooltip(n: FlowNode, bottleneck: string | undefined, locale: Locale): string {
  const w = wordsOf(locale);
  const m = n.metrics;
  const figures = [m.duration && w.duration(durationText(m.duration, locale)), m.volume !== undefined && w.customers(groupDigits(m.volume, locale)), m.conversion !== undefined && w.conversion(percent(m.conversion)), m.satisfaction !== undefined && `${w.satisfaction(String(m.satisfaction))}/5`].filter(Boolean);
  const parts = [n.label, n.description, n.owner && `${w.owner}${w.colon}${n.owner}`, figures.join(' · '),
    n.pains.length && `${w.pains}${w.colon}${n.pains.join(w.listSep)}`, n.opportunities.length && `${w.opportunities}${w.colon}${n.opportunities.join(w.listSep)}`, bottleneck];
  return parts.filter(Boolean).join('\n');
}

/** The keys this flow's marks need: the bottleneck outline when one is marked, edge widths when edges carry volumes. */
export function flowLegend(model: FlowModel, facts: { bottlenecks: Map<string, string>; maxVolume: number }, theme: Theme): LegendKey[] {
  const w = wordsOf(model.locale).legendText;
  const keys: LegendKey[] = [];
  if (facts.bottlenecks.size) keys.push({ swatch: boxSwatch(theme.node.fill, theme.bottleneck, 2.5, '6 3'), text: w.bottleneck, txt: `▲ ${wordsOf(model.locale).bottleneck}` });
  if (model.edges.some((e) => e.volume !== undefined)) {
    keys.push({
      swatch: (x, y) => [...lineSwatch(theme.edge, 1.5)(x, y - 4), ...lineSwatch(theme.edge, 6)(x, y + 4)],
      text: w.edgeWidth,
      txt: w.edgeCount,
    });
  }
  return keys;
}

export interface FlowSceneInput {
  model: FlowModel;
  placement: FlowPlacement;
  content: Map<string, NodeContent>;
  edgeLabels: Array<WrappedText | undefined>;
  laneHeaders: WrappedText[];
  facts: { bottlenecks: Map<string, string>; maxVolume: number };
  env: LayoutEnv;
}

/** Puts an edge end on a node's drawn outline; each node's outline sampled once, however many edges it has. */
function outlineAttacher(content: FlowSceneInput['content'], boxes: Map<string, Box>): (end: Point, from: Point, id: string) => Point {
  const outlines = new Map<string, Point[]>();
  return (end, from, id) => {
    const shape = content.get(id)!.shape;
    const box = boxes.get(id)!;
    let outline = outlines.get(id);
    if (!outline) outlines.set(id, (outline = outlinePolygon(shape, box)));
    return attachToOutline(end, from, shape, box, outline);
  };
}

/** Styles a placed flow into a scene: lanes, then edges, then nodes on top. */
export function flowScene({ model, placement, content, edgeLabels, laneHeaders, facts, env }: FlowSceneInput): Scene {
  const theme = env.theme;
  // The title wraps at the drawing's width (at least 320 px) and the canvas is as wide as the
  // wider of the two, so a narrow flow's long title is never cut at the right edge.
  const title = model.title ? wrapText(model.title, TITLE_SIZE, Math.max(placement.width, 320), 'bold') : undefined;
  const width = Math.max(placement.width, title?.width ?? 0);
  const top = PAD + (title ? title.height + 12 : 0);
  const ox = PAD;
  const shift = (b: Box): Box => ({ x: b.x + ox, y: b.y + top, w: b.w, h: b.h });
  const items: SceneItem[] = [];
  if (title) items.push({ type: 'group', className: 'jf-title', children: [textBlock(title, ox, PAD, { size: TITLE_SIZE, weight: 'bold', fill: theme.title, anchor: 'start' })] });

  placement.lanes.forEach((lane, i) => {
    const band = shift(lane.band);
    const header = shift(lane.header);
    const declared = i < model.lanes.length;
    const text = laneHeaders[i];
    items.push({
      type: 'group',
      className: declared ? 'jf-lane' : 'jf-lane-unassigned',
      attrs: declared ? { 'data-id': lane.id } : undefined,
      tooltip: declared ? model.lanes[i].description : undefined,
      children: [
        { type: 'rect', x: band.x, y: band.y, w: band.w, h: band.h, fill: theme.lane.fills[i % 2], stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-lane-band' },
        { type: 'rect', x: header.x, y: header.y, w: header.w, h: header.h, fill: theme.lane.header, stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-lane-header' },
        ...(text ? [textBlock(text, header.x + header.w / 2, header.y + (header.h - text.height) / 2, { size: LABEL_SIZE, weight: 'bold', fill: theme.lane.headerText })] : []),
      ],
    });
  });

  const boxes = new Map([...placement.nodes].map(([id, b]) => [id, shift(b)]));
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  // Both ends sit on the drawn outline, not on the bounding box, so arrows touch slanted and curved sides.
  const attach = outlineAttacher(content, boxes);
  model.edges.forEach((e, i) => {
    const placed = placement.edges[i];
    if (!placed || placed.points.length < 2) return;
    const pts: Point[] = placed.points.map(([x, y]) => [x + ox, y + top]);
    const from = nodeById.get(e.from)!;
    const to = nodeById.get(e.to)!;
    pts[0] = attach(pts[0], pts[1], from.id);
    pts[pts.length - 1] = attach(pts[pts.length - 1], pts[pts.length - 2], to.id);
    const children: SceneItem[] = [{ type: 'path', d: roundedPath(pts), stroke: theme.edge, strokeWidth: volumeStrokeWidth(e.volume, facts.maxVolume), markerEnd: 'arrow', className: 'jf-edge-path' }];
    const label = edgeLabels[i];
    if (label && placed.label) {
      const b = shift(placed.label);
      children.push(
        { type: 'rect', x: b.x, y: b.y, w: b.w, h: b.h, rx: 3, fill: theme.edgeLabelBg, stroke: theme.border, strokeWidth: 0.8, opacity: 0.95, className: 'jf-edge-label-bg' },
        textBlock(label, b.x + b.w / 2, b.y + (b.h - label.height) / 2, { size: EDGE_LABEL_SIZE, fill: theme.text }, 'jf-edge-label'),
      );
    }
    const text = edgeTitleText(e, model.locale);
    const w = wordsOf(model.locale);
    const tip = `${from.label} → ${to.label}${text ? `${w.colon}${text}` : ''}${e.volume !== undefined ? w.aside(w.customers(groupDigits(e.volume, model.locale))) : ''}`;
    items.push({ type: 'group', className: 'jf-edge', attrs: { 'data-from': e.from, 'data-to': e.to, ...(e.volume !== undefined ? { 'data-volume': String(e.volume) } : {}) }, tooltip: tip, children });
  });

  for (const n of model.nodes) {
    const b = boxes.get(n.id);
    const c = content.get(n.id);
    if (!b || !c) continue;
    const bottleneck = facts.bottlenecks.get(n.id);
    const paint = paintFor(n.type, theme);
    const shape = shapeItem(c.shape, b, { fill: paint.fill, stroke: bottleneck ? theme.bottleneck : paint.stroke, strokeWidth: bottleneck ? 3 : 1.5, dash: bottleneck ? '6 3' : undefined });
    const cy = b.y + b.h / 2 + (c.shape === 'cylinder' ? 4 : c.shape === 'document' ? -3 : 0);
    const textTop = cy - c.textH / 2;
    const children: SceneItem[] = [shape, textBlock(c.label, b.x + b.w / 2, textTop, { size: LABEL_SIZE, fill: theme.text }, 'jf-label')];
    if (c.detail) children.push(textBlock(c.detail, b.x + b.w / 2, textTop + c.label.height + 4, { size: DETAIL_SIZE, fill: bottleneck ? theme.bottleneck : theme.mutedText }, 'jf-detail'));
    const link = n.type === 'subprocess' && n.ref ? env.linkFor(n.ref) ?? n.link : n.link;
    const classes = ['jf-node', `jf-${n.type}`, ...(bottleneck ? ['jf-bottleneck'] : [])].join(' ');
    items.push({
      type: 'group',
      className: classes,
      attrs: { 'data-id': n.id, ...(n.lane ? { 'data-lane': n.lane } : {}) },
      tooltip: nodeTooltip(n, bottleneck, model.locale),
      link,
      children,
    });
  }

  return {
    kind: 'flow',
    id: model.id,
    title: model.title || model.id,
    description: model.description || wordsOf(model.locale).summary.flow(model.nodes.length, model.lanes.length),
    width: width + 2 * PAD,
    height: placement.height + top + PAD,
    background: theme.background,
    fontFamily: FONT_FAMILY,
    markers: [{ id: 'arrow', d: ARROW, fill: theme.edge }],
    items,
  };
}
