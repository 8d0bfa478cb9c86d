import type { KindDefinition } from '../types.js';
import { layoutFlow } from './layout.js';
import { flowToMermaid } from './mermaid.js';
import { buildFlowModel, type FlowModel } from './model.js';
import { flowRules } from './rules/index.js';

export const flowKind: KindDefinition<FlowModel> = {
  kind: 'flow',
  countedArrays: [['nodes'], ['edges'], ['lanes']],
  buildModel: buildFlowModel,
  rules: flowRules,
  layout: layoutFlow,
  toMermaid: flowToMermaid,
};
