import type { Box, Point } from '../../scene/geometry.js';
import { gutterU, type LaneBands } from './lane-bands.js';
import { labelStart, portsLeaving, trackV, type AlongAxis, type ChannelContents } from './lane-channels.js';
import { CHANNEL_MARGIN, portU, type Route } from './lane-frame.js';
import type { Direction } from './model.js';

/** A route's polyline and label box, in the frame. */
export interface FrameRoute { points: Point[]; label?: Box }

/**
 * Phase 11, route points: down from the source's port to its track, across the channel, and down
 * into the target; a gutter route crosses to its gutter instead, runs along it to the channel
 * above its target, and crosses from there.
 */
export function routePoints(r: Route, bands: LaneBands, along: AlongAxis, ch: ChannelContents): Point[] {
  const x1 = portU(r.from, r.portOut);
  const x2 = portU(r.to, r.portIn);
  const start: Point = [x1, r.from.v + r.from.mh];
  const end: Point = [x2, r.to.v];
  if (r.gutter === undefined) {
    const t = trackV(along, ch, r.from.layer, r.runs[0].track);
    return [start, [x1, t], [x2, t], end];
  }
  const g = gutterU(bands, r.gutter, r.gutterTrack);
  const t1 = trackV(along, ch, r.from.layer, r.runs[0].track);
  const t2 = trackV(along, ch, r.to.layer - 1, r.runs[1].track);
  return [start, [x1, t1], [g, t1], [g, t2], [x2, t2], end];
}

/** Phase 12, label placement: in its row of the channel below the source, beside the route's port. */
export function labelBox(r: Route, along: AlongAxis, ch: ChannelContents, ports?: readonly number[]): Box | undefined {
  if (!r.label) return undefined;
  const { cross, main } = r.label;
  return { x: labelStart(r, cross, ports), y: along.channelTop.get(r.from.layer)! + CHANNEL_MARGIN / 2 + r.labelRow * (ch.labelHeight.get(r.from.layer) ?? 0), w: cross, h: main };
}

/** Every route's points and label box, by model edge index. */
export function frameRoutes(routes: readonly Route[], bands: LaneBands, along: AlongAxis, ch: ChannelContents): Map<number, FrameRoute> {
  const ports = portsLeaving(routes);
  return new Map(routes.map((r) => [r.edge, { points: routePoints(r, bands, along, ch), label: labelBox(r, along, ch, ports.get(r.from.layer)) }]));
}

/** Phase 13, turning: from the frame (flow downward) to the document's direction, for a frame of the given extents. */
export function turnFrame(direction: Direction, totalCross: number, totalMain: number): { width: number; height: number; point: (p: Point) => Point; box: (b: Box) => Box } {
  const across = direction === 'TB' || direction === 'BT';
  const W = across ? totalCross : totalMain;
  const H = across ? totalMain : totalCross;
  const point = ([u, vv]: Point): Point => {
    switch (direction) {
      case 'TB': return [u, vv];
      case 'BT': return [u, H - vv];
      case 'LR': return [vv, u];
      case 'RL': return [W - vv, u];
    }
  };
  const box = (b: Box): Box => {
    const [x1, y1] = point([b.x, b.y]);
    const [x2, y2] = point([b.x + b.w, b.y + b.h]);
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
  };
  return { width: W, height: H, point, box };
}
