/** Semantic diff of two lifecycle maps: states by id, transitions by from/to (SPEC §6.2). */
import { countShown, diffWording, documentEntries, edgeKeys, emptyMarks, matchBy, mergeOrder, recordMatch, sameFields } from '../../diff/common.js';
import type { Locale } from '../../model/locale.js';
import type { DiffEntry, KindDiff } from '../types.js';
import { formatRate, type LifecycleModel, type LifecycleState, type LifecycleTransition } from './model.js';

const stateFields = (a: LifecycleState, b: LifecycleState, locale: Locale): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['count', countShown(a.count, locale), countShown(b.count, locale)],
  ...sameFields(a, b, ['criteria', 'strategy', 'description', 'initial', 'final']),
];

const rate = (r: number | undefined) => (r === undefined ? undefined : formatRate(r));

const transitionFields = (a: LifecycleTransition, b: LifecycleTransition): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['rate', rate(a.rate), rate(b.rate)],
];

export function diffLifecycle(a: LifecycleModel, b: LifecycleModel): KindDiff<LifecycleModel> {
  const wording = diffWording(b.locale);
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['direction', a.direction, b.direction]], wording);
  const marks = emptyMarks();

  const states = matchBy(a.states, b.states, (s) => s.id);
  const unionStates = mergeOrder(a.states, b.states, (s) => s.id);
  const stateEntries: DiffEntry[] = [];
  recordMatch(states, 'state', (s) => ({ id: s.id, label: s.label, key: s.id }), (o, n) => stateFields(o, n, b.locale), stateEntries, marks.nodes, wording);
  // A removed state is drawn as an ordinary one: no start arrow into it.
  const removedStates = states.removed.map((s) => ({ ...s, initial: false }));
  const order = new Map(unionStates.map((s, i) => [s.id, i]));
  entries.push(...stateEntries.sort((x, y) => order.get(x.id)! - order.get(y.id)!));

  const keyed = (list: LifecycleTransition[]) => { const keys = edgeKeys(list); return list.map((t, i) => ({ t, k: keys[i] })); };
  const oldT = keyed(a.transitions);
  const newT = keyed(b.transitions);
  const transitions = matchBy(oldT, newT, (x) => x.k);
  const labelOf = new Map(unionStates.map((s) => [s.id, s.label]));
  const name = (t: LifecycleTransition) => `${labelOf.get(t.from) ?? t.from} → ${labelOf.get(t.to) ?? t.to}${t.label ? wording.words.aside(t.label) : ''}`;
  const id = (t: LifecycleTransition) => `${t.from} → ${t.to}`;
  recordMatch(transitions, 'transition', (x) => ({ id: id(x.t), label: name(x.t), key: x.k }), (o, n) => transitionFields(o.t, n.t), entries, marks.edges, wording);

  const removedIds = new Set(removedStates.map((s) => s.id));
  const union: LifecycleModel = {
    ...b,
    states: unionStates.map((s) => (removedIds.has(s.id) ? removedStates.find((r) => r.id === s.id)! : s)),
    transitions: mergeOrder(oldT, newT, (x) => x.k).map((x) => x.t),
  };
  return { entries, union, marks };
}
