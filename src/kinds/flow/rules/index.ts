import type { Rule } from '../../types.js';
import type { FlowModel } from '../model.js';
import { deadEnd } from './dead-end.js';
import { decisionBranches } from './decision-branches.js';
import { duplicateId } from './duplicate-id.js';
import { missingEnd } from './missing-end.js';
import { missingStart } from './missing-start.js';
import { unknownReference } from './unknown-reference.js';
import { unreachableNode } from './unreachable-node.js';

export const flowRules: ReadonlyArray<Rule<FlowModel>> = [duplicateId, unknownReference, missingStart, missingEnd, unreachableNode, deadEnd, decisionBranches];
