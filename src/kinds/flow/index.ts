import type { KindDefinition } from '../types.js';
import { flowData } from './data.js';
import { buildFlowModel, emptyFlowModel, type FlowModel } from './model.js';
import { flowRules } from './rules/index.js';
import { flowSymbols } from './symbols.js';

export const flowKind: KindDefinition<FlowModel> = {
  kind: 'flow',
  summary: 'process flowcharts',
  templates: {
    'first-purchase': { description: 'first-purchase process with customer volumes, drop-off and bottlenecks', files: [['first-purchase.flow.yaml', 'first-purchase.flow.yaml']] },
    'after-sales': { description: 'after-sales service across departments (swimlanes) with an on-site repair subprocess', files: [['after-sales.flow.yaml', 'after-sales.flow.yaml'], ['onsite-repair.flow.yaml', 'onsite-repair.flow.yaml']] },
  },
  countedArrays: [['nodes'], ['edges'], ['lanes']],
  buildModel: buildFlowModel,
  data: flowData,
  rules: flowRules,
  // Loaded on first use: validating never loads layout, text or diff code.
  layout: async (model, env, options) => (await import('./layout.js')).layoutFlow(model, env, options),
  toMermaid: async (model) => (await import('./mermaid.js')).flowToMermaid(model),
  toText: async (model) => (await import('./txt.js')).flowTxt(model),
  emptyModel: emptyFlowModel,
  diff: async (before, after) => (await import('./diff.js')).diffFlow(before, after),
  diffElements: [{ type: 'lane' }, { type: 'node' }, { type: 'edge' }],
  diffToText: async (diff) => (await import('./txt.js')).flowDiffTxt(diff),
  diffPicture: { badgesOnBorder: false },
  symbols: flowSymbols,
};
