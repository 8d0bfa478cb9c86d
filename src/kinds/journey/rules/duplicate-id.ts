import type { Rule } from '../../types.js';
import { reportDuplicates } from '../../../validate/edge-report.js';
import { allSteps, type JourneyModel } from '../model.js';

export const duplicateId: Rule<JourneyModel> = {
  id: 'duplicate-id',
  severity: 'error',
  description: 'Every stage, step, KPI, channel and persona needs an id of its own (generated ids <stage-id>-<n> and <stage-id>-kpi-<n> count too).',
  check(model, ctx) {
    reportDuplicates(ctx, model.stages, 'stage');
    // Generated ids of a stage whose own id is repeated would clash only as an echo of that error.
    const seen = new Set<string>();
    const repeated = new Set(model.stages.filter((s) => seen.size === seen.add(s.id).size).map((s) => s.id));
    reportDuplicates(ctx, allSteps(model).filter((s) => !(s.generatedId && repeated.has(s.stageId))), 'step');
    reportDuplicates(ctx, model.stages.flatMap((s) => s.kpis.filter((k) => !(k.generatedId && repeated.has(s.id)))), 'KPI');
    reportDuplicates(ctx, model.channels, 'channel');
    // The single `persona:` form has no id of its own to clash with.
    reportDuplicates(ctx, model.personas.filter((p) => p.path[0] === 'personas'), 'persona');
  },
};
