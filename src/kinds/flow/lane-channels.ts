import { assignTracks, type ChannelRun } from './channel-tracks.js';
import { gutterU, type LaneBands } from './lane-bands.js';
import { CHANNEL_MARGIN, LABEL_GAP, onwardDown, portU, TRACK, type FrameNode, type Route } from './lane-frame.js';

/*
 * The phases along the flow: the runs of every route through the channels between layers and
 * their tracks, the rows of the edge labels there, and then every layer's and channel's place.
 */

/** What a channel holds: its tracks, and its rows of labels, each as tall as its tallest label. */
export interface ChannelContents {
  tracks: Map<number, number>;
  labelRows: Map<number, number>;
  labelHeight: Map<number, number>;
}

/** Where everything lies along the flow. */
export interface AlongAxis {
  /** The header's extent along the flow, where the layers start. */
  header: number;
  /** Top of each channel, channel -1 (above layer 0) included. */
  channelTop: Map<number, number>;
  total: number;
}

/** Least gap between two runs on one track. */
const RUN_GAP = 6;

/**
 * Phase 8, channel routing: the horizontal runs of every route (a straight one in the channel below
 * its source; a gutter route one there to its gutter and one in the channel above its target),
 * then their tracks, channel by channel. Returns each channel's track count.
 */
export function routeChannels(routes: readonly Route[], bands: LaneBands): Map<number, number> {
  const channelRuns = new Map<number, ChannelRun[]>();
  // A run goes from x1 (joined by a vertical going up or down) to x2 (likewise).
  const addRun = (r: Route, channel: number, x1: number, up1: boolean, x2: number, up2: boolean) => {
    const run = { channel, a: Math.min(x1, x2), b: Math.max(x1, x2), track: 0 };
    r.runs.push(run);
    const list = channelRuns.get(channel) ?? channelRuns.set(channel, []).get(channel)!;
    list.push({ a: run.a, b: run.b, ends: [{ x: x1, up: up1 }, { x: x2, up: up2 }], set: (t) => { run.track = t; } });
  };
  for (const r of routes) {
    const x1 = portU(r.from, r.portOut);
    const x2 = portU(r.to, r.portIn);
    // Leaves its source upward (the source is above the channel), enters its target downward.
    if (r.gutter === undefined) addRun(r, r.from.layer, x1, true, x2, false);
    else {
      const g = gutterU(bands, r.gutter, r.gutterTrack);
      const down = onwardDown(r);
      addRun(r, r.from.layer, x1, true, g, !down);
      addRun(r, r.to.layer - 1, g, down, x2, false);
    }
  }
  const tracks = new Map<number, number>();
  for (const [c, runs] of channelRuns) tracks.set(c, assignTracks(runs, RUN_GAP));
  return tracks;
}

/** Where the routes leaving each layer cross the label rows of the channel below it: their ports, by layer. */
export function portsLeaving(routes: readonly Route[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of routes) (out.get(r.from.layer) ?? out.set(r.from.layer, []).get(r.from.layer)!).push(portU(r.from, r.portOut));
  return out;
}

/**
 * Where a label starts across the flow: beside its edge's port, on the left for ports in the left
 * half of the node (so it never lies across a sibling edge leaving further right), else on the
 * right; on the other side instead when another route leaving the same layer (`ports`) would run
 * down through the label there and not on that side.
 */
export function labelStart(r: Route, width: number, ports: readonly number[] = []): number {
  const x = portU(r.from, r.portOut);
  const left = x - 3 - width;
  const right = x + 3;
  const clear = (a: number) => !ports.some((p) => Math.abs(p - x) > 0.5 && p > a - 3 && p < a + width + 3);
  const preferLeft = r.portOut < 0.5 && left >= 0;
  const [first, second] = preferLeft ? [left, right] : [right, left];
  return !clear(first) && second >= 0 && clear(second) ? second : first;
}

/** Phase 9, label rows: labels sit in the channel below their source, in rows so that none overlaps another. */
export function assignLabelRows(routes: readonly Route[]): Pick<ChannelContents, 'labelRows' | 'labelHeight'> {
  const labelRows = new Map<number, number>();
  const labelHeight = new Map<number, number>();
  const byChannel = new Map<number, Route[]>();
  const ports = portsLeaving(routes);
  for (const r of routes) if (r.label) (byChannel.get(r.from.layer) ?? byChannel.set(r.from.layer, []).get(r.from.layer)!).push(r);
  for (const [c, list] of byChannel) {
    const items = list.map((r) => {
      const a = labelStart(r, r.label!.cross, ports.get(c));
      return { a: a - 3, b: a + r.label!.cross + 3, set: (t: number) => { r.labelRow = t; } };
    });
    labelRows.set(c, colour(items, 0));
    labelHeight.set(c, Math.max(...list.map((r) => r.label!.main)));
  }
  return { labelRows, labelHeight };
}

/** Greedy interval colouring: gives overlapping intervals different rows; returns the row count. */
export function colour(items: Array<{ a: number; b: number; set: (t: number) => void }>, gap: number): number {
  const sorted = [...items].sort((x, y) => x.a - y.a || x.b - y.b);
  const ends: number[] = [];
  for (const it of sorted) {
    let t = ends.findIndex((end) => end + gap <= it.a);
    if (t < 0) { t = ends.length; ends.push(it.b); } else ends[t] = it.b;
    it.set(t);
  }
  return ends.length;
}

/** Extent of a channel's label rows along the flow. */
const labelsExtent = (ch: ChannelContents, c: number): number => (ch.labelRows.get(c) ?? 0) * (ch.labelHeight.get(c) ?? 0);

/** A channel's extent along the flow: margins, its label rows, its tracks. */
export function channelSize(ch: ChannelContents, c: number): number {
  const tracks = ch.tracks.get(c) ?? 0;
  const lbl = labelsExtent(ch, c);
  return CHANNEL_MARGIN + (lbl ? lbl + LABEL_GAP : 0) + CHANNEL_MARGIN / 2 + Math.max(0, tracks - 1) * TRACK + CHANNEL_MARGIN;
}

/** Where a track of a channel lies along the flow: below the channel's label rows. */
export function trackV(along: AlongAxis, ch: ChannelContents, c: number, track: number): number {
  return along.channelTop.get(c)! + CHANNEL_MARGIN + labelsExtent(ch, c) + (ch.labelRows.get(c) ? LABEL_GAP : 0) + CHANNEL_MARGIN / 2 + track * TRACK;
}

/**
 * Phase 10, placement along the flow: the header, then the layers separated by channels (channel -1
 * above layer 0); each layer as thick as its thickest node, which sit centred on it.
 */
export function placeAlong(frame: Iterable<FrameNode>, layers: number, header: number, ch: ChannelContents): AlongAxis {
  const nodes = [...frame];
  const layerThick: number[] = new Array(layers).fill(0);
  for (const f of nodes) layerThick[f.layer] = Math.max(layerThick[f.layer], f.mh);
  const channelTop = new Map<number, number>();
  let v = header;
  channelTop.set(-1, v);
  v += channelSize(ch, -1);
  const layerTop: number[] = [];
  for (let y = 0; y < layers; y++) {
    layerTop.push(v);
    v += layerThick[y];
    channelTop.set(y, v);
    v += channelSize(ch, y);
  }
  for (const f of nodes) f.v = layerTop[f.layer] + (layerThick[f.layer] - f.mh) / 2;
  return { header, channelTop, total: v };
}
