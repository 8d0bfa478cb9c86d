import { measureLine, wrapText, type WrappedText } from '../../layout/text.js';
import { shapeBox, type ShapeKind } from '../../scene/shapes.js';
import { compactCount, durationText, firstItems, groupDigits, percent, wordsOf, type Locale } from '../../model/locale.js';
import type { FlowModel, FlowNode, FlowNodeType } from './model.js';

export const LABEL_SIZE = 14;
export const DETAIL_SIZE = 11;
export const EDGE_LABEL_SIZE = 12;

export const SHAPE_OF: Record<FlowNodeType, ShapeKind> = {
  start: 'stadium',
  end: 'stadium',
  activity: 'rounded',
  decision: 'diamond',
  subprocess: 'subprocess',
  document: 'document',
  data: 'parallelogram',
  database: 'cylinder',
  wait: 'delay',
  manual: 'trapezoid',
};

export interface NodeContent {
  shape: ShapeKind;
  label: WrappedText;
  detail?: WrappedText;
  /** Text block size (label plus detail). */
  textW: number;
  textH: number;
  w: number;
  h: number;
}

/** Between figures; the no-break space keeps each dot at the end of a line, never at the start of the next. */
const SEP = '\u00a0· ';

/** At most this many pains (opportunities) are written out on a node; the rest are counted ("+2"). */
const LISTED = 2;

/**
 * Per-node caption under the label, in the reader's words: the figures (duration, customers,
 * conversion, satisfaction, customers lost), then the first pains and opportunities as text, then
 * the owner. A bottleneck starts with "▲ 瓶颈" / "▲ Bottleneck", the mark the legend explains.
 */
export function detailLine(node: FlowNode, dropOff: number | undefined, bottleneck: boolean, locale: Locale): string {
  const w = wordsOf(locale);
  const m = node.metrics;
  const figures: string[] = [];
  if (m.duration) figures.push(w.duration(durationText(m.duration, locale)));
  if (m.volume !== undefined) figures.push(w.customers(compactCount(m.volume, locale)));
  if (m.conversion !== undefined) figures.push(w.conversion(percent(m.conversion)));
  if (m.satisfaction !== undefined) figures.push(w.satisfaction(String(m.satisfaction)));
  if (dropOff !== undefined && dropOff > 0) figures.push(w.lost(compactCount(dropOff, locale)));
  if (bottleneck) figures.unshift(`▲ ${w.bottleneck}`);
  const lines = figures.length ? [figures.join(SEP)] : [];
  if (node.pains.length) lines.push(`${w.pains}${w.colon}${firstItems(node.pains, LISTED, locale)}`);
  if (node.opportunities.length) lines.push(`${w.opportunities}${w.colon}${firstItems(node.opportunities, LISTED, locale)}`);
  if (node.owner) lines.push(`${w.owner}${w.colon}${node.owner}`);
  return lines.join('\n');
}

const MAX_LABEL_WIDTH: Partial<Record<FlowNodeType, number>> = { decision: 130, start: 170, end: 170 };

/**
 * Breaks the caption's lines only between whole figures ("时长 8 分钟 · 1 800 人" never becomes
 * "时长 8 分 / 钟"): figures are packed greedily into lines no wider than `maxW`. A figure wider than
 * `maxW` alone, and the pains and owner lines, are left for wrapText.
 */
export function packFigures(detail: string, maxW: number): string {
  // Room for the dot a broken line ends with.
  const budget = maxW - measureLine(SEP, DETAIL_SIZE);
  return detail.split('\n').map((line) => {
    const out: string[] = [];
    for (const part of line.split(SEP)) {
      const last = out.length ? out[out.length - 1] : undefined;
      if (last !== undefined && measureLine(last + SEP + part, DETAIL_SIZE) <= budget) out[out.length - 1] = last + SEP + part;
      else out.push(part);
    }
    // The separator stays at the end of a line, as the reader's eye expects more to follow.
    return out.join(`${SEP.trimEnd()}\n`);
  }).join('\n');
}

/** Sizes every node from its wrapped text so the text always fits inside the symbol. */
export function measureNode(node: FlowNode, detail: string): NodeContent {
  const shape = SHAPE_OF[node.type];
  const label = wrapText(node.label, LABEL_SIZE, MAX_LABEL_WIDTH[node.type] ?? 180, 'normal');
  const detailW = Math.max(label.width, 170);
  const det = detail ? wrapText(packFigures(detail, detailW), DETAIL_SIZE, detailW, 'normal') : undefined;
  const textW = Math.max(label.width, det?.width ?? 0);
  const textH = label.height + (det ? det.height + 4 : 0);
  const { w, h } = shapeBox(shape, textW, textH, node.type === 'decision' ? 100 : 110, node.type === 'decision' ? 60 : 44);
  return { shape, label, detail: det, textW, textH, w, h };
}

export function measureEdgeLabel(text: string): WrappedText {
  return wrapText(text, EDGE_LABEL_SIZE, 140, 'normal');
}

/** Volume-derived facts: drop-off per node and the bottleneck nodes with the reason for each. */
export function flowFacts(model: FlowModel): { dropOff: Map<string, number>; bottlenecks: Map<string, string>; maxVolume: number } {
  const inVol = new Map<string, number>();
  const outVol = new Map<string, number>();
  let maxVolume = 0;
  for (const e of model.edges) {
    if (e.volume === undefined) continue;
    maxVolume = Math.max(maxVolume, e.volume);
    inVol.set(e.to, (inVol.get(e.to) ?? 0) + e.volume);
    outVol.set(e.from, (outVol.get(e.from) ?? 0) + e.volume);
  }
  const dropOff = new Map<string, number>();
  for (const n of model.nodes) {
    const incoming = n.metrics.volume ?? inVol.get(n.id);
    const outgoing = outVol.get(n.id);
    if (incoming !== undefined && outgoing !== undefined && n.type !== 'end') dropOff.set(n.id, Math.max(0, incoming - outgoing));
    if (n.metrics.volume !== undefined) maxVolume = Math.max(maxVolume, n.metrics.volume);
  }
  const bottlenecks = model.highlight === 'bottlenecks' ? findBottlenecks(model, dropOff) : new Map<string, string>();
  return { dropOff, bottlenecks, maxVolume };
}

/** The one node that is worst by `score` (highest wins), if any scores. */
function worstBy(nodes: readonly FlowNode[], score: (n: FlowNode) => number | undefined): FlowNode | undefined {
  let worst: [FlowNode, number] | undefined;
  for (const n of nodes) {
    const s = score(n);
    if (s !== undefined && (!worst || s > worst[1])) worst = [n, s];
  }
  return worst?.[0];
}

/**
 * The bottlenecks of `highlight: bottlenecks`: the step losing the most customers (edge volumes),
 * the step with the lowest written `conversion` below 100 %, and the slowest step. Reasons are in
 * the reader's words; a step that is worst twice gets both.
 */
function findBottlenecks(model: FlowModel, dropOff: ReadonlyMap<string, number>): Map<string, string> {
  const w = wordsOf(model.locale);
  const found = new Map<string, string[]>();
  const add = (n: FlowNode | undefined, why: string) => { if (n) found.set(n.id, [...(found.get(n.id) ?? []), why]); };
  const drop = worstBy(model.nodes, (n) => ((dropOff.get(n.id) ?? 0) > 0 ? dropOff.get(n.id) : undefined));
  add(drop, w.highestDrop(w.customers(groupDigits(dropOff.get(drop?.id ?? '') ?? 0, model.locale))));
  const low = worstBy(model.nodes, (n) => (n.metrics.conversion !== undefined && n.metrics.conversion < 100 ? -n.metrics.conversion : undefined));
  add(low, w.lowestConversion(percent(low?.metrics.conversion ?? 0)));
  const slow = worstBy(model.nodes, (n) => n.metrics.seconds);
  add(slow, w.slowest(durationText(slow?.metrics.duration ?? '', model.locale)));
  return new Map([...found].map(([id, why]) => [id, `${w.bottleneck}${w.colon}${why.join(w.listSep)}`]));
}
