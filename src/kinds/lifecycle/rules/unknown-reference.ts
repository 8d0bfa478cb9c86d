import type { Rule } from '../../types.js';
import { reportUnknownEnds } from '../../../validate/edge-report.js';
import type { LifecycleModel } from '../model.js';

export const unknownReference: Rule<LifecycleModel> = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'Transitions must join states declared under states.',
  check(model, ctx) {
    reportUnknownEnds(ctx, model.transitions, model.states.map((s) => s.id), { edge: 'transition', node: 'state', within: 'this lifecycle' });
  },
};
