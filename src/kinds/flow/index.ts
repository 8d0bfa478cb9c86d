import type { KindDefinition } from '../types.js';
import { buildFlowModel, type FlowModel } from './model.js';
import { flowRules } from './rules/index.js';

export const flowKind: KindDefinition<FlowModel> = {
  kind: 'flow',
  countedArrays: [['nodes'], ['edges'], ['lanes']],
  buildModel: buildFlowModel,
  rules: flowRules,
  // Loaded on first use: validating never loads layout or rendering code.
  layout: async (model, env) => (await import('./layout.js')).layoutFlow(model, env),
  toMermaid: async (model) => (await import('./mermaid.js')).flowToMermaid(model),
};
