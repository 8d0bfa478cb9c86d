import { elkEdgePoints, layeredOptions, runElk, type ElkNode } from '../../layout/elk.js';
import type { Point } from '../../scene/geometry.js';
import type { NodeContent } from './measure.js';
import type { FlowModel } from './model.js';
import { ELK_DIRECTION, type FlowPlacement } from './placement.js';
import type { WrappedText } from '../../layout/text.js';

const LABEL_PAD = 4;

/** Flows without lanes: ELK places nodes, routes orthogonal edges and places their labels. */
export async function placeWithElk(model: FlowModel, content: Map<string, NodeContent>, labels: Array<WrappedText | undefined>): Promise<FlowPlacement> {
  const known = new Set(model.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: layeredOptions(ELK_DIRECTION[model.direction]),
    children: model.nodes.map((n) => ({ id: n.id, width: content.get(n.id)!.w, height: content.get(n.id)!.h })),
    edges: model.edges.flatMap((e, i) => (known.has(e.from) && known.has(e.to) ? [{
      id: `e${i}`,
      sources: [e.from],
      targets: [e.to],
      labels: labels[i] ? [{ id: `l${i}`, text: ' ', width: labels[i]!.width + 2 * LABEL_PAD, height: labels[i]!.height + 2 * LABEL_PAD }] : [],
    }] : [])),
  };
  const out = await runElk(graph);
  const nodes = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const c of out.children ?? []) nodes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 });
  const edges: FlowPlacement['edges'] = model.edges.map(() => ({ points: [] }));
  for (const e of out.edges ?? []) {
    const i = Number(e.id.slice(1));
    const points: Point[] = elkEdgePoints(e);
    const l = e.labels?.[0];
    edges[i] = { points, label: l ? { x: l.x ?? 0, y: l.y ?? 0, w: l.width ?? 0, h: l.height ?? 0 } : undefined };
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges, lanes: [] };
}
