import { dataColumn, edgeTargets, listTargets } from '../../load/data/targets.js';
import type { KindData } from '../types.js';

const STATE_COLUMNS = [dataColumn('count', 'number')];
const TRANSITION_COLUMNS = [dataColumn('rate', 'figure')];

/** States take their count, transitions (`from->to`, also inside a chain) their rate (`12%` or 12). */
export const lifecycleData: KindData = {
  targets: (value) => {
    const raw = value as Record<string, unknown>;
    return [...listTargets(raw.states, ['states'], 'state', 'state', STATE_COLUMNS), ...edgeTargets(raw.transitions, 'transitions', 'transition', 'transition', TRANSITION_COLUMNS)];
  },
};
