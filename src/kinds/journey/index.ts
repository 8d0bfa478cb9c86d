import type { KindDefinition } from '../types.js';
import { layoutJourney } from './layout.js';
import { journeyToMermaid } from './mermaid.js';
import { buildJourneyModel, type JourneyModel } from './model.js';
import { journeyRules } from './rules/index.js';

export const journeyKind: KindDefinition<JourneyModel> = {
  kind: 'journey',
  // Steps sit inside stages; the input-size bound covers them, these arrays are counted directly.
  countedArrays: [['stages'], ['channels'], ['personas']],
  buildModel: buildJourneyModel,
  rules: journeyRules,
  layout: layoutJourney,
  toMermaid: journeyToMermaid,
};
