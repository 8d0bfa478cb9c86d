import { describe, expect, it } from 'vitest';
import { alignLoneNodes, assignPorts, gutterU, placeAcross, sizeLanes } from '../../src/kinds/flow/lane-bands.js';
import { assignLabelRows, channelSize, colour, labelStart, placeAlong, routeChannels, trackV, type ChannelContents } from '../../src/kinds/flow/lane-channels.js';
import { assignTracks } from '../../src/kinds/flow/channel-tracks.js';
import { buildRoutes, frameNodes, groupCells, toFrame, type FrameNode, type Route } from '../../src/kinds/flow/lane-frame.js';
import { chooseGutters, crossingsBefore, gutterFor } from '../../src/kinds/flow/lane-gutters.js';
import { labelBox, routePoints, turnFrame } from '../../src/kinds/flow/lane-routes.js';

/*
 * The swimlane layout's phases one by one, on hand-made frames (flow downward: u across, v along).
 * Constants they use: TRACK 9, CHANNEL_MARGIN 12, GUTTER_MARGIN 10, NODE_GAP 28, LABEL_GAP 4.
 */

function node(id: string, lane: number, layer: number, extra: Partial<FrameNode> = {}): FrameNode {
  return { id, lane, layer, order: 0, cw: 20, mh: 40, u: 0, v: 0, ...extra };
}

function route(from: FrameNode, to: FrameNode, extra: Partial<Route> = {}): Route {
  return { edge: 0, from, to, runs: [], gutterTrack: 0, portOut: 0.5, portIn: 0.5, labelRow: 0, ...extra };
}

/** Two lanes; lane 0 holds two nodes side by side in layer 0, lane 1 one node in each of layers 0 and 1. */
function twoLanes() {
  const a = node('a', 0, 0, { order: 0, cw: 100 });
  const b = node('b', 0, 0, { order: 1, cw: 80 });
  const c = node('c', 1, 0, { cw: 150 });
  const d = node('d', 1, 1, { cw: 200 });
  // Gutter 2 (the right outer one) carries two routes: one more track.
  const bands = sizeLanes(groupCells([a, b, c, d]), [20, 20, 29], [50, 300], 2);
  return { a, b, c, d, bands };
}

describe('swimlane phase 1: frame nodes from the layers', () => {
  it('gives each node its layer, its rank in the layer, its lane and its size in the frame', () => {
    const frame = frameNodes([['a', 'b'], ['c']], (id) => (id === 'b' ? 1 : 0), (id) => ({ cross: id.charCodeAt(0), main: 10 }));
    expect([...frame.values()]).toEqual([
      { id: 'a', lane: 0, layer: 0, order: 0, cw: 97, mh: 10, u: 0, v: 0 },
      { id: 'b', lane: 1, layer: 0, order: 1, cw: 98, mh: 10, u: 0, v: 0 },
      { id: 'c', lane: 0, layer: 1, order: 0, cw: 99, mh: 10, u: 0, v: 0 },
    ]);
  });

  it('turns document sizes into the frame: width across for TB/BT, height across for LR/RL', () => {
    expect(toFrame(true, 120, 40)).toEqual({ cross: 120, main: 40 });
    expect(toFrame(false, 120, 40)).toEqual({ cross: 40, main: 120 });
  });
});

describe('swimlane phase 2: cells', () => {
  it('groups nodes by lane and layer, each cell in its order across the flow', () => {
    const cells = groupCells([node('x', 0, 0, { order: 2 }), node('y', 1, 0), node('z', 0, 0, { order: 1 }), node('w', 0, 1)]);
    expect([...cells].map(([k, list]) => [k, list.map((f) => f.id)])).toEqual([['0:0', ['z', 'x']], ['1:0', ['y']], ['0:1', ['w']]]);
  });
});

describe('swimlane phase 3: routes', () => {
  it('makes one route per edge, ports centred, no gutter yet', () => {
    const frame = frameNodes([['a'], ['b']], () => 0, () => ({ cross: 20, main: 40 }));
    const [r] = buildRoutes([{ edge: 3, from: 'a', to: 'b', label: { cross: 30, main: 20 } }], frame);
    expect(r).toEqual({ edge: 3, from: frame.get('a'), to: frame.get('b'), runs: [], gutterTrack: 0, portOut: 0.5, portIn: 0.5, label: { cross: 30, main: 20 }, labelRow: 0 });
  });
});

describe('swimlane phase 4: gutters', () => {
  it('sends loops back along the lane\'s left side, long forward edges along its right, lane changes between the two lanes', () => {
    const loop = route(node('p', 0, 2), node('q', 0, 0));
    const forward = route(node('r', 1, 0), node('s', 1, 2));
    const across = route(node('t', 0, 0), node('u', 1, 2));
    const direct = route(node('v', 0, 0), node('w', 0, 1));
    const widths = chooseGutters([direct, loop, forward, across], 2, 3);
    expect([loop.gutter, forward.gutter, across.gutter, direct.gutter]).toEqual([0, 2, 1, undefined]);
    expect(widths).toEqual([20, 20, 20]);
  });

  it('gives routes sharing a gutter their own tracks, and widens the gutter by a track each', () => {
    const first = route(node('p', 0, 2), node('q', 0, 0));
    const second = route(node('r', 0, 1), node('s', 0, 0));
    expect(chooseGutters([first, second], 1, 3)).toEqual([29, 20]);
    expect([first.gutterTrack, second.gutterTrack]).toEqual([0, 1]);
  });

  it('orders a gutter\'s tracks so that a route nested in another\'s span keeps to the inside, whatever the edge order', () => {
    // Gutter 1 is the right outer one of a single lane: routes turn off it to the left, so the
    // inner track is the left one (track 0). The long loop listed first must still go outside.
    const long = route(node('p', 0, 4), node('q', 0, 0));
    const nested = route(node('r', 0, 3), node('s', 0, 2));
    chooseGutters([long, nested], 1, 6, new Map([[0, 1]]));
    expect([nested.gutterTrack, long.gutterTrack]).toEqual([0, 1]);
    // On the left outer gutter (routes turn off to the right) the nested one takes the right track.
    chooseGutters([long, nested], 1, 6, new Map([[0, 0]]));
    expect([long.gutterTrack, nested.gutterTrack]).toEqual([0, 1]);
    // Routes whose spans are apart still get a track each: the gutter's width does not shrink.
    const apart = [route(node('a', 0, 1), node('b', 0, 4)), route(node('c', 0, 5), node('d', 0, 8))];
    expect(chooseGutters(apart, 1, 9)).toEqual([20, 29]);
  });

  it('counts the runs crossing each boundary in the channels before each channel', () => {
    const runs = [route(node('a', 1, 1), node('b', 2, 2)), route(node('c', 1, 1), node('d', 2, 2)), route(node('e', 0, 0), node('f', 2, 1))];
    expect(crossingsBefore(runs, 3, 3)).toEqual([[0, 0, 0, 0], [0, 1, 1, 1], [0, 1, 3, 3], [0, 0, 0, 0]]);
  });

  it('moves a route to another gutter rather than cut through the runs at its preferred one', () => {
    // Two runs cross boundary 2 in channel 1, which a long forward edge in lane 1 would pass along its right side.
    const blockers = [route(node('a', 1, 1), node('b', 2, 2)), route(node('c', 1, 1), node('d', 2, 2))];
    const long = route(node('p', 1, 0), node('q', 1, 3));
    expect(gutterFor(long, crossingsBefore(blockers, 3, 4), 3)).toBe(1);
    expect(gutterFor(long, crossingsBefore([], 3, 4), 3)).toBe(2);
  });
});

describe('swimlane phase 5: band sizing', () => {
  it('makes each lane as wide as its widest cell plus its gutters and margins, or its header, at least 120', () => {
    const { bands } = twoLanes();
    // Lane 0: 100 + 28 + 80 inside, 20 (outer gutter) + 10 (half the shared one) + 2 × 10 margins; lane 1: its header.
    expect(bands).toEqual({ start: [0, 258], width: [258, 300], gutterWidth: [20, 20, 29], total: 558 });
    expect(sizeLanes(new Map(), [20, 20], [0], 1).width).toEqual([120]);
  });

  it('puts gutter tracks a margin in from the gutter\'s edge, one track apart', () => {
    const { bands } = twoLanes();
    expect([gutterU(bands, 0, 0), gutterU(bands, 0, 1), gutterU(bands, 1, 0), gutterU(bands, 2, 0), gutterU(bands, 2, 1)]).toEqual([10, 19, 258, 539, 548]);
  });
});

describe('swimlane phase 6: node placement across', () => {
  it('sets each cell\'s nodes side by side, centred between the lane\'s gutters', () => {
    const { a, b, c, d, bands } = twoLanes();
    placeAcross(groupCells([a, b, c, d]), bands);
    expect([a.u, b.u, c.u, d.u]).toEqual([30, 158, 323.5, 298.5]);
  });
});

describe('swimlane phase 6b: lone nodes lined up', () => {
  // Lane 0: a chain p → q → r of lone nodes above a cell where r's successor s sits beside t.
  function chainAboveTwo() {
    const p = node('p', 0, 0, { cw: 100 });
    const q = node('q', 0, 1, { cw: 100 });
    const r = node('r', 0, 2, { cw: 100 });
    const s = node('s', 0, 3, { order: 0, cw: 200 });
    const t = node('t', 0, 3, { order: 1, cw: 100 });
    const all = [p, q, r, s, t];
    const cells = groupCells(all);
    const bands = sizeLanes(cells, [20, 20], [50], 4);
    placeAcross(cells, bands);
    return { p, q, r, s, t, cells, bands, routes: [route(p, q), route(q, r), route(r, s)] };
  }
  const mid = (f: FrameNode) => f.u + f.cw / 2;

  it('moves a lone node over the node beside another that it leads to, and its chain after it', () => {
    const { p, q, r, s, cells, bands, routes } = chainAboveTwo();
    expect(mid(r)).not.toBe(mid(s));
    alignLoneNodes(cells, routes, bands);
    expect([mid(p), mid(q), mid(r)]).toEqual([mid(s), mid(s), mid(s)]);
  });

  it('leaves a lone node centred when it is linked to no placed node, or pulled by two', () => {
    const { p, q, r, s, t, cells, bands } = chainAboveTwo();
    const centred = [p.u, q.u, r.u];
    alignLoneNodes(cells, [route(p, q), route(q, r)], bands);
    expect([p.u, q.u, r.u]).toEqual(centred);
    alignLoneNodes(cells, [route(p, q), route(q, r), route(r, s), route(r, t)], bands);
    expect([p.u, q.u, r.u]).toEqual(centred);
  });

  it('follows an edge that skips layers where nothing of its lane stands between, and not past a node that does', () => {
    // p → s straight down the lane, layers 1 and 2 empty in lane 0 (q and r in lane 1).
    const p = node('p', 0, 0, { cw: 100 });
    const q = node('q', 1, 1, { cw: 100 });
    const r = node('r', 1, 2, { cw: 100 });
    const s = node('s', 0, 3, { order: 0, cw: 200 });
    const t = node('t', 0, 3, { order: 1, cw: 100 });
    const cells = groupCells([p, q, r, s, t]);
    const bands = sizeLanes(cells, [20, 20, 20], [50, 50], 4);
    placeAcross(cells, bands);
    expect(mid(p)).not.toBe(mid(s));
    alignLoneNodes(cells, [route(p, s)], bands);
    expect(mid(p)).toBe(mid(s));
    // With q moved into lane 0 between them, p stays where it was placed.
    const q0 = node('q', 0, 1, { cw: 100 });
    const blocked = groupCells([p, q0, r, s, t]);
    placeAcross(blocked, bands);
    const before = p.u;
    alignLoneNodes(blocked, [route(p, s)], bands);
    expect(p.u).toBe(before);
  });

  it('stays inside its lane\'s free middle', () => {
    const { r, s, cells, bands, routes } = chainAboveTwo();
    s.u = -500;
    alignLoneNodes(cells, routes, bands);
    expect(r.u).toBe(30);
  });
});

describe('swimlane phase 7: ports', () => {
  it('orders the ports on a side by where each route goes: loops back outermost, then by the far end', () => {
    const { bands } = twoLanes();
    const s = node('s', 0, 1, { u: 30, cw: 100 });
    const right = route(s, node('t1', 0, 2, { u: 250, cw: 100 }), { edge: 0 });
    const left = route(s, node('t2', 0, 2, { u: 0, cw: 40 }), { edge: 1 });
    const back = route(s, node('t3', 0, 0, { u: 30, cw: 100 }), { edge: 2, gutter: 0 });
    assignPorts([right, left, back], bands);
    expect([back.portOut, left.portOut, right.portOut]).toEqual([0.25, 0.5, 0.75]);
    expect([right.portIn, left.portIn, back.portIn]).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('swimlane phase 8: channel routing', () => {
  it('puts a run that comes down on the line another run comes down by below it, so their verticals do not share a stretch', () => {
    // A comes from the left and drops at x 100 into the node under B's source; B leaves that
    // source at x 100 and goes on to the right. Left-edge packing alone would put A on top.
    const tracks: Record<string, number> = {};
    const run = (name: string, a: number, b: number, ends: Array<{ x: number; up: boolean }>) => ({ a, b, ends, set: (t: number) => { tracks[name] = t; } });
    const count = assignTracks([
      run('A', 0, 100, [{ x: 0, up: true }, { x: 100, up: false }]),
      run('B', 100, 200, [{ x: 100, up: true }, { x: 200, up: false }]),
    ], 6);
    expect(count).toBe(2);
    expect(tracks.A).toBeGreaterThan(tracks.B);
  });

  it('puts overlapping runs on separate tracks so that neither\'s vertical cuts the other', () => {
    const { bands } = twoLanes();
    // P runs from 0 to 100 and Q from 50 to 150: P's end going down lies inside Q's span, so P goes below.
    const p = route(node('p1', 0, 0, { u: -10 }), node('p2', 0, 1, { u: 90 }));
    const q = route(node('q1', 0, 0, { u: 40 }), node('q2', 0, 1, { u: 140 }));
    expect(routeChannels([p, q], bands)).toEqual(new Map([[0, 2]]));
    expect(p.runs).toEqual([{ channel: 0, a: 0, b: 100, track: 1 }]);
    expect(q.runs).toEqual([{ channel: 0, a: 50, b: 150, track: 0 }]);
  });

  it('gives a gutter route a run to its gutter below its source and one from it above its target', () => {
    const { bands } = twoLanes();
    const back = route(node('s', 0, 2, { u: 40 }), node('t', 0, 0, { u: 40 }), { gutter: 0 });
    routeChannels([back], bands);
    expect(back.runs).toEqual([{ channel: 2, a: 10, b: 50, track: 0 }, { channel: -1, a: 10, b: 50, track: 0 }]);
  });
});

describe('swimlane phase 9: label rows', () => {
  it('colours intervals greedily: overlapping ones get different rows', () => {
    const rows: number[] = [];
    const items = [[0, 10], [5, 15], [12, 20]].map(([a, b], i) => ({ a, b, set: (t: number) => { rows[i] = t; } }));
    expect(colour(items, 0)).toBe(2);
    expect(rows).toEqual([0, 1, 0]);
  });

  it('starts a label beside its port: left of a port in the left half when there is room, else right', () => {
    const from = node('s', 0, 0, { u: 100, cw: 40 });
    expect(labelStart(route(from, from, { portOut: 0.25 }), 30)).toBe(110 - 3 - 30);
    expect(labelStart(route(from, from, { portOut: 0.75 }), 30)).toBe(130 + 3);
    expect(labelStart(route(node('e', 0, 0, { u: 0 }), from, { portOut: 0.25 }), 30)).toBe(5 + 3);
  });

  it('takes the other side of its port when a route leaving the same layer would run down through the label', () => {
    const from = node('s', 0, 0, { u: 100, cw: 100 });
    // Port at 0.5: u 150, label on the right (153–183); a sibling leaving at u 170 runs through it.
    expect(labelStart(route(from, from, { portOut: 0.5 }), 30, [150, 170])).toBe(150 - 3 - 30);
    // Blocked on both sides: the usual side stays.
    expect(labelStart(route(from, from, { portOut: 0.5 }), 30, [130, 150, 170])).toBe(153);
  });

  it('stacks the labels of a channel in rows when they would overlap, each row as tall as the tallest label', () => {
    const s = node('s', 0, 0, { u: 0 });
    const one = route(s, node('t', 0, 1), { label: { cross: 30, main: 20 } });
    const two = route(s, node('t', 0, 1), { label: { cross: 40, main: 26 } });
    const unlabelled = route(node('x', 0, 1), node('y', 0, 2));
    expect(assignLabelRows([one, two, unlabelled])).toEqual({ labelRows: new Map([[0, 2]]), labelHeight: new Map([[0, 26]]) });
    expect([one.labelRow, two.labelRow]).toEqual([0, 1]);
  });

});

describe('swimlane phase 10: placement along the flow', () => {
  it('places the header, then layers and channels; nodes centred on their layer, tracks below the label rows', () => {
    const ch: ChannelContents = { tracks: new Map([[0, 3]]), labelRows: new Map([[0, 1]]), labelHeight: new Map([[0, 20]]) };
    expect([channelSize(ch, -1), channelSize(ch, 0)]).toEqual([30, 12 + 24 + 6 + 18 + 12]);
    const nodes = [node('a', 0, 0, { mh: 40 }), node('b', 1, 0, { mh: 60 }), node('c', 0, 1, { mh: 50 })];
    const along = placeAlong(nodes, 2, 30, ch);
    expect(along).toEqual({ header: 30, channelTop: new Map([[-1, 30], [0, 120], [1, 242]]), total: 272 });
    expect(nodes.map((f) => f.v)).toEqual([70, 60, 192]);
    expect([trackV(along, ch, -1, 0), trackV(along, ch, 0, 1)]).toEqual([48, 171]);
  });
});

describe('swimlane phases 11–13: route points, label boxes, turning', () => {
  const ch: ChannelContents = { tracks: new Map([[0, 2]]), labelRows: new Map([[0, 1]]), labelHeight: new Map([[0, 20]]) };
  const along = { header: 30, channelTop: new Map([[-1, 30], [0, 120], [1, 242]]), total: 272 };

  it('routes a straight edge down to its track, across, and down into its target', () => {
    const r = route(node('s', 0, 0, { v: 70 }), node('t', 0, 1, { u: 100, v: 192 }), { runs: [{ channel: 0, a: 10, b: 110, track: 1 }], label: { cross: 30, main: 20 } });
    expect(routePoints(r, twoLanes().bands, along, ch)).toEqual([[10, 110], [10, 171], [110, 171], [110, 192]]);
    expect(labelBox(r, along, ch)).toEqual({ x: 13, y: 126, w: 30, h: 20 });
    expect(labelBox(route(r.from, r.to), along, ch)).toBeUndefined();
  });

  it('routes a gutter edge through its gutter track, every segment straight', () => {
    const { bands } = twoLanes();
    const r = route(node('s', 0, 1, { u: 40, v: 192 }), node('t', 0, 0, { u: 40, v: 70 }), { gutter: 0, gutterTrack: 1, runs: [{ channel: 1, a: 19, b: 50, track: 0 }, { channel: -1, a: 19, b: 50, track: 0 }] });
    const pts = routePoints(r, bands, along, ch);
    expect(pts).toEqual([[50, 232], [50, 260], [19, 260], [19, 48], [50, 48], [50, 70]]);
    for (let k = 1; k < pts.length; k++) expect(pts[k][0] === pts[k - 1][0] || pts[k][1] === pts[k - 1][1]).toBe(true);
  });

  it('turns the frame to each direction', () => {
    const turned = (['TB', 'BT', 'LR', 'RL'] as const).map((d) => {
      const t = turnFrame(d, 100, 50);
      return [t.width, t.height, t.point([10, 20]), t.box({ x: 10, y: 20, w: 5, h: 10 })];
    });
    expect(turned).toEqual([
      [100, 50, [10, 20], { x: 10, y: 20, w: 5, h: 10 }],
      [100, 50, [10, 30], { x: 10, y: 20, w: 5, h: 10 }],
      [50, 100, [20, 10], { x: 20, y: 10, w: 10, h: 5 }],
      [50, 100, [30, 10], { x: 20, y: 10, w: 10, h: 5 }],
    ]);
  });
});
