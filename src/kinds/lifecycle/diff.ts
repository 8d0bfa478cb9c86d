/** Semantic diff of two lifecycle maps: states by id, transitions by from/to (SPEC §6.2). */
import { documentEntries, edgeKeys, emptyMarks, matchBy, mergeOrder, recordMatch, sameFields } from '../../diff/common.js';
import type { DiffEntry, KindDiff } from '../types.js';
import { formatRate, type LifecycleModel, type LifecycleState, type LifecycleTransition } from './model.js';

const stateFields = (a: LifecycleState, b: LifecycleState) => sameFields(a, b, ['label', 'count', 'criteria', 'strategy', 'description', 'initial', 'final']);

const rate = (r: number | undefined) => (r === undefined ? undefined : formatRate(r));

const transitionFields = (a: LifecycleTransition, b: LifecycleTransition): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['rate', rate(a.rate), rate(b.rate)],
];

export function diffLifecycle(a: LifecycleModel, b: LifecycleModel): KindDiff<LifecycleModel> {
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['direction', a.direction, b.direction]]);
  const marks = emptyMarks();

  const states = matchBy(a.states, b.states, (s) => s.id);
  const unionStates = mergeOrder(a.states, b.states, (s) => s.id);
  const stateEntries: DiffEntry[] = [];
  recordMatch(states, 'state', (s) => ({ id: s.id, label: s.label, key: s.id }), stateFields, stateEntries, marks.nodes);
  // A removed state is drawn as an ordinary one: no start arrow into it.
  const removedStates = states.removed.map((s) => ({ ...s, initial: false }));
  const order = new Map(unionStates.map((s, i) => [s.id, i]));
  entries.push(...stateEntries.sort((x, y) => order.get(x.id)! - order.get(y.id)!));

  const keyed = (list: LifecycleTransition[]) => { const keys = edgeKeys(list); return list.map((t, i) => ({ t, k: keys[i] })); };
  const oldT = keyed(a.transitions);
  const newT = keyed(b.transitions);
  const transitions = matchBy(oldT, newT, (x) => x.k);
  const labelOf = new Map(unionStates.map((s) => [s.id, s.label]));
  const name = (t: LifecycleTransition) => `${labelOf.get(t.from) ?? t.from} → ${labelOf.get(t.to) ?? t.to}${t.label ? ` (${t.label})` : ''}`;
  const id = (t: LifecycleTransition) => `${t.from} → ${t.to}`;
  recordMatch(transitions, 'transition', (x) => ({ id: id(x.t), label: name(x.t), key: x.k }), (o, n) => transitionFields(o.t, n.t), entries, marks.edges);

  const removedIds = new Set(removedStates.map((s) => s.id));
  const union: LifecycleModel = {
    ...b,
    states: unionStates.map((s) => (removedIds.has(s.id) ? removedStates.find((r) => r.id === s.id)! : s)),
    transitions: mergeOrder(oldT, newT, (x) => x.k).map((x) => x.t),
  };
  return { entries, union, marks };
}
