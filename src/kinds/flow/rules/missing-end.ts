import type { Rule } from '../../types.js';
import type { FlowModel } from '../model.js';

export const missingEnd: Rule<FlowModel> = {
  id: 'missing-end',
  severity: 'error',
  description: 'A flow needs at least one node of type end, where the process is finished for the customer.',
  check(model, ctx) {
    if (!model.nodes.some((n) => n.type === 'end')) ctx.report(['nodes'], 'this flow has no end node; give the final step `type: end`', { key: true });
  },
};
