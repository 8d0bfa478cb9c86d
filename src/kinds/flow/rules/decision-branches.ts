import type { Rule } from '../../types.js';
import { outgoing } from '../../../validate/edge-report.js';
import type { FlowModel } from '../model.js';

export const decisionBranches: Rule<FlowModel> = {
  id: 'decision-branches',
  severity: 'error',
  description: 'A decision needs at least two outgoing edges (one per answer).',
  check(model, ctx) {
    const out = outgoing(model.edges);
    for (const n of model.nodes) {
      const count = out.get(n.id)?.length ?? 0;
      if (n.type === 'decision' && count < 2) ctx.report([...n.path, 'id'], `decision "${n.id}" has ${count} outgoing edge(s); a decision needs one edge per answer (at least two)`);
    }
  },
};
