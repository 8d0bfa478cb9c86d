import type { Rule } from '../../types.js';
import { didYouMean } from '../../../validate/schema.js';
import { allSteps, type JourneyModel } from '../model.js';

export const unknownReference: Rule<JourneyModel> = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'Steps must name declared channels and personas, and a step flow must name a file inside the tree.',
  check(model, ctx) {
    const channelIds = model.channels.map((c) => c.id);
    const channels = new Set(channelIds);
    // Only `personas:` entries have ids an emotion map can name.
    const personaIds = model.personas.filter((p) => p.path[0] === 'personas').map((p) => p.id);
    const personas = new Set(personaIds);
    for (const step of allSteps(model)) {
      step.channels.forEach((c, i) => {
        if (!channels.has(c)) ctx.report([...step.path, 'channels', i], `channel "${c}" of step "${step.id}" is not declared under channels${didYouMean(c, channelIds, '; this journey declares no channels')}`);
      });
      for (const [field, entries] of [['emotion', step.emotions], ['responses', step.responses]] as const) {
        for (const e of entries) {
          if (e.persona !== undefined && !personas.has(e.persona)) {
            ctx.report(e.path, `persona "${e.persona}" in the ${field} of step "${step.id}" is not declared under personas${didYouMean(e.persona, personaIds, '; declare it under personas (or give one number)')}`, { key: true });
          }
        }
      }
      if (step.flow !== undefined) {
        const check = ctx.checkReference(step.flow);
        if (!check.ok) ctx.report([...step.path, 'flow'], `flow "${step.flow}" of step "${step.id}" ${check.reason}`);
      }
    }
  },
};
