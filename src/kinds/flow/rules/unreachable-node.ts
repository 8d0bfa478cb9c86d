import type { Rule } from '../../types.js';
import { reachableFrom } from '../../../validate/edge-report.js';
import type { FlowModel } from '../model.js';

export const unreachableNode: Rule<FlowModel> = {
  id: 'unreachable-node',
  severity: 'error',
  description: 'Every node must be reachable from a start node by following edges.',
  check(model, ctx) {
    const starts = model.nodes.filter((n) => n.type === 'start').map((n) => n.id);
    if (!starts.length) return; // missing-start says it already
    const reached = reachableFrom(starts, model.edges);
    for (const n of model.nodes) {
      if (!reached.has(n.id)) ctx.report([...n.path, 'id'], `node "${n.id}" cannot be reached from any start node; add an edge into it`);
    }
  },
};
