import type { KindDefinition } from '../types.js';
import { buildJourneyModel, type JourneyModel } from './model.js';
import { journeyRules } from './rules/index.js';

export const journeyKind: KindDefinition<JourneyModel> = {
  kind: 'journey',
  // Steps sit inside stages; the input-size bound covers them, these arrays are counted directly.
  countedArrays: [['stages'], ['channels'], ['personas']],
  buildModel: buildJourneyModel,
  rules: journeyRules,
  // Loaded on first use: validating never loads layout or rendering code.
  layout: async (model, env) => (await import('./layout.js')).layoutJourney(model, env),
  toMermaid: async (model) => (await import('./mermaid.js')).journeyToMermaid(model),
};
