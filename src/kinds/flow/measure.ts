import { wrapText, type WrappedText } from '../../layout/text.js';
import { shapeBox, type ShapeKind } from '../../scene/shapes.js';
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

const compact = (n: number): string => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : String(n));

/** Per-node figures shown under the label: duration, volume, conversion, satisfaction, drop-off, owner. */
export function detailLine(node: FlowNode, dropOff: number | undefined, bottleneck: boolean): string {
  const m = node.metrics;
  const parts: string[] = [];
  if (m.duration) parts.push(m.duration);
  if (m.volume !== undefined) parts.push(`×${compact(m.volume)}`);
  if (m.conversion !== undefined) parts.push(`→${m.conversion}%`);
  if (m.satisfaction !== undefined) parts.push(`★${m.satisfaction}`);
  if (dropOff !== undefined && dropOff > 0) parts.push(`↓${compact(dropOff)}`);
  if (node.pains.length) parts.push(`⚠${node.pains.length}`);
  if (node.opportunities.length) parts.push(`✚${node.opportunities.length}`);
  if (bottleneck) parts.unshift('▲');
  // A no-break space keeps each separator dot at the end of a line, never at the start of the next.
  let line = parts.join('\u00a0· ');
  if (node.owner) line += (line ? '\n' : '') + `@${node.owner}`;
  return line;
}

const MAX_LABEL_WIDTH: Partial<Record<FlowNodeType, number>> = { decision: 130, start: 170, end: 170 };

/** Sizes every node from its wrapped text so the text always fits inside the symbol. */
export function measureNode(node: FlowNode, detail: string): NodeContent {
  const shape = SHAPE_OF[node.type];
  const label = wrapText(node.label, LABEL_SIZE, MAX_LABEL_WIDTH[node.type] ?? 180, 'normal');
  const det = detail ? wrapText(detail, DETAIL_SIZE, Math.max(label.width, 150), 'normal') : undefined;
  const textW = Math.max(label.width, det?.width ?? 0);
  const textH = label.height + (det ? det.height + 4 : 0);
  const { w, h } = shapeBox(shape, textW, textH, node.type === 'decision' ? 100 : 110, node.type === 'decision' ? 60 : 44);
  return { shape, label, detail: det, textW, textH, w, h };
}

export function measureEdgeLabel(text: string): WrappedText {
  return wrapText(text, EDGE_LABEL_SIZE, 140, 'normal');
}

/** Volume-derived facts: drop-off per node and the bottleneck nodes (highest drop-off, longest duration). */
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
  const bottlenecks = new Map<string, string>();
  if (model.highlight === 'bottlenecks') {
    let worstDrop: [string, number] | undefined;
    for (const [id, d] of dropOff) if (d > 0 && (!worstDrop || d > worstDrop[1])) worstDrop = [id, d];
    if (worstDrop) bottlenecks.set(worstDrop[0], `bottleneck: highest drop-off (${worstDrop[1]} customers)`);
    let slowest: FlowNode | undefined;
    for (const n of model.nodes) if (n.metrics.seconds !== undefined && (!slowest || n.metrics.seconds > slowest.metrics.seconds!)) slowest = n;
    if (slowest) {
      const prev = bottlenecks.get(slowest.id);
      const why = `bottleneck: longest duration (${slowest.metrics.duration})`;
      bottlenecks.set(slowest.id, prev ? `${prev}; ${why}` : why);
    }
  }
  return { dropOff, bottlenecks, maxVolume };
}
