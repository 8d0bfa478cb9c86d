import type { KindDefinition } from '../types.js';
import { buildLifecycleModel, type LifecycleModel } from './model.js';
import { lifecycleRules } from './rules/index.js';

export const lifecycleKind: KindDefinition<LifecycleModel> = {
  kind: 'lifecycle',
  countedArrays: [['states'], ['transitions']],
  buildModel: buildLifecycleModel,
  rules: lifecycleRules,
  // Loaded on first use: validating never loads layout or rendering code.
  layout: async (model, env) => (await import('./layout.js')).layoutLifecycle(model, env),
  toMermaid: async (model) => (await import('./mermaid.js')).lifecycleToMermaid(model),
};
