import type { SourceDocument } from '../../load/document.js';
import { parsePercent } from '../../model/numbers.js';
import { textList } from '../../model/text-list.js';
import type { CommonModel } from '../types.js';

export interface FunnelSegment { id: string; label: string; path: Array<string | number> }

export interface FunnelStage {
  id: string;
  label: string;
  /** Customers who reached the stage: `count`, else the sum of its segment counts; undefined when neither is given. */
  count?: number;
  /** The `count` the document wrote, kept apart so a rule can compare it with the segments' sum. */
  writtenCount?: number;
  /** Count per segment id, in the order the document wrote them. */
  segments: Array<{ id: string; count: number }>;
  /** Target conversion from the stage before, in percent. */
  target?: number;
  description?: string;
  pains: string[];
  opportunities: string[];
  path: Array<string | number>;
}

/** The passage from one stage to the next: who went on and who dropped out. */
export interface FunnelStep {
  from: string;
  to: string;
  /** Percent of the earlier stage's customers who reached the later one; undefined without both counts. */
  conversion?: number;
  /** Customers lost between the two stages (negative when the later stage counts more). */
  drop?: number;
  /** The later stage's target, and whether the conversion falls short of it. */
  target?: number;
  belowTarget: boolean;
}

export interface FunnelModel extends CommonModel {
  kind: 'funnel';
  unit: string;
  period: string;
  segments: FunnelSegment[];
  stages: FunnelStage[];
  /** One step between each two consecutive stages. */
  steps: FunnelStep[];
  /** Index in `steps` of the largest drop in customers; undefined when no step loses any. */
  largestDrop?: number;
  /** Percent of the first stage's customers who reach the last. */
  overall?: number;
}

type Raw = Record<string, any>;


/** A percentage as shown to readers: one decimal at most ("70%", "12.5%"). */
export function formatPercent(p: number): string {
  return `${Number(p.toFixed(1))}%`;
}

function buildStage(raw: Raw, i: number): FunnelStage {
  const segments = raw.segments && typeof raw.segments === 'object' ? Object.entries(raw.segments as Record<string, number>).map(([id, count]) => ({ id, count })) : [];
  const sum = segments.length ? segments.reduce((s, x) => s + x.count, 0) : undefined;
  return {
    id: String(raw.id),
    label: String(raw.label ?? raw.id),
    count: typeof raw.count === 'number' ? raw.count : sum,
    writtenCount: typeof raw.count === 'number' ? raw.count : undefined,
    segments,
    target: parsePercent(raw.target),
    description: typeof raw.description === 'string' ? raw.description : undefined,
    pains: textList(raw.pains),
    opportunities: textList(raw.opportunities),
    path: ['stages', i],
  };
}

/** The steps between consecutive stages, with conversion and drop where both counts are known. */
export function funnelSteps(stages: readonly FunnelStage[]): FunnelStep[] {
  const steps: FunnelStep[] = [];
  for (let i = 1; i < stages.length; i++) {
    const a = stages[i - 1];
    const b = stages[i];
    const known = a.count !== undefined && b.count !== undefined;
    const conversion = known && a.count! > 0 ? (b.count! / a.count!) * 100 : undefined;
    const target = b.target;
    steps.push({ from: a.id, to: b.id, conversion, drop: known ? a.count! - b.count! : undefined, target, belowTarget: target !== undefined && conversion !== undefined && conversion < target });
  }
  return steps;
}

function largestDropOf(steps: readonly FunnelStep[]): number | undefined {
  let best: number | undefined;
  steps.forEach((s, i) => { if ((s.drop ?? 0) > 0 && (best === undefined || s.drop! > steps[best].drop!)) best = i; });
  return best;
}

export function buildFunnelModel(doc: SourceDocument, common: CommonModel): FunnelModel {
  const v = doc.value as Raw;
  const stages = (Array.isArray(v.stages) ? v.stages : []).map((s: Raw, i: number) => buildStage(s, i));
  const steps = funnelSteps(stages);
  const first = stages[0]?.count;
  const last = stages[stages.length - 1]?.count;
  return {
    ...common,
    kind: 'funnel',
    unit: typeof v.unit === 'string' ? v.unit : '',
    period: typeof v.period === 'string' ? v.period : '',
    segments: (Array.isArray(v.segments) ? v.segments : []).map((s: Raw, i: number) => ({ id: String(s.id), label: String(s.label ?? s.id), path: ['segments', i] })),
    stages,
    steps,
    largestDrop: largestDropOf(steps),
    overall: stages.length > 1 && first !== undefined && last !== undefined && first > 0 ? (last / first) * 100 : undefined,
  };
}

/** The same funnel with no stages or segments: the other side of a funnel only one version has. */
export const emptyFunnelModel = (like: FunnelModel): FunnelModel => ({ ...like, segments: [], stages: [], steps: [], largestDrop: undefined, overall: undefined });
