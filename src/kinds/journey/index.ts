import type { KindDefinition } from '../types.js';
import { journeyData } from './data.js';
import type { JourneyDiff } from './diff.js';
import { buildJourneyModel, emptyJourneyModel, type JourneyModel } from './model.js';
import { journeyRules } from './rules/index.js';
import { journeySymbols } from './symbols.js';

export const journeyKind: KindDefinition<JourneyModel, JourneyDiff> = {
  kind: 'journey',
  summary: 'customer journey maps',
  templates: {
    'retail-journey': {
      description: 'retail customer journey map (six stages, touchpoints, pain points, KPIs) and its service-blueprint version (two personas, -2..+2, evidence, funnel)',
      // The purchase step links to the first-purchase flow, so that file comes along.
      files: [['retail-journey.journey.yaml', 'retail-journey.journey.yaml'], ['retail-blueprint.journey.yaml', 'retail-blueprint.journey.yaml'], ['first-purchase.flow.yaml', 'first-purchase.flow.yaml']],
    },
  },
  // Steps sit inside stages; the input-size bound covers them, these arrays are counted directly.
  countedArrays: [['stages'], ['channels'], ['personas']],
  buildModel: buildJourneyModel,
  data: journeyData,
  rules: journeyRules,
  // Loaded on first use: validating never loads layout, text or diff code. Journey cells have a
  // fixed width, so `widenBoxes` is ignored and diff badges sit on the step box's border.
  layout: async (model, env) => (await import('./layout.js')).layoutJourney(model, env),
  toMermaid: async (model) => (await import('./mermaid.js')).journeyToMermaid(model),
  toText: async (model) => (await import('./txt.js')).journeyTxt(model),
  emptyModel: emptyJourneyModel,
  diff: async (before, after) => (await import('./diff.js')).diffJourney(before, after),
  diffElements: [{ type: 'persona' }, { type: 'channel' }, { type: 'stage' }, { type: 'step' }],
  diffToText: async (diff) => (await import('./txt.js')).journeyDiffTxt(diff),
  diffPicture: {
    badgesOnBorder: true,
    decorate: async (scene, diff, env) => (await import('./diff-picture.js')).decorateJourneyDiff(scene, diff, env),
  },
  symbols: journeySymbols,
};
