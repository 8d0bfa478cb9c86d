import { ORDER_ONLY_OPTIONS, runElk } from '../../layout/elk.js';
import type { WrappedText } from '../../layout/text.js';
import type { Box, Point } from '../../scene/geometry.js';
import type { NodeContent } from './measure.js';
import type { FlowModel } from './model.js';
import type { FlowPlacement } from './placement.js';
import { assignTracks, type ChannelRun } from './channel-tracks.js';

/*
 * Swimlane layout. ELK's layered algorithm decides the layers and the order inside each layer; lanes
 * then become straight bands parallel to the flow, and every node is placed inside its lane's band.
 * Edges run orthogonally through node-free space only: the channels between layers and the gutters
 * along each lane's sides, so no edge can cross a node. Everything is computed in a frame where the
 * flow runs downward (u across, v along the flow) and turned to the document's direction at the end.
 */

const TRACK = 9; // distance between parallel edge segments
const CHANNEL_MARGIN = 12;
const GUTTER_MARGIN = 10;
const NODE_GAP = 28; // between nodes of one lane in one layer
const LABEL_GAP = 4;

/**
 * Only ELK's layering and in-layer order are used here, so its costly steps whose results we
 * replace (coordinate assignment, orthogonal routing) run in their cheapest form: on a 1 000-node
 * flow this takes the layout from ~1 s to ~0.4 s.
 */
export const LANE_ORDER_OPTIONS = ORDER_ONLY_OPTIONS;

interface FrameNode { id: string; lane: number; layer: number; order: number; cw: number; mh: number; u: number; v: number }
interface Route {
  edge: number;
  from: FrameNode;
  to: FrameNode;
  /** Horizontal runs: the channel and the u-interval they occupy. */
  runs: Array<{ channel: number; a: number; b: number; track: number }>;
  gutter?: number;
  gutterTrack: number;
  portOut: number;
  portIn: number;
  label?: WrappedText;
  labelRow: number;
}

export async function placeInLanes(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>, headers: WrappedText[]): Promise<FlowPlacement> {
  const across = model.direction === 'TB' || model.direction === 'BT';
  const frameSize = (c: NodeContent) => (across ? { cw: c.w, mh: c.h } : { cw: c.h, mh: c.w });
  const laneIndex = new Map(model.lanes.map((l, i) => [l.id, i]));
  const laneCount = model.lanes.length + (model.nodes.some((n) => n.lane === undefined || !laneIndex.has(n.lane)) ? 1 : 0);
  const known = new Set(model.nodes.map((n) => n.id));
  const validEdges = model.edges.map((e, i) => ({ e, i })).filter(({ e }) => known.has(e.from) && known.has(e.to));

  // 1. Layers and in-layer order from ELK (flow downward, in the frame).
  const out = await runElk({
    id: 'root',
    layoutOptions: LANE_ORDER_OPTIONS,
    children: model.nodes.map((n) => ({ id: n.id, width: frameSize(content.get(n.id)!).cw, height: frameSize(content.get(n.id)!).mh })),
    edges: validEdges.map(({ e, i }) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  const pos = new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, h: c.height ?? 0 }]));
  const byMain = [...model.nodes].sort((a, b) => pos.get(a.id)!.y - pos.get(b.id)!.y || pos.get(a.id)!.x - pos.get(b.id)!.x);
  const frame = new Map<string, FrameNode>();
  let layer = -1;
  let layerBottom = -Infinity;
  for (const n of byMain) {
    const p = pos.get(n.id)!;
    if (p.y >= layerBottom - 0.5) { layer++; layerBottom = p.y + p.h; } else layerBottom = Math.max(layerBottom, p.y + p.h);
    const size = frameSize(content.get(n.id)!);
    frame.set(n.id, { id: n.id, lane: n.lane !== undefined && laneIndex.has(n.lane) ? laneIndex.get(n.lane)! : laneCount - 1, layer, order: p.x, ...size, u: 0, v: 0 });
  }
  const layers = layer + 1;

  // 2. Cells (lane × layer) in ELK order; lane widths from their widest cell.
  const cells = new Map<string, FrameNode[]>();
  for (const f of frame.values()) {
    const key = `${f.lane}:${f.layer}`;
    (cells.get(key) ?? cells.set(key, []).get(key)!).push(f);
  }
  for (const list of cells.values()) list.sort((a, b) => a.order - b.order);

  // 3. Routes (abstract): ports, channels, gutters.
  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  const routes: Route[] = validEdges.map(({ e, i }, k) => {
    (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(k);
    (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(k);
    return { edge: i, from: frame.get(e.from)!, to: frame.get(e.to)!, runs: [], gutterTrack: 0, portOut: 0.5, portIn: 0.5, label: labels[i], labelRow: 0 };
  });

  // Lane widths need gutter widths, which need the routes' gutter choice, which only needs lane order.
  const gutterUse = new Array(laneCount + 1).fill(0); // gutter g lies on the boundary before lane g
  const direct = routes.filter((r) => r.to.layer === r.from.layer + 1);
  const viaGutter = routes.filter((r) => r.to.layer !== r.from.layer + 1);
  // How many edges between neighbouring layers cross boundary g in channels before c (prefix sums
  // over channels), so a gutter's vertical can be charged for the runs it would cut through.
  const crossedBefore = Array.from({ length: laneCount + 1 }, () => new Array<number>(layers + 1).fill(0));
  for (const r of direct) for (let g = Math.min(r.from.lane, r.to.lane) + 1; g <= Math.max(r.from.lane, r.to.lane); g++) crossedBefore[g][r.from.layer + 1]++;
  for (const row of crossedBefore) for (let c = 1; c <= layers; c++) row[c] += row[c - 1];
  const chooseGutter = (r: Route): number => {
    const a = r.from.lane;
    const b = r.to.lane;
    // Within a lane: loops back run along its left side, long forward edges along its right side;
    // between lanes, a boundary between the two. That is the choice unless another gutter avoids
    // cutting through edges: each crossing weighs as much as a lane and a half of detour.
    const preferred = a === b ? (r.to.layer <= r.from.layer ? a : a + 1) : Math.max(a, b);
    const c1 = Math.min(r.from.layer, r.to.layer - 1);
    const c2 = Math.max(r.from.layer, r.to.layer - 1);
    const cost = (g: number) => 1.5 * (c2 - c1 > 1 ? crossedBefore[g][c2] - crossedBefore[g][c1 + 1] : 0) + Math.abs(g - a - 0.5) + Math.abs(g - b - 0.5);
    let best = preferred;
    for (let g = 0; g <= laneCount; g++) {
      // Ties go to the preferred gutter, then to the one nearer the source.
      if (cost(g) < cost(best) - 1e-9 || (Math.abs(cost(g) - cost(best)) < 1e-9 && best !== preferred && Math.abs(g - a - 0.5) < Math.abs(best - a - 0.5))) best = g;
    }
    return best;
  };
  for (const r of viaGutter) {
    r.gutter = chooseGutter(r);
    r.gutterTrack = gutterUse[r.gutter]++;
  }
  const gutterWidth = gutterUse.map((n) => GUTTER_MARGIN * 2 + Math.max(0, n - 1) * TRACK);

  // Space kept free of nodes on each side of a lane: half of a shared gutter, all of an outer one.
  const leftReserve = (l: number) => (l === 0 ? gutterWidth[0] : gutterWidth[l] / 2);
  const rightReserve = (l: number) => (l === laneCount - 1 ? gutterWidth[laneCount] : gutterWidth[l + 1] / 2);
  const headerCross = headers.map((h) => (across ? h.width + 24 : h.height + 16));
  const laneWidth: number[] = [];
  for (let l = 0; l < laneCount; l++) {
    let inner = 0;
    for (let y = 0; y < layers; y++) {
      const list = cells.get(`${l}:${y}`) ?? [];
      inner = Math.max(inner, list.reduce((s, f) => s + f.cw, 0) + Math.max(0, list.length - 1) * NODE_GAP);
    }
    laneWidth.push(Math.max(inner + leftReserve(l) + rightReserve(l) + 2 * GUTTER_MARGIN, headerCross[l] ?? 0, 120));
  }
  const laneStart: number[] = [];
  let acc = 0;
  for (let l = 0; l < laneCount; l++) { laneStart.push(acc); acc += laneWidth[l]; }
  const totalCross = acc;
  const gutterU = (g: number, track: number): number => {
    const base = g === 0 ? 0 : g === laneCount ? totalCross : laneStart[g];
    const w = gutterWidth[g];
    const first = g === 0 ? base + GUTTER_MARGIN : g === laneCount ? base - w + GUTTER_MARGIN : base - w / 2 + GUTTER_MARGIN;
    return first + track * TRACK;
  };

  // 4. Node cross positions: each cell's nodes side by side, centred in the lane's free middle.
  for (const [key, list] of cells) {
    const l = Number(key.split(':')[0]);
    const left = laneStart[l] + leftReserve(l) + GUTTER_MARGIN;
    const right = laneStart[l] + laneWidth[l] - rightReserve(l) - GUTTER_MARGIN;
    const total = list.reduce((s, f) => s + f.cw, 0) + (list.length - 1) * NODE_GAP;
    let u = left + (right - left - total) / 2;
    for (const f of list) { f.u = u; u += f.cw + NODE_GAP; }
  }

  // Ports: outgoing edges leave the bottom side, incoming enter the top, ordered so that their
  // runs in the channel need not cross (see channel-tracks.ts). Edges whose far end comes the usual
  // way (incoming from above, outgoing on down) are ordered by where that end is; those whose far
  // end comes the other way (a gutter back from a loop) take the outer ports, nearest outermost.
  const centre = (f: FrameNode) => f.u + f.cw / 2;
  const spread = (node: FrameNode, ids: number[] | undefined, far: (r: Route) => { x: number; usual: boolean }, set: (r: Route, p: number) => void) => {
    if (!ids) return;
    const key = (r: Route): [number, number] => {
      const { x, usual } = far(r);
      const left = x < centre(node);
      return usual ? [left ? 1 : 2, x] : [left ? 0 : 3, -x];
    };
    const list = ids.map((i) => ({ r: routes[i], k: key(routes[i]) })).sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.r.edge - b.r.edge);
    list.forEach(({ r }, k) => set(r, (k + 1) / (list.length + 1)));
  };
  // A gutter route runs on down when its target lies more than one layer below, else back up.
  const onwardDown = (r: Route) => r.to.layer - 1 > r.from.layer;
  for (const [id, node] of frame) {
    spread(node, outgoing.get(id), (r) => (r.gutter !== undefined ? { x: gutterU(r.gutter, 0), usual: onwardDown(r) } : { x: centre(r.to), usual: true }), (r, p) => { r.portOut = p; });
    spread(node, incoming.get(id), (r) => (r.gutter !== undefined ? { x: gutterU(r.gutter, 0), usual: onwardDown(r) } : { x: centre(r.from), usual: true }), (r, p) => { r.portIn = p; });
  }
  const portU = (f: FrameNode, p: number) => f.u + f.cw * (f.cw > 60 ? 0.2 + 0.6 * p : p);

  // 5. Channel runs and their tracks (interval colouring per channel), label rows likewise.
  const channelRuns = new Map<number, Route['runs']>();
  const channelEnds = new Map<Route['runs'][number], ChannelRun['ends']>();
  // A run goes from x1 (joined by a vertical going up or down) to x2 (likewise).
  const addRun = (r: Route, channel: number, x1: number, up1: boolean, x2: number, up2: boolean) => {
    const run = { channel, a: Math.min(x1, x2), b: Math.max(x1, x2), track: 0 };
    r.runs.push(run);
    channelEnds.set(run, [{ x: x1, up: up1 }, { x: x2, up: up2 }]);
    (channelRuns.get(channel) ?? channelRuns.set(channel, []).get(channel)!).push(run);
  };
  for (const r of routes) {
    const x1 = portU(r.from, r.portOut);
    const x2 = portU(r.to, r.portIn);
    // Leaves its source upward (the source is above the channel), enters its target downward.
    if (r.gutter === undefined) addRun(r, r.from.layer, x1, true, x2, false);
    else {
      const g = gutterU(r.gutter, r.gutterTrack);
      const down = onwardDown(r);
      addRun(r, r.from.layer, x1, true, g, !down);
      addRun(r, r.to.layer - 1, g, down, x2, false);
    }
  }
  const channelTracks = new Map<number, number>();
  for (const [c, runs] of channelRuns) channelTracks.set(c, assignTracks(runs.map((r) => ({ a: r.a, b: r.b, ends: channelEnds.get(r)!, set: (t: number) => { r.track = t; } })), 6));
  const labelRows = new Map<number, number>();
  const labelHeight = new Map<number, number>();
  const byChannel = new Map<number, Route[]>();
  for (const r of routes) if (r.label) (byChannel.get(r.from.layer) ?? byChannel.set(r.from.layer, []).get(r.from.layer)!).push(r);
  // A label sits beside its edge's port: on the left for ports in the left half of the node (so it
  // never lies across a sibling edge leaving further right), else on the right.
  const labelStart = (r: Route, x: number, w: number) => (r.portOut < 0.5 && x - 3 - w >= 0 ? x - 3 - w : x + 3);
  for (const [c, list] of byChannel) {
    const items = list.map((r) => {
      const x = portU(r.from, r.portOut);
      const w = across ? r.label!.width + 2 * LABEL_GAP : r.label!.height + 2 * LABEL_GAP;
      const a = labelStart(r, x, w);
      return { a: a - 3, b: a + w + 3, set: (t: number) => { r.labelRow = t; } };
    });
    labelRows.set(c, colour(items, 0));
    labelHeight.set(c, Math.max(...list.map((r) => (across ? r.label!.height : r.label!.width) + 2 * LABEL_GAP)));
  }

  // 6. Main-axis positions: header, then layers separated by channels (channel -1 above layer 0).
  const headerMain = Math.max(...headers.map((h) => (across ? h.height + 16 : h.width + 24)), 0);
  const channelSize = (c: number) => {
    const tracks = channelTracks.get(c) ?? 0;
    const lbl = (labelRows.get(c) ?? 0) * (labelHeight.get(c) ?? 0);
    return CHANNEL_MARGIN + (lbl ? lbl + LABEL_GAP : 0) + CHANNEL_MARGIN / 2 + Math.max(0, tracks - 1) * TRACK + CHANNEL_MARGIN;
  };
  const layerThick: number[] = new Array(layers).fill(0);
  for (const f of frame.values()) layerThick[f.layer] = Math.max(layerThick[f.layer], f.mh);
  const channelTop = new Map<number, number>();
  let v = headerMain;
  channelTop.set(-1, v);
  v += channelSize(-1);
  const layerTop: number[] = [];
  for (let y = 0; y < layers; y++) {
    layerTop.push(v);
    v += layerThick[y];
    channelTop.set(y, v);
    v += channelSize(y);
  }
  const totalMain = v;
  for (const f of frame.values()) f.v = layerTop[f.layer] + (layerThick[f.layer] - f.mh) / 2;

  // 7. Points of every route, in the frame.
  const trackV = (c: number, track: number) => channelTop.get(c)! + CHANNEL_MARGIN + ((labelRows.get(c) ?? 0) * (labelHeight.get(c) ?? 0)) + (labelRows.get(c) ? LABEL_GAP : 0) + CHANNEL_MARGIN / 2 + track * TRACK;
  const framePoints = new Map<number, { points: Point[]; label?: Box }>();
  for (const r of routes) {
    const x1 = portU(r.from, r.portOut);
    const x2 = portU(r.to, r.portIn);
    const start: Point = [x1, r.from.v + r.from.mh];
    const end: Point = [x2, r.to.v];
    let pts: Point[];
    if (r.gutter === undefined) {
      const t = trackV(r.from.layer, r.runs[0].track);
      pts = [start, [x1, t], [x2, t], end];
    } else {
      const g = gutterU(r.gutter, r.gutterTrack);
      const t1 = trackV(r.from.layer, r.runs[0].track);
      const t2 = trackV(r.to.layer - 1, r.runs[1].track);
      pts = [start, [x1, t1], [g, t1], [g, t2], [x2, t2], end];
    }
    let label: Box | undefined;
    if (r.label) {
      const lw = (across ? r.label.width : r.label.height) + 2 * LABEL_GAP;
      const lh = (across ? r.label.height : r.label.width) + 2 * LABEL_GAP;
      label = { x: labelStart(r, x1, lw), y: channelTop.get(r.from.layer)! + CHANNEL_MARGIN / 2 + r.labelRow * (labelHeight.get(r.from.layer) ?? 0), w: lw, h: lh };
    }
    framePoints.set(r.edge, { points: pts, label });
  }

  // 8. Turn the frame to the document's direction.
  const W = across ? totalCross : totalMain;
  const H = across ? totalMain : totalCross;
  const pt = ([u, vv]: Point): Point => {
    switch (model.direction) {
      case 'TB': return [u, vv];
      case 'BT': return [u, H - vv];
      case 'LR': return [vv, u];
      case 'RL': return [W - vv, u];
    }
  };
  const box = (b: Box): Box => {
    const [x1, y1] = pt([b.x, b.y]);
    const [x2, y2] = pt([b.x + b.w, b.y + b.h]);
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
  };
  const nodes = new Map<string, Box>();
  for (const f of frame.values()) nodes.set(f.id, box({ x: f.u, y: f.v, w: f.cw, h: f.mh }));
  const edges: FlowPlacement['edges'] = model.edges.map((_, i) => {
    const fp = framePoints.get(i);
    if (!fp) return { points: [] };
    return { points: fp.points.map(pt), label: fp.label ? box(fp.label) : undefined };
  });
  const lanes = model.lanes.map((lane, l) => ({
    id: lane.id,
    band: box({ x: laneStart[l], y: 0, w: laneWidth[l], h: totalMain }),
    header: box({ x: laneStart[l], y: 0, w: laneWidth[l], h: headerMain }),
  }));
  if (laneCount > model.lanes.length) {
    const l = laneCount - 1;
    lanes.push({ id: '', band: box({ x: laneStart[l], y: 0, w: laneWidth[l], h: totalMain }), header: box({ x: laneStart[l], y: 0, w: laneWidth[l], h: headerMain }) });
  }
  return { width: W, height: H, nodes, edges, lanes };
}

/** Greedy interval colouring: gives overlapping intervals different tracks; returns the track count. */
function colour(items: Array<{ a: number; b: number; set: (t: number) => void }>, gap: number): number {
  const sorted = [...items].sort((x, y) => x.a - y.a || x.b - y.b);
  const ends: number[] = [];
  for (const it of sorted) {
    let t = ends.findIndex((end) => end + gap <= it.a);
    if (t < 0) { t = ends.length; ends.push(it.b); } else ends[t] = it.b;
    it.set(t);
  }
  return ends.length;
}
