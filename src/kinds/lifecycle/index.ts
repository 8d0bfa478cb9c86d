import type { KindDefinition } from '../types.js';
import { layoutLifecycle } from './layout.js';
import { lifecycleToMermaid } from './mermaid.js';
import { buildLifecycleModel, type LifecycleModel } from './model.js';
import { lifecycleRules } from './rules/index.js';

export const lifecycleKind: KindDefinition<LifecycleModel> = {
  kind: 'lifecycle',
  countedArrays: [['states'], ['transitions']],
  buildModel: buildLifecycleModel,
  rules: lifecycleRules,
  layout: layoutLifecycle,
  toMermaid: lifecycleToMermaid,
};
