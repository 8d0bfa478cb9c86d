import { dataColumn, edgeTargets, listTargets } from '../../load/data/targets.js';
import type { KindData } from '../types.js';

const NODE_COLUMNS = [dataColumn('metrics.duration', 'text'), dataColumn('metrics.volume', 'number'), dataColumn('metrics.conversion', 'number'), dataColumn('metrics.satisfaction', 'number')];
const EDGE_COLUMNS = [dataColumn('volume', 'number')];

/** Nodes take their metrics, edges (`from->to`, also inside a chain) their volume. */
export const flowData: KindData = {
  targets: (value) => {
    const raw = value as Record<string, unknown>;
    return [...listTargets(raw.nodes, ['nodes'], 'node', 'node', NODE_COLUMNS), ...edgeTargets(raw.edges, 'edges', 'edge', 'edge', EDGE_COLUMNS)];
  },
};
