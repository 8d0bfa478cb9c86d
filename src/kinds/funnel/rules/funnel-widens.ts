import { formatCount } from '../../../model/numbers.js';
import type { Rule } from '../../types.js';
import type { FunnelModel } from '../model.js';

export const funnelWidens: Rule<FunnelModel> = {
  id: 'funnel-widens',
  severity: 'warning',
  description: 'Each stage of a funnel holds at most the customers of the stage before; more means the stages are out of order or counted on different bases.',
  check(model, ctx) {
    model.steps.forEach((step, i) => {
      if (step.drop === undefined || step.drop >= 0) return;
      const later = model.stages[i + 1];
      const earlier = model.stages[i];
      ctx.report([...later.path, later.writtenCount !== undefined ? 'count' : 'segments'], `stage "${later.id}" counts ${formatCount(later.count!)}, more than the ${formatCount(earlier.count!)} of "${earlier.id}" before it; check the order of the stages and that both count the same customers`);
    });
  },
};
