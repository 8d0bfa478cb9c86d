import { assignTracks, type ChannelRun } from './channel-tracks.js';
import { GUTTER_MARGIN, TRACK, viaGutter, type Route } from './lane-frame.js';

/*
 * Phase 4, gutters: the vertical corridors along the lanes' sides (gutter g lies on the boundary
 * before lane g; 0 and laneCount are the outer sides) that carry every route not going straight to
 * the next layer. Lane widths need gutter widths, which need this choice, which needs only lanes
 * and layers, so it comes before any coordinate.
 */

/**
 * For each gutter g and channel c, how many routes between neighbouring layers cross boundary g in
 * the channels before c (prefix sums over channels), so that a gutter's vertical can be charged
 * for the runs it would cut through.
 */
export function crossingsBefore(routes: readonly Route[], laneCount: number, layers: number): number[][] {
  const crossed = Array.from({ length: laneCount + 1 }, () => new Array<number>(layers + 1).fill(0));
  for (const r of routes) {
    if (viaGutter(r)) continue;
    for (let g = Math.min(r.from.lane, r.to.lane) + 1; g <= Math.max(r.from.lane, r.to.lane); g++) crossed[g][r.from.layer + 1]++;
  }
  for (const row of crossed) for (let c = 1; c <= layers; c++) row[c] += row[c - 1];
  return crossed;
}

/**
 * The gutter of one route. Within a lane, loops back run along its left side and long forward
 * edges along its right side; between lanes, a boundary between the two. That is the choice unless
 * another gutter avoids cutting through edges: each crossing weighs as much as a lane and a half
 * of detour.
 */
export function gutterFor(r: Route, crossed: readonly number[][], laneCount: number): number {
  const a = r.from.lane;
  const b = r.to.lane;
  const preferred = a === b ? (r.to.layer <= r.from.layer ? a : a + 1) : Math.max(a, b);
  const c1 = Math.min(r.from.layer, r.to.layer - 1);
  const c2 = Math.max(r.from.layer, r.to.layer - 1);
  const cost = (g: number) => 1.5 * (c2 - c1 > 1 ? crossed[g][c2] - crossed[g][c1 + 1] : 0) + Math.abs(g - a - 0.5) + Math.abs(g - b - 0.5);
  let best = preferred;
  for (let g = 0; g <= laneCount; g++) {
    // Ties go to the preferred gutter, then to the one nearer the source.
    if (cost(g) < cost(best) - 1e-9 || (Math.abs(cost(g) - cost(best)) < 1e-9 && best !== preferred && Math.abs(g - a - 0.5) < Math.abs(best - a - 0.5))) best = g;
  }
  return best;
}

/**
 * The tracks of one gutter's routes. A gutter is a channel turned on its side: each route runs along
 * it from the channel below its source to the channel above its target, and at each end turns off
 * towards its node's lane, left or right of the gutter. So the same constrained left-edge packing
 * orders them (channel-tracks.ts), with channels for coordinates and left for up: a route turning
 * off to the left inside another's span keeps left of it, and neither crosses the other. Each
 * route keeps a track of its own: sharing one between routes whose spans are apart narrowed the
 * gutters but added 6 crossings over the 80 generated flows (112 → 118). Returns the track count.
 */
function gutterTracks(g: number, routes: readonly Route[]): number {
  const runs: ChannelRun[] = routes.map((r) => {
    const ends = [{ at: r.from.layer, lane: r.from.lane }, { at: r.to.layer - 1, lane: r.to.lane }];
    return {
      a: Math.min(ends[0].at, ends[1].at),
      b: Math.max(ends[0].at, ends[1].at),
      ends: ends.map((e) => ({ x: e.at, up: e.lane < g })),
      set: (t) => { r.gutterTrack = t; },
    };
  });
  return assignTracks(runs, Infinity);
}

/**
 * Gives every gutter route its gutter and its track there (gutterTracks); returns each gutter's
 * width. `forced` (model edge → gutter) overrides the choice, for the search in lane-choices.ts.
 */
export function chooseGutters(routes: readonly Route[], laneCount: number, layers: number, forced?: ReadonlyMap<number, number>): number[] {
  const crossed = crossingsBefore(routes, laneCount, layers);
  const byGutter: Route[][] = Array.from({ length: laneCount + 1 }, () => []);
  for (const r of routes) {
    if (!viaGutter(r)) continue;
    r.gutter = forced?.get(r.edge) ?? gutterFor(r, crossed, laneCount);
    byGutter[r.gutter].push(r);
  }
  return byGutter.map((list, g) => GUTTER_MARGIN * 2 + Math.max(0, gutterTracks(g, list) - 1) * TRACK);
}
