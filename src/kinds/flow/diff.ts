/** Semantic diff of two flows: lanes and nodes by id, edges by from/to (SPEC §6.2). */
import { countShown, diffWording, documentEntries, edgeKeys, emptyMarks, matchBy, mergeOrder, recordMatch, sameFields } from '../../diff/common.js';
import { durationText, percent, type Locale } from '../../model/locale.js';
import type { DiffEntry, KindDiff } from '../types.js';
import type { FlowEdge, FlowLane, FlowMetrics, FlowModel, FlowNode } from './model.js';

const laneFields = (a: FlowLane | undefined, b: FlowLane | undefined) => sameFields(a, b, ['label', 'description']);

/** Figures as the captions write them: "10 分钟" / "10 min" rather than "10m" (metres?), "50%" rather than "50". */
function metricFields(a: FlowMetrics, b: FlowMetrics, locale: Locale): Array<[string, unknown, unknown]> {
  const shown = (m: FlowMetrics) => ({ ...m, duration: m.duration && durationText(m.duration, locale), volume: countShown(m.volume, locale), conversion: m.conversion !== undefined ? percent(m.conversion) : undefined });
  return sameFields(shown(a), shown(b), ['duration', 'volume', 'conversion', 'satisfaction']);
}

const nodeFields = (a: FlowNode, b: FlowNode, locale: Locale): Array<[string, unknown, unknown]> => [
  ...sameFields(a, b, ['label', 'type', 'lane', 'description', 'owner']),
  ...metricFields(a.metrics, b.metrics, locale),
  ...sameFields(a, b, ['pains', 'opportunities', 'link', 'ref']),
];

const edgeFields = (a: FlowEdge, b: FlowEdge, locale: Locale): Array<[string, unknown, unknown]> => [['label', a.label, b.label], ['volume', countShown(a.volume, locale), countShown(b.volume, locale)]];

export function diffFlow(a: FlowModel, b: FlowModel): KindDiff<FlowModel> {
  const wording = diffWording(b.locale);
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['direction', a.direction, b.direction], ['highlight', a.highlight, b.highlight]], wording);
  const marks = emptyMarks();

  const byId = (x: { id: string; label: string }) => ({ id: x.id, label: x.label, key: x.id });
  recordMatch(matchBy(a.lanes, b.lanes, (l) => l.id), 'lane', byId, laneFields, entries, marks.groups, wording);

  const nodeEntries: DiffEntry[] = [];
  recordMatch(matchBy(a.nodes, b.nodes, (n) => n.id), 'node', byId, (o, n) => nodeFields(o, n, b.locale), nodeEntries, marks.nodes, wording);
  // Nodes in the order of the new document (removed ones where they stood).
  const unionNodes = mergeOrder(a.nodes, b.nodes, (n) => n.id);
  const order = new Map(unionNodes.map((n, i) => [n.id, i]));
  entries.push(...nodeEntries.sort((x, y) => order.get(x.id)! - order.get(y.id)!));

  const oldKeys = edgeKeys(a.edges);
  const newKeys = edgeKeys(b.edges);
  const keyed = <E>(list: E[], keys: string[]) => list.map((e, i) => ({ e, k: keys[i] }));
  const edges = matchBy(keyed(a.edges, oldKeys), keyed(b.edges, newKeys), (x) => x.k);
  const labelOf = new Map(unionNodes.map((n) => [n.id, n.label]));
  const edgeName = (e: FlowEdge) => `${labelOf.get(e.from) ?? e.from} → ${labelOf.get(e.to) ?? e.to}${e.label ? wording.words.aside(e.label) : ''}`;
  const edgeId = (e: FlowEdge) => `${e.from} → ${e.to}`;
  recordMatch(edges, 'edge', (x) => ({ id: edgeId(x.e), label: edgeName(x.e), key: x.k }), (o, n) => edgeFields(o.e, n.e, b.locale), entries, marks.edges, wording);

  const unionEdges = mergeOrder(keyed(a.edges, oldKeys), keyed(b.edges, newKeys), (x) => x.k).map((x) => x.e);
  const union: FlowModel = { ...b, lanes: mergeOrder(a.lanes, b.lanes, (l) => l.id), nodes: unionNodes, edges: unionEdges };
  return { entries, union, marks };
}
