import type { KindSymbols } from '../types.js';
import { FLOW_NODE_TYPES } from './model.js';

/** Lanes and nodes, named by node lanes, edge ends (objects and chains) and subprocess refs. */
export const flowSymbols: KindSymbols = {
  declarations: [
    { type: 'lane', at: ['lanes', '*'], details: ['description'] },
    { type: 'node', at: ['nodes', '*'], details: ['type', 'lane', 'owner', 'metrics', 'ref'] },
  ],
  references: [
    { type: 'node', at: ['edges', '*'], form: 'chain' },
    { type: 'node', at: ['edges', '*', 'from'], form: 'value' },
    { type: 'node', at: ['edges', '*', 'to'], form: 'value' },
    { type: 'lane', at: ['nodes', '*', 'lane'], form: 'value' },
    { type: 'file', at: ['nodes', '*', 'ref'], form: 'value', fileKind: 'flow' },
  ],
  values: [{ at: ['nodes', '*', 'type'], values: FLOW_NODE_TYPES }, { at: ['direction'], values: ['TB', 'LR', 'BT', 'RL'] }],
  additions: [
    { rule: 'missing-start', title: 'Add a start node', list: 'nodes', entry: { id: 'start', type: 'start' } },
    { rule: 'missing-end', title: 'Add an end node', list: 'nodes', entry: { id: 'end', type: 'end' } },
  ],
};
