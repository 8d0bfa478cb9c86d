/**
 * Helpers every kind's semantic diff uses (SPEC §6.2): matching two lists by key, merging removed
 * items back in order, turning matches into entries and marks. The vocabulary itself (entries,
 * marks, KindDiff) is part of the kind contract, src/kinds/types.ts.
 */
import type { DiffEntry, ElementMark, ElementType, FieldChange, Mark, SceneMarks } from '../kinds/types.js';
import { groupDigits, wordsOf, type Locale, type Words } from '../model/locale.js';

/**
 * How a kind's diff words what it finds, in the new diagram's language: the shared words, and the
 * name of each field it compares (its own names first, then the shared ones, else the key itself).
 */
export interface DiffWording {
  words: Words;
  field: (key: string) => string;
}

export function diffWording(locale: Locale, own: Readonly<Record<string, string>> = {}): DiffWording {
  const words = wordsOf(locale);
  return { words, field: (key) => own[key] ?? words.diff.fields[key] ?? key };
}

export const emptyMarks = (): SceneMarks => ({ nodes: new Map(), edges: new Map(), groups: new Map() });

export const edgeKey = (from: string, to: string, n: number): string => `${from}\u0000${to}\u0000${n}`;

/** Keys `from→to#n` for a list of edges, the n-th with the same ends getting n. */
export function edgeKeys(edges: ReadonlyArray<{ from: string; to: string }>): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = `${e.from}\u0000${e.to}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return edgeKey(e.from, e.to, n);
  });
}

/** A value as a reader sees it in a table or tooltip: lists joined and yes/no in the diagram's language. */
export function show(v: unknown, w: Words): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, w)).join(w.listSep) : '—';
  if (typeof v === 'boolean') return v ? w.diff.yes : w.diff.no;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The same-named properties of two versions of an element, as [field, old, new] triples. */
export function sameFields<T extends object>(a: T | undefined, b: T | undefined, keys: ReadonlyArray<keyof T & string>): Array<[string, unknown, unknown]> {
  return keys.map((k) => [k, a?.[k], b?.[k]]);
}

/** A count as captions write it, grouped the locale's way ("5 200" / "5,200"). */
export const countShown = (n: number | undefined, locale: Locale): string | undefined => (n === undefined ? undefined : groupDigits(n, locale));

/** Compares [field, old, new] triples; returns the ones whose shown value differs, each named for the reader. */
export function compareFields(fields: ReadonlyArray<[string, unknown, unknown]>, wording: DiffWording): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, a, b] of fields) {
    const before = show(a, wording.words);
    const after = show(b, wording.words);
    if (before !== after) out.push({ field, name: wording.field(field), before, after });
  }
  return out;
}

/** The tooltip note of a mark: for changes, every old value (SPEC §6.2: old value in a `<title>`). */
export function markNote(mark: Mark, w: Words, fields: readonly FieldChange[] = []): string {
  const d = w.diff;
  if (mark !== 'changed') return d.note[mark];
  return [d.note.changed, ...fields.map((f) => `${f.name}${w.colon}${d.now(f.before, f.after)}`)].join('\n');
}

/**
 * The new list with items only in the old list put back where they stood: each right after the
 * nearest old item before it that is still there (at the front when none). Unchanged items keep
 * their order, so a reviewer recognises the diagram.
 */
export function mergeOrder<T>(oldList: readonly T[], newList: readonly T[], keyOf: (t: T, side: 'old' | 'new') => string): T[] {
  const result = [...newList];
  const keys = newList.map((t) => keyOf(t, 'new'));
  let last = -1;
  for (const item of oldList) {
    const k = keyOf(item, 'old');
    const at = keys.indexOf(k);
    if (at >= 0) { last = at; continue; }
    result.splice(last + 1, 0, item);
    keys.splice(last + 1, 0, `\u0001removed\u0001${k}`);
    last++;
  }
  return result;
}

/** Matches two lists by key: pairs, and the items only on one side. */
export function matchBy<T>(oldList: readonly T[], newList: readonly T[], keyOf: (t: T) => string) {
  const newByKey = new Map(newList.map((t) => [keyOf(t), t]));
  const oldKeys = new Set(oldList.map(keyOf));
  const pairs: Array<[T, T]> = [];
  const removed: T[] = [];
  for (const o of oldList) {
    const n = newByKey.get(keyOf(o));
    if (n) pairs.push([o, n]);
    else removed.push(o);
  }
  const added = newList.filter((n) => !oldKeys.has(keyOf(n)));
  return { pairs, removed, added };
}

/**
 * Turns a match into entries and marks: pairs whose fields differ become `changed`, the rest
 * `added` / `removed`. `who` names each element: its entry id and label, and its mark key.
 */
export function recordMatch<T>(
  match: ReturnType<typeof matchBy<T>>,
  element: ElementType,
  who: (t: T) => { id: string; label: string; key: string },
  fields: (o: T, n: T) => ReadonlyArray<[string, unknown, unknown]>,
  entries: DiffEntry[],
  marks: Map<string, ElementMark>,
  wording: DiffWording,
): void {
  for (const [o, n] of match.pairs) {
    const changed = compareFields(fields(o, n), wording);
    if (!changed.length) continue;
    const w = who(n);
    entries.push({ change: 'changed', element, id: w.id, label: w.label, fields: changed });
    marks.set(w.key, { mark: 'changed', note: markNote('changed', wording.words, changed) });
  }
  for (const [list, change] of [[match.added, 'added'], [match.removed, 'removed']] as const) {
    for (const t of list) {
      const w = who(t);
      entries.push({ change, element, id: w.id, label: w.label, fields: [] });
      marks.set(w.key, { mark: change, note: markNote(change, wording.words) });
    }
  }
}

/** Entry for a document-level field change (title, direction …), which no scene group carries. */
export function documentEntries(id: string, title: string, fields: ReadonlyArray<[string, unknown, unknown]>, wording: DiffWording): DiffEntry[] {
  const changed = compareFields(fields, wording);
  return changed.length ? [{ change: 'changed', element: 'diagram', id, label: title || id, fields: changed }] : [];
}
