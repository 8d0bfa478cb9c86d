import type { Rule } from '../../types.js';
import type { JourneyModel } from '../model.js';

export const emptyStage: Rule<JourneyModel> = {
  id: 'empty-stage',
  severity: 'error',
  description: 'A stage needs at least one step, or its column has nothing to show.',
  check(model, ctx) {
    for (const s of model.stages) {
      if (!s.steps.length) ctx.report(s.path, `stage "${s.id}" has no steps; add what the customer does in it, or remove the stage`);
    }
  },
};
