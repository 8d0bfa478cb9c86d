import type { Rule } from '../../types.js';
import { allSteps, type JourneyModel } from '../model.js';

/* Journey lint (SPEC §6.1): a warning, so a map in progress still builds (exit 0 unless --strict). */
export const painWithoutOpportunity: Rule<JourneyModel> = {
  id: 'pain-without-opportunity',
  severity: 'warning',
  description: 'A step with pain points should name at least one improvement opportunity.',
  check(model, ctx) {
    for (const step of allSteps(model)) {
      if (step.pains.length && !step.opportunities.length) ctx.report([...step.path, 'pains'], `step "${step.id}" has pain points but no opportunity to address them`, { key: true });
    }
  },
};
