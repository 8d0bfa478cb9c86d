import { layoutLayered } from '../../layout/layered.js';
import { straightenJogs } from '../../layout/straighten.js';
import type { Box, Point } from '../../scene/geometry.js';
import type { LifecycleModel } from './model.js';

/** The start marker's node id; `:` cannot occur in a state id, so it never collides. */
export const START_ID = ':start';
export const START_SIZE = 14;

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
 * The layered layout places the states as a state diagram: cards in layers along `direction`, back
 * edges (win-back, reactivation) routed around, label boxes reserved so labels never sit on a card.
 * Labels sit on their edge (the line runs under the label's box), so no label is read as another edge's.
 * Routes are then tidied as a flow's are (src/layout/straighten.ts).
 */
export async function placeLifecycle(model: LifecycleModel, sizes: Map<string, { w: number; h: number }>, labels: Array<{ w: number; h: number } | undefined>): Promise<LifecyclePlacement> {
  const initial = model.states.filter((s) => s.initial).map((s) => s.id);
  const ends = [...initial.map((id) => ({ from: START_ID, to: id })), ...model.transitions.map((t) => ({ from: t.from, to: t.to }))];
  const placed = await layoutLayered({
    direction: model.direction,
    spacing: { betweenNodes: 40, betweenLayers: 56 },
    edgeLabels: 'on-edge',
    edgesAt: ['transitions'],
    nodes: [
      { id: START_ID, width: START_SIZE, height: START_SIZE },
      ...model.states.map((s) => ({ id: s.id, width: sizes.get(s.id)!.w, height: sizes.get(s.id)!.h })),
    ],
    edges: ends.map((e, i) => {
      const label = labels[i - initial.length];
      return { ...e, label: label ? { width: label.w, height: label.h } : undefined };
    }),
  });
  // The flow's routing post-pass: straight lines between cards in line, elbows, no jogs.
  straightenJogs(placed, ends, { shapeOf: (id) => (id === START_ID ? 'curved' : 'straight'), direction: model.direction, labels: 'on-edge' });
  const startEdges = initial.map((to, i) => ({ to, points: placed.edges[i].points }));
  return { width: placed.width, height: placed.height, nodes: placed.nodes, edges: placed.edges.slice(initial.length), startEdges };
}
