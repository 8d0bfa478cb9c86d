/**
 * Semantic diff of two diagrams of the same kind (SPEC §6.2): the kind's own `diff` matches the
 * elements; this module pairs the sides, checks they are one kind, and counts and words the result.
 */
import type { CommonModel, DiagramDiff, DiffEntry, ElementType, KindDefinition, Mark } from '../kinds/types.js';

export type { DiagramDiff, DiffEntry, ElementMark, ElementType, FieldChange, KindDiff, Mark, SceneMarks } from '../kinds/types.js';

export type Counts = Record<Mark, number>;

export class KindMismatchError extends Error {}

/**
 * Diffs two models of the kind `definition` describes; either may be undefined (a diagram new in
 * this change, or deleted by it), and is then the kind's empty model.
 */
export async function diffModels(definition: KindDefinition, oldModel: CommonModel | undefined, newModel: CommonModel | undefined): Promise<DiagramDiff> {
  if (!oldModel && !newModel) throw new Error('diffModels needs at least one model');
  const b = newModel ?? definition.emptyModel(oldModel!);
  const a = oldModel ?? definition.emptyModel(b);
  if (a.kind !== b.kind) throw new KindMismatchError(`the diagram "${b.id}" changed kind from ${a.kind} to ${b.kind}; a diff compares two diagrams of the same kind`);
  const base = { kind: b.kind, id: b.id, title: b.title || a.title, old: a, new: b, elements: definition.diffElements };
  return { ...base, ...(await definition.diff(a, b)) };
}

export function countChanges(entries: readonly DiffEntry[]): Counts {
  const c: Counts = { added: 0, removed: 0, changed: 0 };
  for (const e of entries) c[e.change]++;
  return c;
}

/** Counts per element type (the document first, then the kind's types in its order), only for types that have changes. */
export function countsByElement(d: Pick<DiagramDiff, 'entries' | 'elements'>): Array<[ElementType, Counts]> {
  const order: ElementType[] = ['diagram', ...d.elements.map((e) => e.type)];
  return order.flatMap((t) => {
    const of = d.entries.filter((e) => e.element === t);
    return of.length ? [[t, countChanges(of)] as [ElementType, Counts]] : [];
  });
}

/** How summary tables name an element type: "diagram", else the kind's plural ("nodes"). */
export function pluralOf(d: Pick<DiagramDiff, 'elements'>, type: ElementType): string {
  return d.elements.find((e) => e.type === type)?.plural ?? type;
}

export const hasChanges = (d: DiagramDiff): boolean => d.entries.length > 0;

/** "1 added, 1 removed, 1 changed" or "no changes". */
export function countsText(c: Counts): string {
  if (!c.added && !c.removed && !c.changed) return 'no changes';
  return `${c.added} added, ${c.removed} removed, ${c.changed} changed`;
}

/** Per element type, e.g. "nodes: 1 added, 1 removed, 1 changed · edges: 3 added, 3 removed". */
export function breakdownText(d: Pick<DiagramDiff, 'entries' | 'elements'>): string {
  const parts = countsByElement(d).map(([type, c]) => {
    const what = [c.added && `${c.added} added`, c.removed && `${c.removed} removed`, c.changed && `${c.changed} changed`].filter(Boolean).join(', ');
    return `${pluralOf(d, type)}: ${what}`;
  });
  return parts.length ? parts.join(' · ') : 'no changes';
}
