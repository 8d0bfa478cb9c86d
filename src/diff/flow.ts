/** Semantic diff of two flows: lanes and nodes by id, edges by from/to (SPEC §6.2). */
import type { FlowEdge, FlowLane, FlowModel, FlowNode } from '../kinds/flow/model.js';
import { documentEntries, edgeKeys, emptyMarks, matchBy, mergeOrder, recordMatch, type DiffEntry, type KindDiff } from './common.js';

const laneFields = (a: FlowLane | undefined, b: FlowLane | undefined): Array<[string, unknown, unknown]> => [
  ['label', a?.label, b?.label],
  ['description', a?.description, b?.description],
];

const nodeFields = (a: FlowNode, b: FlowNode): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['type', a.type, b.type],
  ['lane', a.lane, b.lane],
  ['description', a.description, b.description],
  ['owner', a.owner, b.owner],
  ['duration', a.metrics.duration, b.metrics.duration],
  ['volume', a.metrics.volume, b.metrics.volume],
  ['conversion', a.metrics.conversion, b.metrics.conversion],
  ['satisfaction', a.metrics.satisfaction, b.metrics.satisfaction],
  ['pains', a.pains, b.pains],
  ['opportunities', a.opportunities, b.opportunities],
  ['link', a.link, b.link],
  ['ref', a.ref, b.ref],
];

const edgeFields = (a: FlowEdge, b: FlowEdge): Array<[string, unknown, unknown]> => [
  ['label', a.label, b.label],
  ['volume', a.volume, b.volume],
];

/** An empty flow of the same id: the old side of a file that is new. */
export const emptyFlow = (like: FlowModel): FlowModel => ({ ...like, lanes: [], nodes: [], edges: [] });

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
