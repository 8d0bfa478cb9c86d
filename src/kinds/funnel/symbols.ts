import type { KindSymbols } from '../types.js';

/** Segments, named by the keys of each stage's `segments` counts; stages are declared and named by nothing. */
export const funnelSymbols: KindSymbols = {
  declarations: [
    { type: 'segment', at: ['segments', '*'], details: [] },
    { type: 'stage', at: ['stages', '*'], details: ['count', 'segments', 'target'] },
  ],
  references: [{ type: 'segment', at: ['stages', '*', 'segments'], form: 'key' }],
  values: [],
  additions: [],
};
