import type { Rule } from '../../types.js';
import { reportDuplicates } from '../../../validate/edge-report.js';
import type { FlowModel } from '../model.js';

export const duplicateId: Rule<FlowModel> = {
  id: 'duplicate-id',
  severity: 'error',
  description: 'Every node and every lane needs an id of its own.',
  check(model, ctx) {
    reportDuplicates(ctx, model.nodes, 'node');
    reportDuplicates(ctx, model.lanes, 'lane');
  },
};
