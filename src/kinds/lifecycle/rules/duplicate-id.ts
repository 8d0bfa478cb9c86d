import type { Rule } from '../../types.js';
import { reportDuplicates } from '../../../validate/edge-report.js';
import type { LifecycleModel } from '../model.js';

export const duplicateId: Rule<LifecycleModel> = {
  id: 'duplicate-id',
  severity: 'error',
  description: 'Every state needs an id of its own, or transitions cannot say which one they mean.',
  check(model, ctx) {
    reportDuplicates(ctx, model.states, 'state');
  },
};
