import { dataColumn, entriesOf, listTargets } from '../../load/data/targets.js';
import type { KindData } from '../types.js';

/** Stages take their count, their target (`60%` or 60) and their count per declared segment (`segments.online`). */
export const funnelData: KindData = {
  targets: (value) => {
    const raw = value as Record<string, unknown>;
    const segments = entriesOf(raw.segments).map(([s]) => dataColumn(`segments.${String(s.id)}`, 'number'));
    return listTargets(raw.stages, ['stages'], 'stage', 'stage', [dataColumn('count', 'number'), dataColumn('target', 'figure'), ...segments]);
  },
};
