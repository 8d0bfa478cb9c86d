import type { KindSymbols } from '../types.js';

/** States, named by transition ends (objects and chains). */
export const lifecycleSymbols: KindSymbols = {
  declarations: [{ type: 'state', at: ['states', '*'], details: ['count', 'criteria', 'strategy', 'initial', 'final'] }],
  references: [
    { type: 'state', at: ['transitions', '*'], form: 'chain' },
    { type: 'state', at: ['transitions', '*', 'from'], form: 'value' },
    { type: 'state', at: ['transitions', '*', 'to'], form: 'value' },
  ],
  values: [{ at: ['direction'], values: ['TB', 'LR', 'BT', 'RL'] }],
  additions: [],
};
