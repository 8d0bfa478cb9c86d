/** Semantic diff of two flows: lanes and nodes by id, edges by from/to (SPEC §6.2). */
import { documentEntries, edgeKeys, emptyMarks, matchBy, mergeOrder, recordMatch, sameFields } from '../../diff/common.js';
import type { DiffEntry, KindDiff } from '../types.js';
import type { FlowEdge, FlowLane, FlowModel, FlowNode } from './model.js';

const laneFields = (a: FlowLane | undefined, b: FlowLane | undefined) => sameFields(a, b, ['label', 'description']);

const nodeFields = (a: FlowNode, b: FlowNode): Array<[string, unknown, unknown]> => [
  ...sameFields(a, b, ['label', 'type', 'lane', 'description', 'owner']),
  ...sameFields(a.metrics, b.metrics, ['duration', 'volume', 'conversion', 'satisfaction']),
  ...sameFields(a, b, ['pains', 'opportunities', 'link', 'ref']),
];

const edgeFields = (a: FlowEdge, b: FlowEdge) => sameFields(a, b, ['label', 'volume']);

export function diffFlow(a: FlowModel, b: FlowModel): KindDiff<FlowModel> {
  const entries: DiffEntry[] = documentEntries(b.id, b.title, [['title', a.title, b.title], ['direction', a.direction, b.direction], ['highlight', a.highlight, b.highlight]]);
  const marks = emptyMarks();

  const byId = (x: { id: string; label: string }) => ({ id: x.id, label: x.label, key: x.id });
  recordMatch(matchBy(a.lanes, b.lanes, (l) => l.id), 'lane', byId, laneFields, entries, marks.groups);

  const nodeEntries: DiffEntry[] = [];
  recordMatch(matchBy(a.nodes, b.nodes, (n) => n.id), 'node', byId, nodeFields, nodeEntries, marks.nodes);
  // Nodes in the order of the new document (removed ones where they stood).
  const unionNodes = mergeOrder(a.nodes, b.nodes, (n) => n.id);
  const order = new Map(unionNodes.map((n, i) => [n.id, i]));
  entries.push(...nodeEntries.sort((x, y) => order.get(x.id)! - order.get(y.id)!));

  const oldKeys = edgeKeys(a.edges);
  const newKeys = edgeKeys(b.edges);
  const keyed = <E>(list: E[], keys: string[]) => list.map((e, i) => ({ e, k: keys[i] }));
  const edges = matchBy(keyed(a.edges, oldKeys), keyed(b.edges, newKeys), (x) => x.k);
  const labelOf = new Map(unionNodes.map((n) => [n.id, n.label]));
  const edgeName = (e: FlowEdge) => `${labelOf.get(e.from) ?? e.from} → ${labelOf.get(e.to) ?? e.to}${e.label ? ` (${e.label})` : ''}`;
  const edgeId = (e: FlowEdge) => `${e.from} → ${e.to}`;
  recordMatch(edges, 'edge', (x) => ({ id: edgeId(x.e), label: edgeName(x.e), key: x.k }), (o, n) => edgeFields(o.e, n.e), entries, marks.edges);

  const unionEdges = mergeOrder(keyed(a.edges, oldKeys), keyed(b.edges, newKeys), (x) => x.k).map((x) => x.e);
  const union: FlowModel = { ...b, lanes: mergeOrder(a.lanes, b.lanes, (l) => l.id), nodes: unionNodes, edges: unionEdges };
  return { entries, union, marks };
}
