import type { KindDefinition } from '../types.js';
import { lifecycleData } from './data.js';
import { buildLifecycleModel, emptyLifecycleModel, type LifecycleModel } from './model.js';
import { lifecycleRules } from './rules/index.js';
import { lifecycleSymbols } from './symbols.js';

export const lifecycleKind: KindDefinition<LifecycleModel> = {
  kind: 'lifecycle',
  summary: 'lifecycle maps',
  templates: {
    'customer-lifecycle': { description: 'customer tiers (prospect, active, VIP, dormant, churned) and lifecycle transitions', files: [['ecommerce-tiers.lifecycle.yaml', 'customer-lifecycle.lifecycle.yaml']] },
  },
  countedArrays: [['states'], ['transitions']],
  buildModel: buildLifecycleModel,
  data: lifecycleData,
  rules: lifecycleRules,
  // Loaded on first use: validating never loads layout, text or diff code.
  layout: async (model, env, options) => (await import('./layout.js')).layoutLifecycle(model, env, options),
  toMermaid: async (model) => (await import('./mermaid.js')).lifecycleToMermaid(model),
  toText: async (model) => (await import('./txt.js')).lifecycleTxt(model),
  emptyModel: emptyLifecycleModel,
  diff: async (before, after) => (await import('./diff.js')).diffLifecycle(before, after),
  diffElements: [{ type: 'state' }, { type: 'transition' }],
  diffToText: async (diff) => (await import('./txt.js')).lifecycleDiffTxt(diff),
  diffPicture: { badgesOnBorder: false },
  symbols: lifecycleSymbols,
};
