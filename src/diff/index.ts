/**
 * Semantic diff of two diagrams of the same kind (SPEC §6.2): types and the dispatch by kind.
 * Each kind's module matches elements by id and builds a union model for the diff picture.
 */
import type { FlowModel } from '../kinds/flow/model.js';
import type { JourneyModel } from '../kinds/journey/model.js';
import type { LifecycleModel } from '../kinds/lifecycle/model.js';
import type { CommonModel, DiagramKind } from '../kinds/types.js';
import type { DiffEntry, ElementType, KindDiff, Mark } from './common.js';
import { diffFlow, emptyFlow } from './flow.js';
import { diffJourney, emptyJourney, type JourneyDiff } from './journey.js';
import { diffLifecycle, emptyLifecycle } from './lifecycle.js';

export type { DiffEntry, ElementMark, ElementType, FieldChange, KindDiff, Mark, SceneMarks } from './common.js';
export type { EmotionChange, JourneyDiff } from './journey.js';

export interface DiagramDiff extends KindDiff {
  kind: DiagramKind;
  id: string;
  title: string;
  /** The two models compared; `old` is an empty model of the same kind when the diagram is new. */
  old: CommonModel;
  new: CommonModel;
  /** Set for journeys: old emotion points and per-step changes. */
  journey?: Pick<JourneyDiff, 'oldSteps' | 'emotionChanges'>;
}

export type Counts = Record<Mark, number>;

export class KindMismatchError extends Error {}

/** An empty model of the same kind and id: the other side of a diagram that only one version has. */
export function emptyLike(model: CommonModel): CommonModel {
  switch (model.kind) {
    case 'flow': return emptyFlow(model as FlowModel);
    case 'journey': return emptyJourney(model as JourneyModel);
    default: return emptyLifecycle(model as LifecycleModel);
  }
}

/** Diffs two models; either may be undefined (a diagram new in this change, or deleted by it). */
export function diffModels(oldModel: CommonModel | undefined, newModel: CommonModel | undefined): DiagramDiff {
  if (!oldModel && !newModel) throw new Error('diffModels needs at least one model');
  const b = newModel ?? emptyLike(oldModel!);
  const a = oldModel ?? emptyLike(b);
  if (a.kind !== b.kind) throw new KindMismatchError(`the diagram "${b.id}" changed kind from ${a.kind} to ${b.kind}; a diff compares two diagrams of the same kind`);
  const base = { kind: b.kind, id: b.id, title: b.title || a.title, old: a, new: b };
  switch (b.kind) {
    case 'flow': return { ...base, ...diffFlow(a as FlowModel, b as FlowModel) };
    case 'lifecycle': return { ...base, ...diffLifecycle(a as LifecycleModel, b as LifecycleModel) };
    case 'journey': {
      const d = diffJourney(a as JourneyModel, b as JourneyModel);
      return { ...base, entries: d.entries, union: d.union, marks: d.marks, journey: { oldSteps: d.oldSteps, emotionChanges: d.emotionChanges } };
    }
  }
}

export function countChanges(entries: readonly DiffEntry[]): Counts {
  const c: Counts = { added: 0, removed: 0, changed: 0 };
  for (const e of entries) c[e.change]++;
  return c;
}

/** Counts per element type, in a fixed order, only for types that have changes. */
export function countsByElement(entries: readonly DiffEntry[]): Array<[ElementType, Counts]> {
  const order: ElementType[] = ['diagram', 'lane', 'node', 'edge', 'persona', 'channel', 'stage', 'step', 'state', 'transition'];
  return order.flatMap((t) => {
    const of = entries.filter((e) => e.element === t);
    return of.length ? [[t, countChanges(of)] as [ElementType, Counts]] : [];
  });
}

export const hasChanges = (d: DiagramDiff): boolean => d.entries.length > 0;

/** "1 added, 1 removed, 1 changed" or "no changes". */
export function countsText(c: Counts): string {
  if (!c.added && !c.removed && !c.changed) return 'no changes';
  return `${c.added} added, ${c.removed} removed, ${c.changed} changed`;
}

/** Per element type, e.g. "nodes: 1 added, 1 removed, 1 changed · edges: 3 added, 3 removed". */
export function breakdownText(entries: readonly DiffEntry[]): string {
  const parts = countsByElement(entries).map(([type, c]) => {
    const what = [c.added && `${c.added} added`, c.removed && `${c.removed} removed`, c.changed && `${c.changed} changed`].filter(Boolean).join(', ');
    return `${PLURAL[type]}: ${what}`;
  });
  return parts.length ? parts.join(' · ') : 'no changes';
}

export const PLURAL: Record<ElementType, string> = {
  diagram: 'diagram', lane: 'lanes', node: 'nodes', edge: 'edges', persona: 'personas', channel: 'channels', stage: 'stages', step: 'steps', state: 'states', transition: 'transitions',
};
