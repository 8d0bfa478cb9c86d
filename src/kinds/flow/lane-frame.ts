/*
 * The swimlane layout's frame and its first phases. Everything is computed in a frame where the
 * flow runs downward: u across the flow, v along it; lanes are vertical bands, layers horizontal
 * rows, and the channel c is the node-free band below layer c (channel -1 lies above layer 0).
 */

export const TRACK = 9; // distance between parallel edge segments
export const CHANNEL_MARGIN = 12;
export const GUTTER_MARGIN = 10;
export const NODE_GAP = 28; // between nodes of one lane in one layer
export const LABEL_GAP = 4;

/** A size turned into the frame: `cross` across the flow, `main` along it. */
export interface FrameSize { cross: number; main: number }

export interface FrameNode {
  id: string;
  lane: number;
  layer: number;
  /** Rank inside its layer, across the flow. */
  order: number;
  /** Extent across the flow (cw) and along it (mh). */
  cw: number;
  mh: number;
  u: number;
  v: number;
}

export interface ChannelRunPlace {
  channel: number;
  a: number;
  b: number;
  track: number;
}

export interface Route {
  /** Index of the edge in the model. */
  edge: number;
  from: FrameNode;
  to: FrameNode;
  /** Horizontal runs: the channel and the u-interval they occupy. */
  runs: ChannelRunPlace[];
  /** The gutter of a route that does not go straight to the next layer. */
  gutter?: number;
  gutterTrack: number;
  /** Where on the node's side the route leaves and enters, 0 to 1 across it. */
  portOut: number;
  portIn: number;
  /** The label box in the frame (text plus padding). */
  label?: FrameSize;
  labelRow: number;
}

/** An edge to route: its model index, its ends, and its label box in the frame. */
export interface FrameEdge { edge: number; from: string; to: string; label?: FrameSize }

/** A document-oriented size turned into the frame of a flow running `across` (TB, BT) or along (LR, RL). */
export function toFrame(across: boolean, w: number, h: number): FrameSize {
  return across ? { cross: w, main: h } : { cross: h, main: w };
}

/**
 * Phase 1, layers: a frame node for every node of the layers (first to last, each in order across
 * the flow), with its lane and its size in the frame.
 */
export function frameNodes(layers: readonly string[][], laneOf: (id: string) => number, size: (id: string) => FrameSize): Map<string, FrameNode> {
  const frame = new Map<string, FrameNode>();
  layers.forEach((ids, layer) => ids.forEach((id, order) => {
    const { cross, main } = size(id);
    frame.set(id, { id, lane: laneOf(id), layer, order, cw: cross, mh: main, u: 0, v: 0 });
  }));
  return frame;
}

/** Key of the cell where a lane and a layer meet. */
export const cellKey = (lane: number, layer: number): string => `${lane}:${layer}`;

/** Phase 2, cells: the nodes of each lane × layer cell, in their order across the flow. */
export function groupCells(nodes: Iterable<FrameNode>): Map<string, FrameNode[]> {
  const cells = new Map<string, FrameNode[]>();
  for (const f of nodes) {
    const key = cellKey(f.lane, f.layer);
    (cells.get(key) ?? cells.set(key, []).get(key)!).push(f);
  }
  for (const list of cells.values()) list.sort((a, b) => a.order - b.order);
  return cells;
}

/** Phase 3, routes: one per edge, not yet given a gutter, ports or tracks. */
export function buildRoutes(edges: readonly FrameEdge[], frame: ReadonlyMap<string, FrameNode>): Route[] {
  return edges.map((e) => ({ edge: e.edge, from: frame.get(e.from)!, to: frame.get(e.to)!, runs: [], gutterTrack: 0, portOut: 0.5, portIn: 0.5, label: e.label, labelRow: 0 }));
}

/** A route that does not go straight to the next layer runs through a gutter. */
export const viaGutter = (r: Route): boolean => r.to.layer !== r.from.layer + 1;
/** A gutter route runs on down when its target lies more than one layer below, else back up. */
export const onwardDown = (r: Route): boolean => r.to.layer - 1 > r.from.layer;

export const centre = (f: FrameNode): number => f.u + f.cw / 2;

/** Where a port lies across the flow; wide nodes keep their ports off the corners. */
export const portU = (f: FrameNode, p: number): number => f.u + f.cw * (f.cw > 60 ? 0.2 + 0.6 * p : p);
