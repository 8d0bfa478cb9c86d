import type { Rule } from '../../types.js';
import type { FunnelModel } from '../model.js';
import { countMismatch } from './count-mismatch.js';
import { duplicateId } from './duplicate-id.js';
import { funnelWidens } from './funnel-widens.js';
import { missingCount } from './missing-count.js';
import { unknownReference } from './unknown-reference.js';

export const funnelRules: ReadonlyArray<Rule<FunnelModel>> = [duplicateId, unknownReference, missingCount, countMismatch, funnelWidens];
