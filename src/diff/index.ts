/**
 * Semantic diff of two diagrams of the same kind (SPEC §6.2): the kind's own `diff` matches the
 * elements; this module pairs the sides, checks they are one kind, and counts and words the result.
 */
import type { CommonModel, DiagramDiff, DiffEntry, ElementType, KindDefinition, Mark } from '../kinds/types.js';
import { WORDS, type Words } from '../model/locale.js';

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

/** How summaries name an element type in the diagram's language: singular or plural ("node", "nodes"). */
export function elementName(w: Words, type: ElementType, many = false): string {
  const names = w.diff.elements[type];
  return names ? names[many ? 1 : 0] : type;
}

export const hasChanges = (d: DiagramDiff): boolean => d.entries.length > 0;

/** The non-zero counts, "1 added, 1 removed" / "新增 1，删除 1" (`all` keeps the zeros). */
function countParts(c: Counts, w: Words, all: boolean): string {
  const marks = (['added', 'removed', 'changed'] as const).filter((m) => all || c[m] > 0);
  return marks.map((m) => w.diff.counted[m](c[m])).join(w.diff.countSep);
}

/** "1 added, 0 removed, 1 changed" or "no changes" (English unless the diagram's words are given). */
export function countsText(c: Counts, w: Words = WORDS.en): string {
  if (!c.added && !c.removed && !c.changed) return w.diff.none;
  return countParts(c, w, true);
}

/** Per element type, e.g. "nodes: 1 added, 1 removed, 1 changed · edges: 3 added, 3 removed". */
export function breakdownText(d: Pick<DiagramDiff, 'entries' | 'elements'>, w: Words = WORDS.en): string {
  const parts = countsByElement(d).map(([type, c]) => `${elementName(w, type, true)}${w.colon}${countParts(c, w, false)}`);
  return parts.length ? parts.join(' · ') : w.diff.none;
}
