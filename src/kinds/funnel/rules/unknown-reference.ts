import type { Rule } from '../../types.js';
import { didYouMean } from '../../../validate/schema.js';
import type { FunnelModel } from '../model.js';

export const unknownReference: Rule<FunnelModel> = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'A stage can only count customers of segments the funnel declares under `segments`.',
  check(model, ctx) {
    const ids = model.segments.map((s) => s.id);
    const known = new Set(ids);
    for (const stage of model.stages) {
      for (const s of stage.segments) {
        if (known.has(s.id)) continue;
        const hint = ids.length ? didYouMean(s.id, ids, '', false) : '; declare it under `segments` first';
        ctx.report([...stage.path, 'segments', s.id], `segment "${s.id}" of stage "${stage.id}" is not a segment of this funnel${hint}`, { key: true });
      }
    }
  },
};
