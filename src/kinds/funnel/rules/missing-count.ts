import type { Rule } from '../../types.js';
import type { FunnelModel } from '../model.js';

export const missingCount: Rule<FunnelModel> = {
  id: 'missing-count',
  severity: 'error',
  description: 'A funnel stage needs a count (or counts per segment): a funnel without numbers shows no conversion.',
  check(model, ctx) {
    for (const s of model.stages) {
      if (s.count === undefined) ctx.report(s.path, `stage "${s.id}" has no count; add \`count:\` (customers who reached it) or \`segments:\` with a count per segment`);
    }
  },
};
