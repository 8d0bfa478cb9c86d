import type { KindDefinition } from '../types.js';
import { funnelData } from './data.js';
import { buildFunnelModel, emptyFunnelModel, type FunnelModel } from './model.js';
import { funnelRules } from './rules/index.js';
import { funnelSymbols } from './symbols.js';

export const funnelKind: KindDefinition<FunnelModel> = {
  kind: 'funnel',
  summary: 'conversion funnels',
  templates: {
    'conversion-funnel': { description: 'conversion funnel of a first purchase (visit, browse, consult, order, pay) by channel', files: [['first-purchase.funnel.yaml', 'conversion-funnel.funnel.yaml']] },
  },
  countedArrays: [['stages'], ['segments']],
  buildModel: buildFunnelModel,
  data: funnelData,
  rules: funnelRules,
  // Loaded on first use: validating never loads layout, text or diff code.
  layout: async (model, env, options) => (await import('./scene.js')).funnelScene(model, env, options),
  toMermaid: async (model) => (await import('./mermaid.js')).funnelToMermaid(model),
  toText: async (model) => (await import('./txt.js')).funnelTxt(model),
  emptyModel: emptyFunnelModel,
  diff: async (before, after) => (await import('./diff.js')).diffFunnel(before, after),
  diffElements: [{ type: 'segment' }, { type: 'stage' }, { type: 'step' }],
  diffToText: async (diff) => (await import('./txt.js')).funnelDiffTxt(diff),
  diffPicture: { badgesOnBorder: false },
  symbols: funnelSymbols,
};
