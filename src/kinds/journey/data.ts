import { dataColumn, entriesOf, listTargets } from '../../load/data/targets.js';
import type { DataTarget } from '../../load/data/types.js';
import type { KindData } from '../types.js';
import { kpiId, stepId } from './model.js';

const STAGE_COLUMNS = [dataColumn('volume', 'number')];
const KPI_COLUMNS = [dataColumn('value', 'figure'), dataColumn('target', 'figure')];

/**
 * Stages take their volume, KPIs their value and target, steps their emotion: `emotion` (one score
 * for every persona) or `emotion.<persona>` for each persona declared under `personas`. A step
 * whose document score is one number for all personas keeps it for the personas no column sets.
 * The number of answers behind a score, `responses` or `responses.<persona>`, binds the same way.
 */
export const journeyData: KindData = {
  targets: (value) => {
    const raw = value as Record<string, unknown>;
    const personas = entriesOf(raw.personas).map(([p]) => String(p.id));
    const spread = (plain: unknown) => Object.fromEntries(personas.map((p) => [p, plain]));
    const perPersona = (field: string) => [dataColumn(field, 'number'), ...personas.map((p) => dataColumn(`${field}.${p}`, 'number', spread))];
    const stepColumns = [...perPersona('emotion'), ...perPersona('responses')];
    const out: DataTarget[] = [];
    for (const [stage, si] of entriesOf(raw.stages)) {
      const id = String(stage.id);
      out.push({ id, type: 'stage', path: ['stages', si], def: 'stage', columns: STAGE_COLUMNS });
      out.push(...listTargets(stage.kpis, ['stages', si, 'kpis'], 'KPI', 'kpi', KPI_COLUMNS, (k, i) => kpiId(k, id, i)));
      out.push(...listTargets(stage.steps, ['stages', si, 'steps'], 'step', 'step', stepColumns, (s, i) => stepId(s, id, i)));
    }
    return out;
  },
};
