import type { KindSymbols } from '../types.js';
import { JOURNEY_LANES } from './model.js';

/**
 * Channels and personas, named by step channels and the keys of an emotion map; a step's `flow`
 * names a flow file. Only `personas:` entries have ids (the single `persona:` has none).
 */
export const journeySymbols: KindSymbols = {
  declarations: [
    { type: 'persona', at: ['personas', '*'], label: 'name', details: ['description'] },
    { type: 'channel', at: ['channels', '*'], details: [] },
    { type: 'stage', at: ['stages', '*'], details: ['volume', 'needs'] },
    { type: 'step', at: ['stages', '*', 'steps', '*'], details: ['channels', 'emotion', 'evidence', 'flow'] },
  ],
  references: [
    { type: 'channel', at: ['stages', '*', 'steps', '*', 'channels', '*'], form: 'value' },
    { type: 'persona', at: ['stages', '*', 'steps', '*', 'emotion'], form: 'key' },
    { type: 'file', at: ['stages', '*', 'steps', '*', 'flow'], form: 'value', fileKind: 'flow' },
  ],
  values: [{ at: ['lanes', '*'], values: JOURNEY_LANES }, { at: ['stages', '*', 'steps', '*', 'evidence'], values: ['research', 'data', 'assumption'] }],
  additions: [],
};
