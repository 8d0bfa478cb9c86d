import type { Rule } from '../../types.js';
import type { JourneyModel } from '../model.js';
import { duplicateId } from './duplicate-id.js';
import { emotionRange } from './emotion-range.js';
import { emptyStage } from './empty-stage.js';
import { lowEmotionWithoutPain } from './low-emotion-without-pain.js';
import { painWithoutOpportunity } from './pain-without-opportunity.js';
import { stageWithoutKpi } from './stage-without-kpi.js';
import { stepWithoutChannel } from './step-without-channel.js';
import { unknownReference } from './unknown-reference.js';

export const journeyRules: ReadonlyArray<Rule<JourneyModel>> = [
  duplicateId, unknownReference, emptyStage, emotionRange,
  lowEmotionWithoutPain, stepWithoutChannel, stageWithoutKpi, painWithoutOpportunity,
];
