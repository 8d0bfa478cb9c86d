import { layoutLayered } from '../../layout/layered.js';
import type { WrappedText } from '../../layout/text.js';
import type { NodeContent } from './measure.js';
import type { FlowModel } from './model.js';
import type { FlowPlacement } from './placement.js';
import { alignJoggedNodes } from '../../layout/align-nodes.js';
import { clearLinesAndRedraw } from '../../layout/clear-lines.js';
import { straightenJogs } from '../../layout/straighten.js';
import { portShape } from '../../scene/shapes.js';

const LABEL_PAD = 4;

/** Flows without lanes: the layered layout places nodes, routes orthogonal edges and places their labels; nodes a little off their neighbour's port are lined up (align-nodes.ts), a node alone in the way of a straight edge moves out of its line (clear-lines.ts), and jogs next to ports are straightened. */
export async function placeWithElk(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>): Promise<FlowPlacement> {
  const placed = await layoutLayered({
    direction: model.direction,
    edgesAt: ['edges'],
    nodes: model.nodes.map((n) => ({ id: n.id, width: content.get(n.id)!.w, height: content.get(n.id)!.h })),
    edges: model.edges.map((e, i) => ({ from: e.from, to: e.to, label: labels[i] ? { width: labels[i]!.width + 2 * LABEL_PAD, height: labels[i]!.height + 2 * LABEL_PAD } : undefined })),
  });
  const placement = { ...placed, lanes: [] };
  const shapeOf = (id: string) => portShape(content.get(id)!.shape);
  const redraw = () => straightenJogs(placement, model.edges, { shapeOf, direction: model.direction });
  redraw();
  if (alignJoggedNodes(placement, model.edges, shapeOf, model.direction)) redraw();
  clearLinesAndRedraw(placement, model.edges, shapeOf, model.direction, redraw);
  return placement;
}
