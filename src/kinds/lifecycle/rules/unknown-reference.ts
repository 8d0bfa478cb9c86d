import type { Rule } from '../../types.js';
import { didYouMean } from '../../../validate/schema.js';
import { reportEdgeEnd } from '../../../validate/edge-report.js';
import type { LifecycleModel } from '../model.js';

export const unknownReference: Rule<LifecycleModel> = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'Transitions must join states declared under states.',
  check(model, ctx) {
    const ids = model.states.map((s) => s.id);
    const known = new Set(ids);
    for (const t of model.transitions) {
      if (!known.has(t.from)) reportEdgeEnd(ctx, t.origin, 'from', `transition source "${t.from}" is not a state of this lifecycle${didYouMean(t.from, ids, '', false)}`);
      if (!known.has(t.to)) reportEdgeEnd(ctx, t.origin, 'to', `transition target "${t.to}" is not a state of this lifecycle${didYouMean(t.to, ids, '', false)}`);
    }
  },
};
