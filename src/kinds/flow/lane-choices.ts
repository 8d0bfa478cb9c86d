import { compareScores, drawingScore, type DrawingScore } from '../../layout/drawing-score.js';
import type { LaneBands } from './lane-bands.js';
import type { AlongAxis } from './lane-channels.js';
import type { FrameNode, Route } from './lane-frame.js';
import type { FrameRoute } from './lane-routes.js';

/*
 * The lane router takes the layers and the order inside them from the lane-blind layered layout,
 * and picks each gutter route's gutter by a local rule (lane-gutters.ts). Neither sees the other
 * routes, so a loop back can climb past hand-overs between two other lanes, or two nodes of one
 * cell can sit the wrong way round for their neighbours, where another choice would cross nothing.
 * When the routes cross, this tries the alternatives one at a time — each gutter route through every
 * other gutter, each pair of neighbours in a cell swapped — and keeps a change when the drawing gets
 * better by the routing post-pass's own score (far loops, then crossings, then bends), until a
 * sweep changes nothing. Lanes stay bands: only nodes of one lane and one layer trade places.
 */

/** The choices a drawing is made from: node ids per layer in order across the flow, and gutters forced per model edge. */
export interface LaneChoices { layers: string[][]; gutters: ReadonlyMap<number, number> }

/** One drawing in the frame (flow downward), from the frame nodes to every route's points. */
export interface FrameDrawing {
  frame: Map<string, FrameNode>;
  routes: Route[];
  frameRoutes: Map<number, FrameRoute>;
  bands: LaneBands;
  along: AlongAxis;
}

/** Above this many edges the search is skipped: each try redraws the flow, and large flows would take too long. */
const SEARCH_EDGE_LIMIT = 120;
/**
 * Redrawn edges the search may spend over all its tries (each try redraws every edge): a
 * deterministic bound on its cost. A 113-edge flow now stops after ~50 tries instead of ~170
 * (~2 ms each there); the flows of 12–40 nodes the routing tests draw all finish their search.
 */
const SEARCH_WORK = 6000;
/** Sweeps over every alternative at most; each sweep that changes something lowers the score. */
const MAX_SWEEPS = 6;
/** Promising alternatives tried as a first of two steps, at most (each costs a sweep). */
const MAX_PROMISING = 2;

/** The score of the lane router's own routes, before the post-pass. */
export function frameScore(d: FrameDrawing): DrawingScore {
  return drawingScore(d.routes.map((r) => d.frameRoutes.get(r.edge)!), (i) => d.routes[i].to.layer <= d.routes[i].from.layer);
}

/** The choices one step away: every gutter route through each other gutter, then each pair of neighbours in a cell swapped. */
function* alternatives(choices: LaneChoices, d: FrameDrawing, laneOf: (id: string) => number): Generator<LaneChoices> {
  const laneCount = d.bands.width.length;
  for (const r of d.routes) {
    if (r.gutter === undefined) continue;
    for (let g = 0; g <= laneCount; g++) if (g !== r.gutter) yield { layers: choices.layers, gutters: new Map(choices.gutters).set(r.edge, g) };
  }
  for (let y = 0; y < choices.layers.length; y++) {
    const ids = choices.layers[y];
    for (let i = 0; i < ids.length; i++) {
      const j = ids.findIndex((id, k) => k > i && laneOf(id) === laneOf(ids[i]));
      if (j < 0) continue;
      const swapped = [...ids];
      [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
      yield { layers: choices.layers.map((l, k) => (k === y ? swapped : l)), gutters: choices.gutters };
    }
  }
}

interface Candidate { choices: LaneChoices; drawing: FrameDrawing; score: DrawingScore }

/**
 * One sweep from `best`: each alternative in turn, kept when it scores better. Alternatives with
 * fewer crossings that lose on another figure (a loop sent far round) go to `promising`, the
 * starting points of a second step when the sweep changes nothing.
 */
function sweep(best: Candidate, draw: (c: LaneChoices) => FrameDrawing | undefined, laneOf: (id: string) => number, scoreOf: (d: FrameDrawing) => DrawingScore, promising?: Candidate[]): Candidate {
  for (const choices of alternatives(best.choices, best.drawing, laneOf)) {
    const drawing = draw(choices);
    if (!drawing) break;
    const score = scoreOf(drawing);
    if (compareScores(score, best.score) < 0) best = { choices, drawing, score };
    else if (promising && score[1] < best.score[1]) promising.push({ choices, drawing, score });
  }
  return best;
}

/**
 * The drawing from the layered layout's order and the local gutter rule, and, when the search (see
 * above) found a better one, that one after it. A sweep that changes nothing tries two steps from
 * there: the first one of the few promising alternatives, the second any alternative.
 */
export function chooseLaneDrawing(drawFlow: (c: LaneChoices) => FrameDrawing, layers: string[][], laneOf: (id: string) => number, scoreOf: (d: FrameDrawing) => DrawingScore = frameScore): FrameDrawing[] {
  const choices: LaneChoices = { layers, gutters: new Map() };
  const first: Candidate = { choices, drawing: drawFlow(choices), score: [0, 0, 0] };
  const edges = first.drawing.routes.length;
  // A flow too large to search keeps its first drawing unscored (scoring a 1 000-node flow's routes costs ~2 % of its build).
  if (edges > SEARCH_EDGE_LIMIT) return [first.drawing];
  first.score = scoreOf(first.drawing);
  // Past the work budget every further try is refused, and the sweeps end with what they have.
  let work = edges;
  const draw = (c: LaneChoices) => ((work += edges) > SEARCH_WORK ? undefined : drawFlow(c));
  let best = first;
  for (let k = 0; k < MAX_SWEEPS && best.score[1] > 0; k++) {
    const promising: Candidate[] = [];
    let next = sweep(best, draw, laneOf, scoreOf, promising);
    for (const p of promising.slice(0, MAX_PROMISING)) {
      if (next !== best) break;
      const second = sweep(p, draw, laneOf, scoreOf);
      if (compareScores(second.score, best.score) < 0) next = second;
    }
    if (next === best) break;
    best = next;
  }
  return best === first ? [first.drawing] : [first.drawing, best.drawing];
}
