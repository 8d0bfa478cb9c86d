import { cellKey, centre, GUTTER_MARGIN, NODE_GAP, onwardDown, TRACK, type FrameNode, type Route } from './lane-frame.js';

/*
 * The phases across the flow: lane bands sized to their widest cell and their gutters, nodes set
 * side by side in their lane, and the ports where routes leave and enter them.
 */

/** The lanes across the flow: where each band starts, how wide it is, and the gutters between. */
export interface LaneBands {
  start: number[];
  width: number[];
  /** Indexed by gutter: gutter g lies on the boundary before lane g. */
  gutterWidth: number[];
  total: number;
}

/** Narrowest lane band, so that even an empty lane reads as a lane. */
const MIN_LANE_WIDTH = 120;

/** Space kept free of nodes on each side of a lane: half of a shared gutter, all of an outer one. */
function reserves(gutterWidth: readonly number[], lane: number): { left: number; right: number } {
  const laneCount = gutterWidth.length - 1;
  return {
    left: lane === 0 ? gutterWidth[0] : gutterWidth[lane] / 2,
    right: lane === laneCount - 1 ? gutterWidth[laneCount] : gutterWidth[lane + 1] / 2,
  };
}

/** Phase 5, band sizing: each lane as wide as its widest cell plus its gutters, its header, and at least MIN_LANE_WIDTH. */
export function sizeLanes(cells: ReadonlyMap<string, readonly FrameNode[]>, gutterWidth: readonly number[], headerCross: readonly number[], layers: number): LaneBands {
  const laneCount = gutterWidth.length - 1;
  const width: number[] = [];
  for (let l = 0; l < laneCount; l++) {
    let inner = 0;
    for (let y = 0; y < layers; y++) {
      const list = cells.get(cellKey(l, y)) ?? [];
      inner = Math.max(inner, list.reduce((s, f) => s + f.cw, 0) + Math.max(0, list.length - 1) * NODE_GAP);
    }
    const { left, right } = reserves(gutterWidth, l);
    width.push(Math.max(inner + left + right + 2 * GUTTER_MARGIN, headerCross[l] ?? 0, MIN_LANE_WIDTH));
  }
  const start: number[] = [];
  let acc = 0;
  for (let l = 0; l < laneCount; l++) { start.push(acc); acc += width[l]; }
  return { start, width, gutterWidth: [...gutterWidth], total: acc };
}

/** Where a gutter's track lies across the flow: tracks TRACK apart from the gutter's first, a margin in from its edge. */
export function gutterU(bands: LaneBands, g: number, track: number): number {
  const laneCount = bands.width.length;
  const base = g === 0 ? 0 : g === laneCount ? bands.total : bands.start[g];
  const w = bands.gutterWidth[g];
  const first = g === 0 ? base + GUTTER_MARGIN : g === laneCount ? base - w + GUTTER_MARGIN : base - w / 2 + GUTTER_MARGIN;
  return first + track * TRACK;
}

/** The part of a lane that nodes may take: between its gutters' reserves and their margins. */
function freeMiddle(bands: LaneBands, lane: number): { left: number; right: number } {
  const { left, right } = reserves(bands.gutterWidth, lane);
  return { left: bands.start[lane] + left + GUTTER_MARGIN, right: bands.start[lane] + bands.width[lane] - right - GUTTER_MARGIN };
}

/** Phase 6, node placement across: each cell's nodes side by side, centred in the lane's free middle. */
export function placeAcross(cells: ReadonlyMap<string, readonly FrameNode[]>, bands: LaneBands): void {
  for (const list of cells.values()) {
    const { left, right } = freeMiddle(bands, list[0].lane);
    const total = list.reduce((s, f) => s + f.cw, 0) + (list.length - 1) * NODE_GAP;
    let u = left + (right - left - total) / 2;
    for (const f of list) { f.u = u; u += f.cw + NODE_GAP; }
  }
}

/**
 * Phase 6b: a node alone in its cell, linked within its lane to exactly one node of a layer before
 * or after (nothing of the lane in the layers between) that already has its place (a node set
 * beside others in its cell, or one aligned here), moves across to line up with it, as far as its lane's free middle allows; a chain of such nodes
 * follows one by one. Centred in the lane instead, a node above a decision set beside another node
 * sent its edge into the diamond's slant, and a loop round the diamond went further out.
 */
export function alignLoneNodes(cells: ReadonlyMap<string, readonly FrameNode[]>, routes: readonly Route[], bands: LaneBands): void {
  const placed = new Set<FrameNode>();
  const lone: FrameNode[] = [];
  for (const list of cells.values()) {
    if (list.length > 1) list.forEach((f) => placed.add(f));
    else lone.push(list[0]);
  }
  const linked = new Map<FrameNode, FrameNode[]>();
  const link = (a: FrameNode, b: FrameNode) => (linked.get(a) ?? linked.set(a, []).get(a)!).push(b);
  // An edge within a lane links its ends when nothing of that lane stands in the layers between (it runs straight down the lane).
  const clearBetween = (r: Route) => {
    for (let y = r.from.layer + 1; y < r.to.layer; y++) if (cells.has(cellKey(r.from.lane, y))) return false;
    return true;
  };
  for (const r of routes) if (r.from.lane === r.to.lane && r.to.layer > r.from.layer && clearBetween(r)) { link(r.from, r.to); link(r.to, r.from); }
  // Down the layers, then up: a chain lines up from whichever end holds its anchor.
  const byLayer = [...lone].sort((a, b) => a.layer - b.layer || a.lane - b.lane);
  for (const order of [byLayer, [...byLayer].reverse()]) {
    for (const f of order) {
      if (placed.has(f)) continue;
      const anchors = [...new Set(linked.get(f) ?? [])].filter((n) => placed.has(n));
      if (anchors.length !== 1) continue;
      const { left, right } = freeMiddle(bands, f.lane);
      f.u = Math.min(Math.max(centre(anchors[0]) - f.cw / 2, left), right - f.cw);
      placed.add(f);
    }
  }
}

/**
 * Spreads the routes at one side of a node over its ports, ordered so that their runs in the
 * channel need not cross (see channel-tracks.ts). Routes whose far end comes the usual way (from
 * above into the top, on down from the bottom) are ordered by where that end is; those whose far
 * end comes the other way (a gutter back from a loop) take the outer ports, nearest outermost.
 */
function spread(node: FrameNode, list: readonly Route[], far: (r: Route) => { x: number; usual: boolean }, set: (r: Route, port: number) => void): void {
  const key = (r: Route): [number, number] => {
    const { x, usual } = far(r);
    const left = x < centre(node);
    return usual ? [left ? 1 : 2, x] : [left ? 0 : 3, -x];
  };
  const sorted = list.map((r) => ({ r, k: key(r) })).sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.r.edge - b.r.edge);
  sorted.forEach(({ r }, k) => set(r, (k + 1) / (sorted.length + 1)));
}

/** Phase 7, ports: outgoing routes leave the bottom side of their source, incoming ones enter the top of their target. */
export function assignPorts(routes: readonly Route[], bands: LaneBands): void {
  const outgoing = new Map<FrameNode, Route[]>();
  const incoming = new Map<FrameNode, Route[]>();
  for (const r of routes) {
    (outgoing.get(r.from) ?? outgoing.set(r.from, []).get(r.from)!).push(r);
    (incoming.get(r.to) ?? incoming.set(r.to, []).get(r.to)!).push(r);
  }
  const viaGutterEnd = (r: Route) => ({ x: gutterU(bands, r.gutter!, 0), usual: onwardDown(r) });
  for (const [node, list] of outgoing) spread(node, list, (r) => (r.gutter !== undefined ? viaGutterEnd(r) : { x: centre(r.to), usual: true }), (r, p) => { r.portOut = p; });
  for (const [node, list] of incoming) spread(node, list, (r) => (r.gutter !== undefined ? viaGutterEnd(r) : { x: centre(r.from), usual: true }), (r, p) => { r.portIn = p; });
}
