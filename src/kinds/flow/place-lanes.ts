import { orderInLayers } from '../../layout/layered.js';
import type { WrappedText } from '../../layout/text.js';
import type { Box } from '../../scene/geometry.js';
import { alignLoneNodes, assignPorts, placeAcross, sizeLanes, type LaneBands } from './lane-bands.js';
import { assignLabelRows, placeAlong, routeChannels } from './lane-channels.js';
import { chooseLaneDrawing, type FrameDrawing, type LaneChoices } from './lane-choices.js';
import { buildRoutes, frameNodes, groupCells, LABEL_GAP, toFrame, type FrameEdge, type FrameNode, type FrameSize } from './lane-frame.js';
import { chooseGutters } from './lane-gutters.js';
import { frameRoutes, turnFrame, type FrameRoute } from './lane-routes.js';
import type { NodeContent } from './measure.js';
import type { FlowModel } from './model.js';
import type { FlowPlacement } from './placement.js';
import { compareScores, drawingScore } from '../../layout/drawing-score.js';
import { straightenJogs } from '../../layout/straighten.js';
import { portShape } from '../../scene/shapes.js';

/*
 * Swimlane layout. The layered layout decides the layers and the order inside each layer; lanes
 * then become straight bands parallel to the flow, and every node is placed inside its lane's band.
 * Edges run orthogonally through node-free space only: the channels between layers and the gutters
 * along each lane's sides, so no edge can cross a node. Everything is computed in a frame where the
 * flow runs downward (see lane-frame.ts) and turned to the document's direction at the end.
 * The phases, in order: layers (lane-frame.ts), cells, routes, gutters (lane-gutters.ts), band
 * sizing (lane-bands.ts), node placement across, ports, channel routing (lane-channels.ts), label
 * rows, placement along, route points (lane-routes.ts), label placement; then, when the routes
 * cross, a search over the order inside cells and the loops' gutters (lane-choices.ts); turning,
 * jog removal (straighten.ts).
 */

/** Room a lane header keeps around its text, in the document's terms (turned into the frame like everything else). */
const HEADER_PAD = { w: 24, h: 16 };
/** Flows with at most this many edges are searched by the finished drawing's score (lane-choices.ts). */
const FINISHED_SEARCH_LIMIT = 60;

/** Lanes in their listed order, and one more at the end for nodes without a (declared) lane. */
function laneIndexer(model: FlowModel): { laneCount: number; laneOf: (id: string) => number } {
  const laneIndex = new Map(model.lanes.map((l, i) => [l.id, i]));
  const declared = (lane: string | undefined) => lane !== undefined && laneIndex.has(lane);
  const laneCount = model.lanes.length + (model.nodes.some((n) => !declared(n.lane)) ? 1 : 0);
  const laneOfNode = new Map(model.nodes.map((n) => [n.id, declared(n.lane) ? laneIndex.get(n.lane!)! : laneCount - 1]));
  return { laneCount, laneOf: (id) => laneOfNode.get(id)! };
}

/** A flow with lanes, placed by the phases above; `headers` are the lanes' header texts (one more for the band of lane-less nodes). */
export async function placeInLanes(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>, headers: WrappedText[]): Promise<FlowPlacement> {
  const across = model.direction === 'TB' || model.direction === 'BT';
  const nodeSize = (id: string) => toFrame(across, content.get(id)!.w, content.get(id)!.h);
  const { laneCount, laneOf } = laneIndexer(model);
  const known = new Set(model.nodes.map((n) => n.id));
  const edges: FrameEdge[] = model.edges.flatMap((e, i) => (known.has(e.from) && known.has(e.to) ? [{
    edge: i, from: e.from, to: e.to,
    label: labels[i] ? toFrame(across, labels[i]!.width + 2 * LABEL_GAP, labels[i]!.height + 2 * LABEL_GAP) : undefined,
  }] : []));

  const layers = await orderInLayers({
    edgesAt: ['edges'],
    nodes: model.nodes.map((n) => { const { cross, main } = nodeSize(n.id); return { id: n.id, width: cross, height: main }; }),
    edges,
  });
  const headerSizes = headers.map((h) => toFrame(across, h.width + HEADER_PAD.w, h.height + HEADER_PAD.h));
  const draw = (choices: LaneChoices) => drawInFrame(choices, { edges, laneOf, laneCount, nodeSize, headerSizes });
  // A drawing is finished once: the search scores small flows on their finished drawing, and the
  // one it returns (most often the first, when nothing crosses) must not run the post-pass again.
  const finished = new WeakMap<FrameDrawing, FlowPlacement>();
  const finish = (d: FrameDrawing) => {
    const known = finished.get(d);
    if (known) return known;
    const placement = toDocument(model, d.frame, d.frameRoutes, d.bands, d.along.header, d.along.total);
    straightenJogs(placement, model.edges, { shapeOf: (id) => portShape(content.get(id)!.shape), direction: model.direction });
    finished.set(d, placement);
    return placement;
  };
  const frame = frameNodes(layers, laneOf, nodeSize);
  const back = (i: number) => { const e = model.edges[i]; return frame.has(e.from) && frame.has(e.to) && frame.get(e.to)!.layer <= frame.get(e.from)!.layer; };
  const finishedScore = (d: FrameDrawing) => drawingScore(finish(d).edges, back);
  // The post-pass may still redraw a loop across another edge: small flows are searched by the
  // finished drawing's score; larger ones by the lane router's (each finish costs a post-pass),
  // and their searched drawing is kept only when it is also better once finished.
  if (model.edges.length <= FINISHED_SEARCH_LIMIT) return finish(chooseLaneDrawing(draw, layers, laneOf, finishedScore).at(-1)!);
  const [first, searched] = chooseLaneDrawing(draw, layers, laneOf).map(finish);
  if (!searched) return first;
  return compareScores(drawingScore(searched.edges, back), drawingScore(first.edges, back)) < 0 ? searched : first;
}

/** What every drawing of one flow shares: its edges, lanes and sizes in the frame. */
interface FrameInput {
  edges: readonly FrameEdge[];
  laneOf: (id: string) => number;
  laneCount: number;
  nodeSize: (id: string) => FrameSize;
  headerSizes: readonly FrameSize[];
}

/** Phases 1–11 for one choice of the order inside the layers and of forced gutters: the drawing in the frame. */
function drawInFrame(choices: LaneChoices, input: FrameInput): FrameDrawing {
  const { layers, gutters } = choices;
  const frame = frameNodes(layers, input.laneOf, input.nodeSize);
  const cells = groupCells(frame.values());
  const routes = buildRoutes(input.edges, frame);
  const gutterWidth = chooseGutters(routes, input.laneCount, layers.length, gutters);
  const bands = sizeLanes(cells, gutterWidth, input.headerSizes.map((h) => h.cross), layers.length);
  placeAcross(cells, bands);
  alignLoneNodes(cells, routes, bands);
  assignPorts(routes, bands);
  const channels = { tracks: routeChannels(routes, bands), ...assignLabelRows(routes) };
  const along = placeAlong(frame.values(), layers.length, Math.max(...input.headerSizes.map((h) => h.main), 0), channels);
  return { frame, routes, frameRoutes: frameRoutes(routes, bands, along, channels), bands, along };
}

/** The placement in the document's direction: nodes, routes by model edge, and a band and header per lane. */
function toDocument(model: FlowModel, frame: ReadonlyMap<string, FrameNode>, routes: ReadonlyMap<number, FrameRoute>, bands: LaneBands, headerMain: number, totalMain: number): FlowPlacement {
  const { width, height, point, box } = turnFrame(model.direction, bands.total, totalMain);
  const nodes = new Map<string, Box>();
  for (const f of frame.values()) nodes.set(f.id, box({ x: f.u, y: f.v, w: f.cw, h: f.mh }));
  const edges: FlowPlacement['edges'] = model.edges.map((_, i) => {
    const r = routes.get(i);
    return r ? { points: r.points.map(point), label: r.label ? box(r.label) : undefined } : { points: [] };
  });
  const lanes = bands.width.map((w, l) => ({
    id: model.lanes[l]?.id ?? '',
    band: box({ x: bands.start[l], y: 0, w, h: totalMain }),
    header: box({ x: bands.start[l], y: 0, w, h: headerMain }),
  }));
  return { width, height, nodes, edges, lanes };
}
