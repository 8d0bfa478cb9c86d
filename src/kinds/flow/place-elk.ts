import { layoutLayered, type LayeredLayout } from '../../layout/layered.js';
import { compareScores, drawingScore, type DrawingScore } from '../../layout/drawing-score.js';
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

/** Flows without lanes: the layered layout places nodes, routes orthogonal edges and places their labels; nodes a little off their neighbour's port are lined up (align-nodes.ts), a node alone in the way of a straight edge moves out of its line (clear-lines.ts), and jogs next to ports are straightened. */
export async function placeWithElk(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>): Promise<FlowPlacement> {
  const isDiamond = (id: string) => content.get(id)?.shape === 'diamond';
  const graph = {
    direction: model.direction,
    edgesAt: ['edges'],
    nodes: model.nodes.map((n) => ({ id: n.id, width: content.get(n.id)!.w, height: content.get(n.id)!.h, cornerPorts: isDiamond(n.id) })),
    edges: model.edges.map((e, i) => ({ from: e.from, to: e.to, label: labels[i] ? { width: labels[i]!.width + 2 * LABEL_PAD, height: labels[i]!.height + 2 * LABEL_PAD } : undefined })),
  };
  const shapeOf = (id: string) => portShape(content.get(id)!.shape);
  const first = await layoutLayered(graph);
  if (!model.nodes.some((n) => isDiamond(n.id))) return finished(first, model, shapeOf);
  // Decisions: a second layout with every branch at the corner its target's place in the first one
  // calls for. ELK keeps fewer crossings free when ports are fixed: where the cornered drawing
  // crosses more (or goes far round more), the first layout's is kept.
  const sides = decisionSides(model.edges, first.nodes, isDiamond, model.direction);
  const cornered = finished(await layoutLayered({ ...graph, edges: graph.edges.map((e, i) => ({ ...e, ...sides[i] })) }), model, shapeOf);
  const back = (d: FlowPlacement) => (i: number) => goesBack(d.nodes.get(model.edges[i].from)!, d.nodes.get(model.edges[i].to)!, model.direction);
  // Edges into one node (or out of one) may merge before its port; that shared stretch is no crossing here.
  const merging = (i: number, j: number) => model.edges[i].to === model.edges[j].to || model.edges[i].from === model.edges[j].from;
  const crossingScore = (d: FlowPlacement) => drawingScore(d.edges, back(d), merging).slice(0, 2) as DrawingScore;
  const score = crossingScore(cornered);
  if (score[0] === 0 && score[1] === 0) return cornered;
  const plain = finished(first, model, shapeOf);
  return compareScores(crossingScore(plain), score) < 0 ? plain : cornered;
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
