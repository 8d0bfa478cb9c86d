import type { Theme } from '../../render/themes.js';
import { boxSwatch, SWATCH_H, SWATCH_W, type LegendKey } from '../../scene/legend.js';
import { markerShape } from './emotion.js';
import { kpiStanding, statusColour, type KpiStatus } from './kpi-cell.js';
import type { JourneyWords } from './labels.js';
import { allSteps, type Evidence, type JourneyModel } from './model.js';

const EVIDENCE: readonly Evidence[] = ['research', 'data', 'assumption'];

/** How the text picture tags a step's evidence: "[调研]" / "[research]". */
export const evidenceTag = (e: Evidence, w: JourneyWords): string => `[${w.evidence[e]}]`;

/** The five marker shapes and colours of the emotion row, worst to best, named in words. */
function emotionKeys(model: JourneyModel, w: JourneyWords, theme: Theme): LegendKey[] {
  if (!model.lanes.includes('emotion') || !allSteps(model).some((s) => s.emotions.length)) return [];
  return w.moods.map((mood, bucket) => ({
    swatch: (x, y) => [markerShape(bucket, x + SWATCH_W / 2, y + SWATCH_H / 2, theme.emotion[bucket], theme.background, 1.5)],
    text: w.legendText.emotion(mood),
    // The text picture draws scores as bars, not markers: one key for all five.
    txt: bucket === 0 ? w.txt.emotionBar : '',
  }));
}

/** The evidence levels the map's steps use: the dot's colour, and the dashed box of an assumption. */
function evidenceKeys(model: JourneyModel, w: JourneyWords, theme: Theme): LegendKey[] {
  const used = new Set(allSteps(model).map((s) => s.evidence).filter((e) => e !== undefined));
  const colour = (e: Evidence) => (e === 'research' ? theme.opportunity.stroke : e === 'data' ? theme.accent : theme.pain.stroke);
  return EVIDENCE.filter((e) => used.has(e)).map((e) => ({
    swatch: e === 'assumption' ? boxSwatch(theme.node.fill, theme.node.stroke, 1.5, '5 3') : (x, y) => [{ type: 'ellipse', cx: x + SWATCH_W / 2, cy: y + SWATCH_H / 2, rx: 4, ry: 4, fill: colour(e) }],
    text: `${w.evidence[e]}${w.colon}${w.evidenceMeaning[e]}`,
    txt: `${evidenceTag(e, w)}${w.colon}${w.evidenceMeaning[e]}`,
  }));
}

/** The KPI colours that appear, each with its word, and the target tick. */
function kpiKeys(model: JourneyModel, w: JourneyWords, theme: Theme): LegendKey[] {
  if (!model.lanes.includes('kpis')) return [];
  const used = new Set<KpiStatus>();
  for (const k of model.stages.flatMap((s) => s.kpis)) {
    const standing = kpiStanding(k);
    if (standing) used.add(standing.status);
  }
  if (!used.size) return [];
  const statuses = (['met', 'near', 'missed'] as const).filter((s) => used.has(s));
  return [
    // The text picture writes status and target out in its KPI table: nothing to key there.
    ...statuses.map((s): LegendKey => ({ swatch: (x, y) => [{ type: 'rect', x, y: y + 5, w: SWATCH_W, h: 6, rx: 3, fill: statusColour(s, theme) }], text: w.kpi[s], txt: '' })),
    { swatch: (x, y) => [{ type: 'path', d: `M${x + SWATCH_W / 2},${y + 1} V${y + SWATCH_H - 1}`, stroke: theme.text, strokeWidth: 2 }], text: w.legendText.target, txt: '' },
  ];
}

/** Every key the map needs, in the order a reader meets the rows. */
export function journeyLegend(model: JourneyModel, w: JourneyWords, theme: Theme): LegendKey[] {
  return [...emotionKeys(model, w, theme), ...evidenceKeys(model, w, theme), ...kpiKeys(model, w, theme)];
}
