import type { Rule } from '../../types.js';
import { outgoing } from '../../../validate/edge-report.js';
import type { FlowModel } from '../model.js';

export const deadEnd: Rule<FlowModel> = {
  id: 'dead-end',
  severity: 'error',
  description: 'A node that is not an end node needs an outgoing edge, or customers get stuck there.',
  check(model, ctx) {
    const out = outgoing(model.edges);
    for (const n of model.nodes) {
      if (n.type !== 'end' && !out.has(n.id)) ctx.report([...n.path, 'id'], `node "${n.id}" has no outgoing edge; connect it onward or make it \`type: end\``);
    }
  },
};
