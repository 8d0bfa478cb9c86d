import type { Rule } from '../../types.js';
import type { FlowModel } from '../model.js';

export const missingStart: Rule<FlowModel> = {
  id: 'missing-start',
  severity: 'error',
  description: 'A flow needs at least one node of type start, where customers enter the process.',
  check(model, ctx) {
    if (!model.nodes.some((n) => n.type === 'start')) ctx.report(['nodes'], 'this flow has no start node; give the first step `type: start`', { key: true });
  },
};
