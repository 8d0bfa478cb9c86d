import type { Rule } from '../../types.js';
import { reportDuplicates } from '../../../validate/edge-report.js';
import type { FunnelModel } from '../model.js';

export const duplicateId: Rule<FunnelModel> = {
  id: 'duplicate-id',
  severity: 'error',
  description: 'Every stage and segment needs an id of its own, or a diff and the segment counts cannot say which one they mean.',
  check(model, ctx) {
    reportDuplicates(ctx, model.stages, 'stage');
    reportDuplicates(ctx, model.segments, 'segment');
  },
};
