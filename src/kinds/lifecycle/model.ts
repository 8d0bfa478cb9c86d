import type { SourceDocument } from '../../load/document.js';
import { expandEdges, type EdgeOrigin } from '../../model/chain.js';
import { bundleParallelEdges, sumGiven, type EdgeBundle } from '../../model/parallel-edges.js';
import { parsePercent } from '../../model/numbers.js';
import { textList } from '../../model/text-list.js';
import type { CommonModel } from '../types.js';

export type Direction = 'TB' | 'LR' | 'BT' | 'RL';

export interface LifecycleState {
  id: string;
  label: string;
  count?: number;
  /** Lists keep their items; a single text is a list of one. */
  criteria: string[];
  strategy: string[];
  /** Where customers enter: `initial: true`, or the first state when none says so. */
  initial: boolean;
  final: boolean;
  description?: string;
  path: Array<string | number>;
}

export interface LifecycleTransition {
  from: string;
  to: string;
  label?: string;
  /** Percentage 0–100, from `12%` or `12`. */
  rate?: number;
  origin: EdgeOrigin;
  /** Set on a drawn transition that stands for many between the same two states (see drawnLifecycle). */
  bundle?: EdgeBundle;
}

export interface LifecycleModel extends CommonModel {
  kind: 'lifecycle';
  direction: Direction;
  states: LifecycleState[];
  transitions: LifecycleTransition[];
  /** Customers still with us: the counts of every state that is not final, the base of each share. */
  total: number;
  /** Customers in final states (churned), told apart and never part of a share. */
  finalTotal: number;
}

type Raw = Record<string, any>;


/** A transition's rate in percent (`12%` or 12). */
export const parseRate = parsePercent;

/** A rate as shown to readers: at most two decimals, no trailing zero ("12%", "8.5%"; 99.99 never shows as 100). */
export function formatRate(rate: number): string {
  return `${Number(rate.toFixed(2))}%`;
}

/** A state's share of the living customers, one decimal ("16.4%"); undefined without counts and for final states, which are counted apart. */
export function shareOf(state: LifecycleState, total: number): string | undefined {
  if (state.count === undefined || total <= 0 || state.final) return undefined;
  return `${Number(((state.count / total) * 100).toFixed(1))}%`;
}

/** Normalizes a schema-valid lifecycle document into the typed model every later stage reads. */
export function buildLifecycleModel(doc: SourceDocument, common: CommonModel): LifecycleModel {
  const raw = doc.value as Raw;
  const rawStates: Raw[] = raw.states ?? [];
  const anyInitial = rawStates.some((s) => s.initial === true);
  const states: LifecycleState[] = rawStates.map((s, i) => ({
    id: String(s.id),
    label: s.label ?? String(s.id),
    count: typeof s.count === 'number' ? s.count : undefined,
    criteria: textList(s.criteria),
    strategy: textList(s.strategy),
    initial: anyInitial ? s.initial === true : i === 0,
    final: s.final === true,
    description: s.description,
    path: ['states', i],
  }));
  const transitions = expandEdges<LifecycleTransition>(raw.transitions, 'transitions', (o) => ({ label: o.label as string | undefined, rate: parseRate(o.rate) }));
  const sum = (final: boolean) => states.reduce((n, s) => n + (s.final === final ? s.count ?? 0 : 0), 0);
  return { ...common, kind: 'lifecycle', direction: raw.direction ?? 'LR', states, transitions, total: sum(false), finalTotal: sum(true) };
}

/**
 * The lifecycle as drawn (SVG, txt, Mermaid): many parallel transitions become one carrying their
 * count and combined rate (the share of the state's customers taking any of them).
 */
export function drawnLifecycle(model: LifecycleModel): LifecycleModel {
  const transitions = bundleParallelEdges(model.transitions, model.locale, (group) => ({ rate: sumGiven(group.map((t) => t.rate)) }));
  return transitions === model.transitions ? model : { ...model, transitions: [...transitions] };
}

/** A lifecycle of the same id and fields with no states or transitions: the other side of a map only one version has. */
export const emptyLifecycleModel = (like: LifecycleModel): LifecycleModel => ({ ...like, states: [], transitions: [], total: 0, finalTotal: 0 });
