import { elkEdgePoints, layeredOptions, runElk, type ElkNode } from '../../layout/elk.js';
import type { Box, Point } from '../../scene/geometry.js';
import type { LifecycleModel } from './model.js';

const ELK_DIRECTION = { TB: 'DOWN', BT: 'UP', LR: 'RIGHT', RL: 'LEFT' } as const;

/** The start marker's node id; `:` cannot occur in a state id, so it never collides. */
export const START_ID = ':start';
export const START_SIZE = 14;
/** Labels sit on their edge (the line runs under the label's box), so no label is read as another edge's. */
const INLINE = { 'elk.edgeLabels.inline': 'true' };

export interface LifecyclePlacement {
  width: number;
  height: number;
  /** State boxes by id, plus the start marker under START_ID. */
  nodes: Map<string, Box>;
  /** Indexed like model.transitions. */
  edges: Array<{ points: Point[]; label?: Box }>;
  /** Edges from the start marker into each initial state. */
  startEdges: Array<{ to: string; points: Point[] }>;
}

/**
 * ELK layered places the states as a state diagram: cards in layers along `direction`, back edges
 * (win-back, reactivation) routed around, label boxes reserved so labels never sit on a card.
 */
export async function placeLifecycle(model: LifecycleModel, sizes: Map<string, { w: number; h: number }>, labels: Array<{ w: number; h: number } | undefined>): Promise<LifecyclePlacement> {
  const known = new Set(model.states.map((s) => s.id));
  const initial = model.states.filter((s) => s.initial).map((s) => s.id);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: layeredOptions(ELK_DIRECTION[model.direction], { 'elk.spacing.nodeNode': '40', 'elk.layered.spacing.nodeNodeBetweenLayers': '56' }),
    children: [
      { id: START_ID, width: START_SIZE, height: START_SIZE },
      ...model.states.map((s) => ({ id: s.id, width: sizes.get(s.id)!.w, height: sizes.get(s.id)!.h })),
    ],
    edges: [
      ...initial.map((id, i) => ({ id: `s${i}`, sources: [START_ID], targets: [id] })),
      ...model.transitions.flatMap((t, i) => (known.has(t.from) && known.has(t.to) ? [{
        id: `e${i}`,
        sources: [t.from],
        targets: [t.to],
        labels: labels[i] ? [{ id: `l${i}`, text: ' ', width: labels[i]!.w, height: labels[i]!.h, layoutOptions: INLINE }] : [],
      }] : [])),
    ],
  };
  const out = await runElk(graph);
  const nodes = new Map<string, Box>();
  for (const c of out.children ?? []) nodes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 0, h: c.height ?? 0 });
  const edges: LifecyclePlacement['edges'] = model.transitions.map(() => ({ points: [] }));
  const startEdges: LifecyclePlacement['startEdges'] = [];
  for (const e of out.edges ?? []) {
    const i = Number(e.id.slice(1));
    if (e.id.startsWith('s')) { startEdges.push({ to: initial[i], points: elkEdgePoints(e) }); continue; }
    const l = e.labels?.[0];
    edges[i] = { points: elkEdgePoints(e), label: l ? { x: l.x ?? 0, y: l.y ?? 0, w: l.width ?? 0, h: l.height ?? 0 } : undefined };
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges, startEdges };
}
