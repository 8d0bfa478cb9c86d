/** Semantic diff of two funnels: stages and segments by id, the steps between stages by their ends (SPEC §6.2). */
import { countShown, diffWording, documentEntries, edgeKey, emptyMarks, matchBy, mergeOrder, recordMatch, sameFields, show } from '../../diff/common.js';
import type { Locale, Words } from '../../model/locale.js';
import type { DiffEntry, KindDiff } from '../types.js';
import { formatPercent, funnelSteps, type FunnelModel, type FunnelStage, type FunnelStep } from './model.js';

const percent = (p: number | undefined) => (p === undefined ? undefined : formatPercent(p));
const segmentsText = (s: FunnelStage, w: Words) => s.segments.map((x) => `${x.id} ${show(x.count, w)}`).join(w.listSep);

const stageFields = (a: FunnelStage, b: FunnelStage, w: Words, locale: Locale): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['count', countShown(a.count, locale), countShown(b.count, locale)],
  ...sameFields(a, b, ['description', 'pains', 'opportunities']),
  ['target', percent(a.target), percent(b.target)],
  ['segments', segmentsText(a, w), segmentsText(b, w)],
];

const stepFields = (a: FunnelStep, b: FunnelStep): Array<[string, unknown, unknown]> => [['conversion', percent(a.conversion), percent(b.conversion)]];

export function diffFunnel(a: FunnelModel, b: FunnelModel): KindDiff<FunnelModel> {
  const wording = diffWording(b.locale);
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['unit', a.unit, b.unit], ['period', a.period, b.period]], wording);
  const marks = emptyMarks();
  const segments = matchBy(a.segments, b.segments, (s) => s.id);
  recordMatch(segments, 'segment', (s) => ({ id: s.id, label: s.label, key: `segment:${s.id}` }), (o, n) => sameFields(o, n, ['label']), entries, new Map(), wording);
  const stages = matchBy(a.stages, b.stages, (s) => s.id);
  const unionStages = mergeOrder(a.stages, b.stages, (s) => s.id);
  const order = new Map(unionStages.map((s, i) => [s.id, i]));
  const stageEntries: DiffEntry[] = [];
  recordMatch(stages, 'stage', (s) => ({ id: s.id, label: s.label, key: s.id }), (o, n) => stageFields(o, n, wording.words, b.locale), stageEntries, marks.nodes, wording);
  entries.push(...stageEntries.sort((x, y) => order.get(x.id)! - order.get(y.id)!));
  const key = (s: FunnelStep) => `${s.from} → ${s.to}`;
  // The union funnel draws removed stages in their old place, so its steps run through them. Each
  // step shows the figures of the version it belongs to (new, else old), never a mix of the two.
  const known = new Map([...a.steps, ...b.steps].map((s) => [key(s), s]));
  const unionSteps = funnelSteps(unionStages).map((s) => known.get(key(s)) ?? s);
  const steps = matchBy(a.steps, b.steps, key);
  const mark = new Map<string, string>(unionSteps.map((s) => [key(s), edgeKey(s.from, s.to, 0)]));
  const labelOf = new Map(unionStages.map((s) => [s.id, s.label]));
  recordMatch(steps, 'step', (s) => ({ id: key(s), label: `${labelOf.get(s.from) ?? s.from} → ${labelOf.get(s.to) ?? s.to}`, key: mark.get(key(s)) ?? edgeKey(s.from, s.to, 0) }), stepFields, entries, marks.edges, wording);
  const union: FunnelModel = { ...b, segments: mergeOrder(a.segments, b.segments, (s) => s.id), stages: unionStages, steps: unionSteps, largestDrop: undefined };
  return { entries, union, marks };
}
