import type { SourceDocument } from '../../load/document.js';
import { expandEdges, type EdgeOrigin } from '../../model/chain.js';
import { bundleParallelEdges, sumGiven, type EdgeBundle } from '../../model/parallel-edges.js';
import type { CommonModel } from '../types.js';

export const FLOW_NODE_TYPES = ['start', 'end', 'activity', 'decision', 'subprocess', 'document', 'data', 'database', 'wait', 'manual'] as const;
export type FlowNodeType = (typeof FLOW_NODE_TYPES)[number];
export type Direction = 'TB' | 'LR' | 'BT' | 'RL';

export interface FlowMetrics {
  duration?: string;
  /** Duration in seconds, parsed from `duration`. */
  seconds?: number;
  volume?: number;
  conversion?: number;
  satisfaction?: number;
}

export interface FlowNode {
  id: string;
  type: FlowNodeType;
  label: string;
  lane?: string;
  description?: string;
  owner?: string;
  pains: string[];
  opportunities: string[];
  link?: string;
  ref?: string;
  metrics: FlowMetrics;
  path: Array<string | number>;
}

export interface FlowEdge {
  from: string;
  to: string;
  label?: string;
  volume?: number;
  origin: EdgeOrigin;
  /** Set on a drawn edge that stands for many between the same two nodes (see drawnFlow). */
  bundle?: EdgeBundle;
}

export interface FlowLane {
  id: string;
  label: string;
  description?: string;
  path: Array<string | number>;
}

export interface FlowModel extends CommonModel {
  kind: 'flow';
  direction: Direction;
  highlight: 'bottlenecks' | 'none';
  lanes: FlowLane[];
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function durationSeconds(duration: string | undefined): number | undefined {
  const m = duration?.match(/^(\d+(?:\.\d+)?)([smhd])$/);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]] : undefined;
}

type Raw = Record<string, any>;
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Normalizes a schema-valid flow document into the typed model every later stage reads. */
export function buildFlowModel(doc: SourceDocument, common: CommonModel): FlowModel {
  const raw = doc.value as Raw;
  const lanes: FlowLane[] = (raw.lanes ?? []).map((l: Raw, i: number) => ({ id: l.id, label: l.label ?? l.id, description: l.description, path: ['lanes', i] }));
  const nodes: FlowNode[] = (raw.nodes ?? []).map((n: Raw, i: number) => ({
    id: String(n.id),
    type: (n.type ?? 'activity') as FlowNodeType,
    label: n.label ?? String(n.id),
    lane: n.lane,
    description: n.description,
    owner: n.owner,
    pains: texts(n.pains),
    opportunities: texts(n.opportunities),
    link: n.link,
    ref: n.ref,
    metrics: { ...(n.metrics ?? {}), seconds: durationSeconds(n.metrics?.duration) },
    path: ['nodes', i],
  }));
  const edges = expandEdges<FlowEdge>(raw.edges, 'edges', (o) => ({ label: o.label as string | undefined, volume: o.volume as number | undefined }));
  return { ...common, kind: 'flow', direction: raw.direction ?? 'TB', highlight: raw.highlight ?? 'none', lanes, nodes, edges };
}

/** The flow as drawn (SVG, txt, Mermaid): many parallel edges become one carrying their count and combined volume. */
export function drawnFlow(model: FlowModel): FlowModel {
  const edges = bundleParallelEdges(model.edges, model.locale, (group) => ({ volume: sumGiven(group.map((e) => e.volume)) }));
  return edges === model.edges ? model : { ...model, edges: [...edges] };
}

/** Stroke width of an edge carrying `volume` customers, in proportion to the largest flow. */
export function volumeStrokeWidth(volume: number | undefined, maxVolume: number): number {
  return volume !== undefined && maxVolume > 0 ? Math.round((1.5 + 4.5 * (volume / maxVolume)) * 10) / 10 : 1.5;
}

/** A flow of the same id and fields with no lanes, nodes or edges: the other side of a flow only one version has. */
export const emptyFlowModel = (like: FlowModel): FlowModel => ({ ...like, lanes: [], nodes: [], edges: [] });
