import type { Rule } from '../../types.js';
import { allSteps, type JourneyModel } from '../model.js';

/* Journey lint (SPEC §6.1): a warning, so a map in progress still builds (exit 0 unless --strict). */
export const stepWithoutChannel: Rule<JourneyModel> = {
  id: 'step-without-channel',
  severity: 'warning',
  description: 'When the journey has a channel catalogue, every step should name the touchpoint it happens at.',
  check(model, ctx) {
    if (!model.channels.length) return;
    for (const step of allSteps(model)) {
      if (!step.channels.length) ctx.report(step.generatedId ? step.path : [...step.path, 'id'], `step "${step.id}" names no channel (touchpoint)`);
    }
  },
};
