import { formatCount } from '../../../model/numbers.js';
import type { Rule } from '../../types.js';
import type { FunnelModel } from '../model.js';

export const countMismatch: Rule<FunnelModel> = {
  id: 'count-mismatch',
  severity: 'warning',
  description: 'When a stage gives both a count and counts per segment, the segments should add up to the count.',
  check(model, ctx) {
    for (const s of model.stages) {
      if (s.writtenCount === undefined || !s.segments.length) continue;
      const sum = s.segments.reduce((n, x) => n + x.count, 0);
      if (sum !== s.writtenCount) ctx.report([...s.path, 'count'], `stage "${s.id}" counts ${formatCount(s.writtenCount)} but its segments add up to ${formatCount(sum)}; the picture uses ${formatCount(s.writtenCount)}`);
    }
  },
};
