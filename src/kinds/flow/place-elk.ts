import { layoutLayered, type LayeredLayout } from '../../layout/layered.js';
import { compareScores, crossingPairs, drawingScore, type DrawingScore } from '../../layout/drawing-score.js';
import type { WrappedText } from '../../layout/text.js';
import type { NodeContent } from './measure.js';
import type { FlowModel } from './model.js';
import type { FlowPlacement } from './placement.js';
import { alignJoggedNodes, growToHoldEdges } from '../../layout/align-nodes.js';
import { clearLinesAndRedraw } from '../../layout/clear-lines.js';
import { goesBack, straightenJogs, type PortShape } from '../../layout/straighten.js';
import { portShape } from '../../scene/shapes.js';
import { decisionSides } from './decision-ports.js';

const LABEL_PAD = 4;

/** Times the decisions at crossing edges are freed of their corners and the flow laid out again. */
const RELEASE_ROUNDS = 3;

/**
 * Above this many edges a cornered drawing that crosses is compared with the first layout's only:
 * each other choice of corners is a whole layout again (a 200-node flow took twice as long with
 * them). The lane router's search stops at the same size (lane-choices.ts).
 */
const CORNER_SEARCH_EDGES = 120;

/** Flows without lanes (`layout`: the layered layout, which tests may count): the layered layout places nodes, routes orthogonal edges and places their labels; nodes a little off their neighbour's port are lined up (align-nodes.ts), a node alone in the way of a straight edge moves out of its line (clear-lines.ts), and jogs next to ports are straightened. */
export async function placeWithElk(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>, layout: typeof layoutLayered = layoutLayered): Promise<FlowPlacement> {
  const isDiamond = (id: string) => content.get(id)?.shape === 'diamond';
  const graph = {
    direction: model.direction,
    edgesAt: ['edges'],
    nodes: model.nodes.map((n) => ({ id: n.id, width: content.get(n.id)!.w, height: content.get(n.id)!.h, cornerPorts: isDiamond(n.id) })),
    edges: model.edges.map((e, i) => ({ from: e.from, to: e.to, label: labels[i] ? { width: labels[i]!.width + 2 * LABEL_PAD, height: labels[i]!.height + 2 * LABEL_PAD } : undefined })),
  };
  const shapeOf = (id: string) => portShape(content.get(id)!.shape);
  const first = await layout(graph);
  if (!model.nodes.some((n) => isDiamond(n.id))) return finished(first, model, shapeOf);
  // Decisions: a second layout with every branch at the corner its target's place in the first one
  // calls for. ELK keeps fewer crossings free when ports are fixed: where the cornered drawing
  // crosses more (or goes far round more), other corners are tried, and the first layout's drawing
  // is kept where none crosses as little.
  const back = (d: { nodes: LayeredLayout['nodes'] }) => (i: number) => goesBack(d.nodes.get(model.edges[i].from)!, d.nodes.get(model.edges[i].to)!, model.direction);
  // Edges into one node (or out of one) may merge before its port; that shared stretch is no crossing here.
  const merging = (i: number, j: number) => model.edges[i].to === model.edges[j].to || model.edges[i].from === model.edges[j].from;
  const crossingScore = (d: FlowPlacement) => drawingScore(d.edges, back(d), merging).slice(0, 2) as DrawingScore;
  const draw = async (sides: EdgeSides[]): Promise<Candidate> => {
    const drawing = finished(await layout({ ...graph, edges: graph.edges.map((e, i) => ({ ...e, ...sides[i] })) }), model, shapeOf);
    return { sides, drawing, score: crossingScore(drawing) };
  };
  const cornered = await draw(decisionSides(model.edges, first.nodes, isDiamond, model.direction));
  const best = model.edges.length > CORNER_SEARCH_EDGES ? cornered : await betterCorners(cornered, { model, back: back(first), merging, draw });
  if (crossesNothing(best.score)) return best.drawing;
  const plain = finished(first, model, shapeOf);
  return compareScores(crossingScore(plain), best.score) < 0 ? plain : best.drawing;
}

type EdgeSides = ReturnType<typeof decisionSides>[number];
interface Candidate { sides: EdgeSides[]; drawing: FlowPlacement; score: DrawingScore }
interface CornerSearch {
  model: FlowModel;
  /** Edge i goes back in the first layout. */
  back: (i: number) => boolean;
  merging: (i: number, j: number) => boolean;
  draw: (sides: EdgeSides[]) => Promise<Candidate>;
}

const crossesNothing = (score: DrawingScore) => score[0] === 0 && score[1] === 0;
const OPPOSITE = { low: 'high', high: 'low' } as const;

/**
 * Other corners for a cornered drawing that crosses: first every branch back that crosses goes
 * round the other side (the corner opposite); then, up to RELEASE_ROUNDS times while edges still
 * cross, the decisions at whose corners a crossing edge starts or ends are left to ELK and the
 * others keep theirs. The best drawing seen, the first that crosses nothing ending the search.
 */
async function betterCorners(start: Candidate, { model, back, merging, draw }: CornerSearch): Promise<Candidate> {
  let best = start;
  const consider = (c: Candidate) => { if (compareScores(c.score, best.score) < 0) best = c; return crossesNothing(best.score); };
  if (crossesNothing(best.score)) return best;
  const crossing = new Set(crossingPairs(best.drawing.edges, merging).flat());
  const flips = best.sides.map((s, i) => (crossing.has(i) && back(i) && (s.fromSide === 'low' || s.fromSide === 'high') ? { ...s, fromSide: OPPOSITE[s.fromSide] } : s));
  if (flips.some((s, i) => s !== best.sides[i]) && consider(await draw(flips))) return best;
  const base = best.sides;
  const diamonds = new Set(base.flatMap((s, i) => [...(s.fromSide ? [model.edges[i].from] : []), ...(s.toSide ? [model.edges[i].to] : [])]));
  const released = new Set<string>();
  let last = best;
  for (let round = 0; round < RELEASE_ROUNDS; round++) {
    const before = released.size;
    for (const i of crossingPairs(last.drawing.edges, merging).flat()) {
      if (base[i].fromSide) released.add(model.edges[i].from);
      if (base[i].toSide) released.add(model.edges[i].to);
    }
    if (released.size === before || released.size === diamonds.size) break;
    const kept = base.map((s, i) => ({ ...(s.fromSide && !released.has(model.edges[i].from) ? { fromSide: s.fromSide } : {}), ...(s.toSide && !released.has(model.edges[i].to) ? { toSide: s.toSide } : {}) }));
    last = await draw(kept);
    if (consider(last)) break;
  }
  return best;
}

/** The routing post-pass on ELK's drawing. Nothing is laid out around the drawing: a route may leave it (a loop round nodes at its edge), and it grows to hold it. */
function finished(placed: LayeredLayout, model: FlowModel, shapeOf: (id: string) => PortShape): FlowPlacement {
  const placement = { ...placed, lanes: [] };
  const redraw = () => { straightenJogs(placement, model.edges, { shapeOf, direction: model.direction, grow: true }); growToHoldEdges(placement); };
  redraw();
  if (alignJoggedNodes(placement, model.edges, shapeOf, model.direction)) redraw();
  clearLinesAndRedraw(placement, model.edges, shapeOf, model.direction, redraw);
  return placement;
}
