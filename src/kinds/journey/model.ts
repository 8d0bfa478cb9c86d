import type { SourceDocument } from '../../load/document.js';
import type { CommonModel } from '../types.js';

export type JsonPath = Array<string | number>;

/** Rows a journey map can show; also the default order (needs sit under the stage headers). */
export const JOURNEY_LANES = ['needs', 'steps', 'channels', 'emotion', 'thoughts', 'pains', 'opportunities', 'frontstage', 'backstage', 'support', 'kpis'] as const;
export type JourneyLane = (typeof JOURNEY_LANES)[number];

export type Evidence = 'research' | 'data' | 'assumption';

export interface JourneyPersona {
  id: string;
  name: string;
  description?: string;
  goals: string[];
  frustrations: string[];
  path: JsonPath;
}

export interface JourneyChannel {
  id: string;
  label: string;
  path: JsonPath;
}

export interface JourneyKpi {
  /** The KPI's `id`, else `<stage-id>-kpi-<n>`: data files name it. */
  id: string;
  /** True when the id was generated. */
  generatedId: boolean;
  label: string;
  value?: string | number;
  target?: string | number;
  /** Which way is good: `higher` (default) or `lower` (a return rate, a waiting time). */
  better: 'higher' | 'lower';
  path: JsonPath;
}

/** One emotion score; `persona` is undefined for a plain number, which holds for every persona. */
export interface EmotionScore {
  persona?: string;
  score: number;
  path: JsonPath;
}

/** How many survey answers a score rests on (`responses`); `persona` as in EmotionScore. */
export interface ResponseCount {
  persona?: string;
  n: number;
  path: JsonPath;
}

export interface JourneyStep {
  id: string;
  /** True when the id was generated (`<stage-id>-<n>`), so diagnostics point at the step itself. */
  generatedId: boolean;
  stageId: string;
  label: string;
  actors: string[];
  channels: string[];
  emotions: EmotionScore[];
  responses: ResponseCount[];
  thought?: string;
  pains: string[];
  opportunities: string[];
  frontstage: string[];
  backstage: string[];
  support: string[];
  evidence?: Evidence;
  flow?: string;
  path: JsonPath;
}

export interface JourneyStage {
  id: string;
  label: string;
  needs: string[];
  kpis: JourneyKpi[];
  volume?: number;
  steps: JourneyStep[];
  path: JsonPath;
}

export interface JourneyModel extends CommonModel {
  kind: 'journey';
  scale: { min: number; max: number };
  personas: JourneyPersona[];
  /** True when the single `persona:` form was used (its card has no legend swatch). */
  singlePersona: boolean;
  channels: JourneyChannel[];
  stages: JourneyStage[];
  /** Rows in display order: the document's `lanes`, or every lane that has data. */
  lanes: JourneyLane[];
}

type Raw = Record<string, any>;
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

function persona(p: Raw, id: string, path: JsonPath): JourneyPersona {
  return { id, name: typeof p.name === 'string' ? p.name : id, description: p.description, goals: texts(p.goals), frustrations: texts(p.frustrations), path };
}

/** A number, or one number per persona id: the form of `emotion` and `responses`. */
function perPersona(v: unknown, path: JsonPath): Array<{ persona?: string; value: number; path: JsonPath }> {
  if (typeof v === 'number') return [{ value: v, path }];
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.entries(v as Record<string, unknown>).filter(([, s]) => typeof s === 'number').map(([k, s]) => ({ persona: k, value: s as number, path: [...path, k] }));
  }
  return [];
}

const emotionScores = (v: unknown, path: JsonPath): EmotionScore[] => perPersona(v, path).map(({ value, ...e }) => ({ ...e, score: value }));
const responseCounts = (v: unknown, path: JsonPath): ResponseCount[] => perPersona(v, path).map(({ value, ...e }) => ({ ...e, n: value }));

/** A step's id: its own, else `<stage-id>-<n>` (n counts from 1). */
export const stepId = (s: Raw, stageId: string, i: number): string => (typeof s.id === 'string' ? s.id : `${stageId}-${i + 1}`);

/** A KPI's id: its own, else `<stage-id>-kpi-<n>` (n counts from 1). */
export const kpiId = (k: Raw, stageId: string, i: number): string => (typeof k.id === 'string' ? k.id : `${stageId}-kpi-${i + 1}`);

function step(s: Raw, stageId: string, stageIndex: number, i: number): JourneyStep {
  const path: JsonPath = ['stages', stageIndex, 'steps', i];
  return {
    id: stepId(s, stageId, i),
    generatedId: typeof s.id !== 'string',
    stageId,
    label: typeof s.label === 'string' ? s.label : String(s.id ?? ''),
    actors: texts(s.actors),
    channels: texts(s.channels),
    emotions: emotionScores(s.emotion, [...path, 'emotion']),
    responses: responseCounts(s.responses, [...path, 'responses']),
    thought: typeof s.thought === 'string' && s.thought ? s.thought : undefined,
    pains: texts(s.pains),
    opportunities: texts(s.opportunities),
    frontstage: texts(s.frontstage),
    backstage: texts(s.backstage),
    support: texts(s.support),
    evidence: s.evidence,
    flow: s.flow,
    path,
  };
}

/** Whether a lane has anything to show, which decides the default rows. */
export function laneHasData(lane: JourneyLane, stages: readonly JourneyStage[]): boolean {
  const steps = stages.flatMap((s) => s.steps);
  switch (lane) {
    case 'needs': return stages.some((s) => s.needs.length > 0);
    case 'kpis': return stages.some((s) => s.kpis.length > 0);
    case 'steps': return true;
    case 'channels': return steps.some((s) => s.channels.length > 0);
    case 'emotion': return steps.some((s) => s.emotions.length > 0);
    case 'thoughts': return steps.some((s) => s.thought !== undefined);
    default: return steps.some((s) => s[lane].length > 0);
  }
}

/** Normalizes a schema-valid journey document into the typed model every later stage reads. */
export function buildJourneyModel(doc: SourceDocument, common: CommonModel): JourneyModel {
  const raw = doc.value as Raw;
  const personas: JourneyPersona[] = [];
  if (raw.persona && typeof raw.persona === 'object') personas.push(persona(raw.persona, 'persona', ['persona']));
  list(raw.personas).forEach((p, i) => personas.push(persona(p, String(p.id), ['personas', i])));
  const channels = list(raw.channels).map((c, i) => ({ id: String(c.id), label: typeof c.label === 'string' ? c.label : String(c.id), path: ['channels', i] }));
  const stages: JourneyStage[] = list(raw.stages).map((s, si) => {
    const id = String(s.id);
    return {
      id,
      label: typeof s.label === 'string' ? s.label : id,
      needs: texts(s.needs),
      kpis: list(s.kpis).map((k, ki) => ({ id: kpiId(k, id, ki), generatedId: typeof k.id !== 'string', label: String(k.label ?? ''), value: k.value, target: k.target, better: k.better === 'lower' ? 'lower' : 'higher', path: ['stages', si, 'kpis', ki] })),
      volume: typeof s.volume === 'number' ? s.volume : undefined,
      steps: list(s.steps).map((st, i) => step(st, id, si, i)),
      path: ['stages', si],
    };
  });
  const scale = raw.scale && typeof raw.scale.min === 'number' && typeof raw.scale.max === 'number' ? { min: raw.scale.min, max: raw.scale.max } : { min: 1, max: 5 };
  const lanes: JourneyLane[] = Array.isArray(raw.lanes) ? [...new Set(raw.lanes as JourneyLane[])] : JOURNEY_LANES.filter((l) => laneHasData(l, stages));
  return { ...common, kind: 'journey', scale, personas, singlePersona: !raw.personas && personas.length === 1, channels, stages, lanes };
}

/** Every step in document order. */
export const allSteps = (model: JourneyModel): JourneyStep[] => model.stages.flatMap((s) => s.steps);

/** Position of a score on the scale, 0 (worst) .. 1 (best), clamped (out-of-range scores are the rule's job). */
export function scoreFraction(score: number, scale: { min: number; max: number }): number {
  const span = scale.max - scale.min;
  if (!(span > 0)) return 0.5;
  return Math.min(1, Math.max(0, (score - scale.min) / span));
}

/** The score of one persona at a step: its own map entry, else a plain number shared by all. */
export function scoreFor(step: JourneyStep, personaId: string | undefined): EmotionScore | undefined {
  return step.emotions.find((e) => e.persona === personaId && personaId !== undefined) ?? step.emotions.find((e) => e.persona === undefined);
}

/** A journey of the same id and fields with no stages, personas or channels: the other side of a map only one version has. */
export const emptyJourneyModel = (like: JourneyModel): JourneyModel => ({ ...like, stages: [], personas: [], channels: [] });
