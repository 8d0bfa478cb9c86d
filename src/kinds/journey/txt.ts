/**
 * A journey as plain text: one table row per step under its stage, with each persona's emotion and
 * the step's evidence; then the stages' KPIs (value, target, met / near / missed and which way is
 * better, in words) and the legend's keys that the text picture needs.
 */
import { SIGN } from '../../diff/txt-marks.js';
import { BUILTIN_THEMES } from '../../render/themes.js';
import { wrapCols } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import { drawTable } from '../../render/txt/table.js';
import { legendLines } from '../../scene/legend.js';
import type { DiagramDiff, ElementMark } from '../types.js';
import type { JourneyDiff } from './diff.js';
import { kpiStanding } from './kpi-cell.js';
import { wordsFor, type JourneyWords } from './labels.js';
import { evidenceTag, journeyLegend } from './legend.js';
import { scoreFor, scoreFraction, type JourneyModel, type JourneyStep } from './model.js';

/** Diff facts for a journey table: marks by union step id, old scores of changed/removed steps. */
export interface JourneyTxtDiff {
  mark: (stepId: string) => '+' | '-' | '~' | undefined;
  stageMark: (stageId: string) => '+' | '-' | '~' | undefined;
  /** Old score of a step and persona, when it differs from the new one (or the step is removed). */
  before: (stepId: string, persona: string | undefined) => number | undefined;
  changedEmotion: (stepId: string, persona: string | undefined) => boolean;
}

const fmt = (n: number, min: number) => {
  const s = String(Math.round(n * 100) / 100);
  return min < 0 && n > 0 ? `+${s}` : s;
};

/** Score and a five-cell bar: "4 ████░". */
function emotionCell(score: number | undefined, scale: { min: number; max: number }): string {
  if (score === undefined) return '';
  const filled = Math.round(scoreFraction(score, scale) * 5);
  return `${fmt(score, scale.min)} ${'█'.repeat(filled)}${'░'.repeat(5 - filled)}`;
}

const stageCellOf = (label: string, mark: string | undefined) => wrapCols(`${mark ? `${mark} ` : ''}${label}`, 16);

/** The KPIs of every stage, one row each: "3.2天 | 1天 | × 未达标 / 越低越好" (none when the map shows no KPI row). */
function kpiTable(model: JourneyModel, w: JourneyWords, diff: JourneyTxtDiff | undefined): string[] {
  const stages = model.stages.filter((s) => s.kpis.length > 0);
  if (!model.lanes.includes('kpis') || !stages.length) return [];
  const rows: string[][][] = [];
  const rules = new Set<number>();
  for (const stage of stages) {
    rules.add(rows.length);
    stage.kpis.forEach((k, i) => {
      const standing = kpiStanding(k);
      rows.push([
        i === 0 ? stageCellOf(stage.label, diff?.stageMark(stage.id)) : [],
        wrapCols(k.label, 24),
        [k.value !== undefined ? String(k.value) : '–'],
        [k.target !== undefined ? String(k.target) : '–'],
        [...(standing ? [w.kpi[standing.status]] : []), w.kpi.better[k.better]],
      ]);
    });
  }
  const t = w.txt;
  return ['', w.lanes.kpis, ...drawTable({ headers: [t.stage, t.kpi, t.value, t.target, t.status], rows, rules })];
}

export function journeyTxt(model: JourneyModel, diff?: JourneyTxtDiff): string[] {
  const w = wordsFor(model);
  const series = model.singlePersona || !model.personas.length ? [{ id: undefined as string | undefined, name: w.txt.emotion }] : model.personas.map((p) => ({ id: p.id as string | undefined, name: `${w.txt.emotion}${w.colon}${p.name}` }));
  const showEmotion = (model.lanes.includes('emotion') && model.stages.some((s) => s.steps.some((st) => st.emotions.length > 0))) || !!diff;
  const headers = [...(diff ? [''] : []), w.txt.stage, w.txt.step, ...(showEmotion ? series.map((s) => s.name) : [])];
  const rows: string[][][] = [];
  const rules = new Set<number>();
  const cellFor = (step: JourneyStep, pid: string | undefined): string[] => {
    const now = scoreFor(step, pid)?.score;
    if (!diff) return [emotionCell(now, model.scale)];
    const mark = diff.mark(step.id);
    if (mark === '-') { const old = diff.before(step.id, pid); return old === undefined ? [] : [`(${emotionCell(old, model.scale)})`]; }
    if (diff.changedEmotion(step.id, pid)) {
      const old = diff.before(step.id, pid);
      return [`${old === undefined ? '—' : fmt(old, model.scale.min)} → ${now === undefined ? '—' : fmt(now, model.scale.min)}`, emotionCell(now, model.scale)];
    }
    return [emotionCell(now, model.scale)];
  };
  for (const stage of model.stages) {
    rules.add(rows.length);
    const sm = diff?.stageMark(stage.id);
    const stageCell = stageCellOf(stage.label, sm);
    if (!stage.steps.length) rows.push([...(diff ? [[sm ?? '']] : []), stageCell, ['—'], ...(showEmotion ? series.map(() => []) : [])]);
    stage.steps.forEach((step, i) => {
      const mark = diff?.mark(step.id);
      rows.push([
        ...(diff ? [[mark ?? '']] : []),
        i === 0 ? stageCell : [],
        [...wrapCols(step.label, 28), ...(step.evidence ? [evidenceTag(step.evidence, w)] : [])],
        ...(showEmotion ? series.map((s) => cellFor(step, s.id)) : []),
      ]);
    });
  }
  // A text picture draws no swatch, only the keys' words, so any theme will do.
  const legend = model.legend && !diff ? legendLines(w.legend, journeyLegend(model, w, BUILTIN_THEMES.default)) : [];
  return titled(model.title, [...drawTable({ headers, rows, rules }), ...kpiTable(model, w, diff), ...legend]);
}

/** The union journey's table with each step's and stage's sign, and old scores beside changed ones. */
export function journeyDiffTxt(d: DiagramDiff<JourneyModel, JourneyDiff>): string[] {
  const oldOf = new Map(d.oldSteps.map((s) => [s.unionId, s.step]));
  const changed = new Set(d.emotionChanges.map((c) => `${c.unionId}\u0000${c.persona ?? ''}`));
  const sign = (m: ElementMark | undefined) => (m ? SIGN[m.mark] : undefined);
  return journeyTxt(d.union, {
    mark: (id) => sign(d.marks.nodes.get(id)),
    stageMark: (id) => sign(d.marks.groups.get(id)),
    before: (id, pid) => { const s = oldOf.get(id); return s ? scoreFor(s, pid)?.score : undefined; },
    changedEmotion: (id, pid) => changed.has(`${id}\u0000${pid ?? ''}`),
  });
}
