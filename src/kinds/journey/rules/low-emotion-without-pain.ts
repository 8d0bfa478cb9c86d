import type { Rule } from '../../types.js';
import { allSteps, type JourneyModel } from '../model.js';

/* Journey lint (SPEC §6.1): a warning, so a map in progress still builds (exit 0 unless --strict). */
export const lowEmotionWithoutPain: Rule<JourneyModel> = {
  id: 'low-emotion-without-pain',
  severity: 'warning',
  description: 'A score in the lowest fifth of the scale should name the pain point behind it.',
  check(model, ctx) {
    const { min, max } = model.scale;
    if (!(min < max)) return;
    const low = min + (max - min) / 5;
    for (const step of allSteps(model)) {
      if (step.pains.length) continue;
      const worst = step.emotions.filter((e) => e.score <= low && e.score >= min)[0];
      if (worst) ctx.report(worst.path, `step "${step.id}" scores ${worst.score} (lowest fifth of ${min}..${max}) but names no pain point`);
    }
  },
};
