import type { Rule } from '../../types.js';
import type { LifecycleModel } from '../model.js';
import { deadEnd } from './dead-end.js';
import { duplicateId } from './duplicate-id.js';
import { unknownReference } from './unknown-reference.js';
import { unreachableNode } from './unreachable-node.js';

export const lifecycleRules: ReadonlyArray<Rule<LifecycleModel>> = [duplicateId, unknownReference, unreachableNode, deadEnd];
