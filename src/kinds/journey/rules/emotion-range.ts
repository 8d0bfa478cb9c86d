import type { Rule } from '../../types.js';
import { allSteps, type JourneyModel } from '../model.js';

export const emotionRange: Rule<JourneyModel> = {
  id: 'emotion-range',
  severity: 'error',
  description: 'Every emotion score must lie within the scale (default 1 to 5), and the scale must run upwards.',
  check(model, ctx) {
    const { min, max } = model.scale;
    if (!(min < max)) {
      ctx.report(['scale'], `scale min (${min}) must be less than max (${max})`, { key: true });
      return;
    }
    for (const step of allSteps(model)) {
      for (const e of step.emotions) {
        if (e.score < min || e.score > max) {
          const who = e.persona !== undefined ? ` for persona "${e.persona}"` : '';
          ctx.report(e.path, `emotion ${e.score}${who} of step "${step.id}" is outside the scale ${min}..${max}`);
        }
      }
    }
  },
};
