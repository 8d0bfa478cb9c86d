import type { Box, Point } from '../../scene/geometry.js';

/** Where layout put everything of a flow, before any styling. */
export interface FlowPlacement {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  /** Indexed like model.edges. */
  edges: Array<{ points: Point[]; label?: Box }>;
  lanes: Array<{ id: string; band: Box; header: Box }>;
}
