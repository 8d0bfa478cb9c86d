/**
 * Semantic diff of two journey maps: personas, channels and stages by id; steps by id, else by
 * stage and label, else by stage and position; one emotion change per step and persona (SPEC §6.2).
 */
import { compareFields, countShown, diffWording, documentEntries, emptyMarks, markNote, matchBy, mergeOrder, recordMatch, sameFields } from '../../diff/common.js';
import type { Locale } from '../../model/locale.js';
import type { DiffEntry, ElementMark, FieldChange, KindDiff } from '../types.js';
import { wordsFor, type JourneyWords } from './labels.js';
import { scoreFor, type JourneyKpi, type JourneyModel, type JourneyStage, type JourneyStep } from './model.js';

/** One persona's score at one step, before and after (either may be missing). */
export interface EmotionChange { unionId: string; persona?: string; before?: number; after?: number }

export interface JourneyDiff extends KindDiff<JourneyModel> {
  /** Old steps with the id they carry in the union model: where the old curve passes. */
  oldSteps: Array<{ unionId: string; step: JourneyStep }>;
  emotionChanges: EmotionChange[];
}

/** The series a journey draws: one per named persona, else one for its customer (persona undefined). */
export const seriesIds = (m: JourneyModel): Array<string | undefined> => (m.singlePersona || !m.personas.length ? [undefined] : m.personas.map((p) => p.id));

/** A score as the issue writes it: with a sign on scales that go below zero ("−2 → +1"). */
export function formatScore(v: number | undefined, scale: { min: number }): string {
  if (v === undefined) return '—';
  const n = String(Math.round(v * 100) / 100);
  if (scale.min >= 0) return n;
  return v > 0 ? `+${n}` : v < 0 ? `−${n.slice(1)}` : '0';
}

// `better: lower` is part of a KPI: turning it round changes whether the KPI is met.
const kpiText = (k: JourneyKpi[], w: JourneyWords) => k.map((x) => `${x.label}${x.value !== undefined ? ` ${x.value}` : ''}${x.target !== undefined ? `/${x.target}` : ''}${x.better === 'lower' ? w.aside(w.kpi.better.lower) : ''}`);

function stageFields(a: JourneyStage, b: JourneyStage, w: JourneyWords, locale: Locale): Array<[string, unknown, unknown]> {
  return [['label', a.label, b.label], ['needs', a.needs, b.needs], ['kpis', kpiText(a.kpis, w), kpiText(b.kpis, w)], ['volume', countShown(a.volume, locale), countShown(b.volume, locale)]];
}

function stepFields(a: JourneyStep, b: JourneyStep, stageLabel: (id: string) => string): Array<[string, unknown, unknown]> {
  return [
    ['stage', stageLabel(a.stageId), stageLabel(b.stageId)],
    ...sameFields(a, b, ['label', 'actors', 'channels', 'thought', 'pains', 'opportunities', 'frontstage', 'backstage', 'support', 'evidence', 'flow']),
  ];
}

const indexInStage = (s: JourneyStep) => Number(s.path[3]);

/** Pairs old and new steps: explicit ids first, then label within the stage, then position within the stage. */
function matchSteps(a: JourneyModel, b: JourneyModel) {
  const olds = a.stages.flatMap((s) => s.steps);
  const news = b.stages.flatMap((s) => s.steps);
  const pairs = new Map<JourneyStep, JourneyStep>();
  const taken = new Set<JourneyStep>();
  const pass = (ok: (o: JourneyStep, n: JourneyStep) => boolean) => {
    for (const o of olds) {
      if (pairs.has(o)) continue;
      const n = news.find((x) => !taken.has(x) && ok(o, x));
      if (n) { pairs.set(o, n); taken.add(n); }
    }
  };
  pass((o, n) => !o.generatedId && !n.generatedId && o.id === n.id);
  pass((o, n) => o.stageId === n.stageId && o.label === n.label);
  pass((o, n) => o.stageId === n.stageId && indexInStage(o) === indexInStage(n) && (o.generatedId || n.generatedId));
  return { pairs, added: news.filter((n) => !taken.has(n)), removed: olds.filter((o) => !pairs.has(o)) };
}

export function diffJourney(a: JourneyModel, b: JourneyModel): JourneyDiff {
  const w = wordsFor(b);
  const wording = diffWording(b.locale, w.fields);
  // Rows by the names the map shows them under.
  const rows = (m: JourneyModel) => m.lanes.map((l) => w.lanes[l]);
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['scale', `${a.scale.min}..${a.scale.max}`, `${b.scale.min}..${b.scale.max}`], ['rows', rows(a), rows(b)]], wording);
  const marks = emptyMarks();

  // Personas and channels are listed in the summary; no scene group of their own carries a mark.
  const unmarked = new Map<string, ElementMark>();
  recordMatch(matchBy(a.personas, b.personas, (p) => p.id), 'persona', (p) => ({ id: p.id, label: p.name, key: p.id }),
    (o, n) => [['name', o.name, n.name], ['description', o.description, n.description], ['goals', o.goals, n.goals], ['frustrations', o.frustrations, n.frustrations]], entries, unmarked, wording);
  recordMatch(matchBy(a.channels, b.channels, (c) => c.id), 'channel', (c) => ({ id: c.id, label: c.label, key: c.id }), (o, n) => [['label', o.label, n.label]], entries, unmarked, wording);

  const stages = matchBy(a.stages, b.stages, (s) => s.id);
  const stageLabel = (id: string) => b.stages.find((s) => s.id === id)?.label ?? a.stages.find((s) => s.id === id)?.label ?? id;
  const steps = matchSteps(a, b);
  const newIds = new Set(b.stages.flatMap((s) => s.steps.map((st) => st.id)));
  const unionIdOf = new Map<JourneyStep, string>();
  for (const [o, n] of steps.pairs) unionIdOf.set(o, n.id);
  for (const o of steps.removed) {
    let id = o.id;
    for (let i = 2; newIds.has(id); i++) id = `${o.id}-removed${i > 2 ? `-${i}` : ''}`;
    newIds.add(id);
    unionIdOf.set(o, id);
  }

  // Stages, each followed by its steps, in the union's order.
  const unionStagesRaw = mergeOrder(a.stages, b.stages, (s) => s.id);
  const pairOfNew = new Map([...steps.pairs].map(([o, n]) => [n, o]));
  const seriesList = [...new Set([...seriesIds(b), ...seriesIds(a)])];
  const personaName = (pid: string | undefined) => (pid === undefined ? '' : b.personas.find((p) => p.id === pid)?.name ?? a.personas.find((p) => p.id === pid)?.name ?? pid);
  const emotionChanges: EmotionChange[] = [];
  const stageEntries: DiffEntry[] = [];
  recordMatch(stages, 'stage', (st) => ({ id: st.id, label: st.label, key: st.id }), (o, n) => stageFields(o, n, w, b.locale), stageEntries, marks.groups, wording);
  const stageEntry = new Map(stageEntries.map((e) => [e.id, e]));

  const unionStages: JourneyStage[] = unionStagesRaw.map((stage) => {
    const isNew = b.stages.includes(stage);
    const oldStage = isNew ? a.stages.find((s) => s.id === stage.id) : stage;
    const newSteps = isNew ? stage.steps : [];
    const key = (st: JourneyStep, side: 'old' | 'new') => (side === 'new' ? st.id : unionIdOf.get(st)!);
    // Old steps that moved to another stage are drawn there, not here.
    const oldSteps = (oldStage?.steps ?? []).filter((o) => !steps.pairs.has(o) || steps.pairs.get(o)!.stageId === stage.id);
    const merged = mergeOrder(oldSteps, newSteps, key).map((st): JourneyStep => (newSteps.includes(st) ? st : { ...st, id: unionIdOf.get(st)!, stageId: stage.id, emotions: [] }));
    return { ...stage, steps: merged };
  });

  for (const stage of unionStages) {
    const se = stageEntry.get(stage.id);
    if (se) entries.push(se);
    for (const st of stage.steps) {
      const nStep = b.stages.flatMap((s) => s.steps).find((x) => x === st);
      if (!nStep) {
        const original = steps.removed.find((o) => unionIdOf.get(o) === st.id);
        entries.push({ change: 'removed', element: 'step', id: `${stage.id}/${original?.id ?? st.id}`, label: st.label, fields: [] });
        marks.nodes.set(st.id, { mark: 'removed', note: markNote('removed', w) });
        continue;
      }
      const o = pairOfNew.get(nStep);
      if (!o) {
        entries.push({ change: 'added', element: 'step', id: `${stage.id}/${st.id}`, label: st.label, fields: [] });
        marks.nodes.set(st.id, { mark: 'added', note: markNote('added', w) });
        continue;
      }
      const fields: FieldChange[] = compareFields(stepFields(o, nStep, stageLabel), wording);
      for (const pid of seriesList) {
        const before = scoreFor(o, pid)?.score;
        const after = scoreFor(nStep, pid)?.score;
        if (before === after) continue;
        fields.push({ field: 'emotion', name: pid === undefined ? wording.field('emotion') : w.personaEmotion(personaName(pid)), before: formatScore(before, a.scale), after: formatScore(after, b.scale) });
        emotionChanges.push({ unionId: nStep.id, persona: pid, before, after });
      }
      if (fields.length) {
        entries.push({ change: 'changed', element: 'step', id: `${stage.id}/${st.id}`, label: st.label, fields });
        marks.nodes.set(st.id, { mark: 'changed', note: markNote('changed', w, fields) });
      }
    }
  }

  const oldSteps = a.stages.flatMap((s) => s.steps).map((step) => ({ unionId: unionIdOf.get(step)!, step }));
  return { entries, union: { ...b, stages: unionStages }, marks, oldSteps, emotionChanges };
}
