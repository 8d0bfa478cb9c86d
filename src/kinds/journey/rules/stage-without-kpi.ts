import type { Rule } from '../../types.js';
import type { JourneyModel } from '../model.js';

/* Journey lint (SPEC §6.1): a warning, so a map in progress still builds (exit 0 unless --strict). */
export const stageWithoutKpi: Rule<JourneyModel> = {
  id: 'stage-without-kpi',
  severity: 'warning',
  description: 'Every stage should have a KPI that tells whether it works.',
  check(model, ctx) {
    for (const s of model.stages) if (!s.kpis.length) ctx.report([...s.path, 'id'], `stage "${s.id}" has no KPI`);
  },
};
