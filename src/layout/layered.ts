import { elkEdgePoints, FAST_PLACEMENT_OPTIONS, layeredOptions, ORDER_ONLY_OPTIONS, runElk, type ElkDirection, type ElkNode } from './elk.js';

/*
 * The layout adapter: diagram kinds describe a layered graph in their own terms and get positions
 * back; only this module and elk.ts know ELK's JSON shape and option keys. Edges are matched to
 * their results by position, never by id, so kinds need not invent ids for ELK.
 */

/** The way the layers follow each other, as diagrams spell it: top to bottom, left to right… */
export type LayeredDirection = 'TB' | 'BT' | 'LR' | 'RL';

export interface LayeredNode {
  id: string;
  width: number;
  height: number;
  /** Edges given a side (LayeredEdge's fromSide/toSide) meet this node at that side's middle: a diamond's corner. */
  cornerPorts?: boolean;
}

/**
 * A side of a node relative to the flow: `behind` faces the layers before it, `ahead` the layers
 * after it, `low` and `high` the two sides across the flow (left and right in TB/BT, top and bottom in LR/RL).
 */
export type LayeredSide = 'behind' | 'ahead' | 'low' | 'high';

export interface LayeredEdge {
  from: string;
  to: string;
  /** Size of the edge's label box, for which the layout reserves room. */
  label?: { width: number; height: number };
  /** The side of a `cornerPorts` source node the edge leaves by (at its middle); ELK's free choice when left out. */
  fromSide?: LayeredSide;
  /** The side of a `cornerPorts` target node the edge arrives at. */
  toSide?: LayeredSide;
}

export interface LayeredGraph {
  direction: LayeredDirection;
  nodes: readonly LayeredNode[];
  edges: readonly LayeredEdge[];
  /** Gaps in px; those left out keep the defaults of 36 between the nodes of a layer and 48 between layers. */
  spacing?: { betweenNodes?: number; betweenLayers?: number };
  /** `beside` (the default) keeps a label off its edge; `on-edge` sets it on the line, which runs under it. */
  edgeLabels?: 'beside' | 'on-edge';
  /** Where the edges are in the document (a JSON path such as `['edges']`): a graph past the layout budget is refused there. */
  edgesAt?: ReadonlyArray<string | number>;
}

export interface LayeredBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LayeredLayout {
  width: number;
  height: number;
  nodes: Map<string, LayeredBox>;
  /**
   * Indexed like the graph's edges: orthogonal polylines from source to target, and the label
   * box. An edge whose ends are not both nodes of the graph is left out of the layout: no points.
   */
  edges: Array<{ points: Array<[number, number]>; label?: LayeredBox }>;
}

const ELK_DIRECTION: Record<LayeredDirection, ElkDirection> = { TB: 'DOWN', BT: 'UP', LR: 'RIGHT', RL: 'LEFT' };

/** Labels set on their edge's line rather than beside it. */
const ON_EDGE_LABEL = { 'elk.edgeLabels.inline': 'true' };

function spacingOptions(spacing: LayeredGraph['spacing'] = {}): Record<string, string> {
  const options: Record<string, string> = {};
  if (spacing.betweenNodes !== undefined) options['elk.spacing.nodeNode'] = String(spacing.betweenNodes);
  if (spacing.betweenLayers !== undefined) options['elk.layered.spacing.nodeNodeBetweenLayers'] = String(spacing.betweenLayers);
  return options;
}

type ElkSide = 'NORTH' | 'SOUTH' | 'EAST' | 'WEST';

const ELK_SIDE: Record<LayeredDirection, Record<LayeredSide, ElkSide>> = {
  TB: { behind: 'NORTH', ahead: 'SOUTH', low: 'WEST', high: 'EAST' },
  BT: { behind: 'SOUTH', ahead: 'NORTH', low: 'WEST', high: 'EAST' },
  LR: { behind: 'WEST', ahead: 'EAST', low: 'NORTH', high: 'SOUTH' },
  RL: { behind: 'EAST', ahead: 'WEST', low: 'NORTH', high: 'SOUTH' },
};

/** A port's id: a character no YAML id holds keeps it apart from every node id. */
const portId = (node: string, side: ElkSide) => `${node}\u0000${side}`;

/** Where each node's edges meet it: a port id per edge end that has a side on a `cornerPorts` node, else the node. */
function endpointsOf(graph: Pick<LayeredGraph, 'nodes' | 'edges' | 'direction'>) {
  const cornered = new Set(graph.nodes.filter((n) => n.cornerPorts).map((n) => n.id));
  const sides = ELK_SIDE[graph.direction];
  const used = new Map<string, Set<ElkSide>>();
  const end = (node: string, side: LayeredSide | undefined): string => {
    if (!side || !cornered.has(node)) return node;
    const s = sides[side];
    (used.get(node) ?? used.set(node, new Set()).get(node)!).add(s);
    return portId(node, s);
  };
  const ends = graph.edges.map((e) => ({ source: end(e.from, e.fromSide), target: end(e.to, e.toSide) }));
  return { ends, used };
}

/** The edges ELK is given: those whose ends are both nodes, with their index in the graph as id. */
function elkEdges(graph: Pick<LayeredGraph, 'nodes' | 'edges' | 'edgeLabels'>, ends?: ReadonlyArray<{ source: string; target: string }>): NonNullable<ElkNode['edges']> {
  const known = new Set(graph.nodes.map((n) => n.id));
  return graph.edges.flatMap((e, i) => (known.has(e.from) && known.has(e.to) ? [{
    id: `e${i}`,
    sources: [ends?.[i].source ?? e.from],
    targets: [ends?.[i].target ?? e.to],
    labels: e.label ? [{ id: `l${i}`, text: ' ', width: e.label.width, height: e.label.height, ...(graph.edgeLabels === 'on-edge' ? { layoutOptions: ON_EDGE_LABEL } : {}) }] : [],
  }] : []));
}

/** A port at the middle of a node's side. */
function middlePort(n: LayeredNode, side: ElkSide): NonNullable<ElkNode['ports']>[number] {
  const x = side === 'WEST' ? 0 : side === 'EAST' ? n.width : n.width / 2;
  const y = side === 'NORTH' ? 0 : side === 'SOUTH' ? n.height : n.height / 2;
  return { id: portId(n.id, side), x, y, width: 0, height: 0, layoutOptions: { 'elk.port.side': side } };
}

const SIDE_ORDER: readonly ElkSide[] = ['NORTH', 'EAST', 'SOUTH', 'WEST'];

/** ELK's nodes; a node with ports on some sides holds them at fixed places (FIXED_POS). */
function elkChildren(nodes: readonly LayeredNode[], ports?: ReadonlyMap<string, ReadonlySet<ElkSide>>): ElkNode[] {
  return nodes.map((n) => {
    const sides = ports?.get(n.id);
    if (!sides?.size) return { id: n.id, width: n.width, height: n.height };
    return { id: n.id, width: n.width, height: n.height, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' }, ports: SIDE_ORDER.filter((s) => sides.has(s)).map((s) => middlePort(n, s)) };
  });
}

/** Nodes up to which the aligned (network simplex) placement is used; larger graphs get the fast one. */
const ALIGNED_PLACEMENT_LIMIT = 500;

const boxOf = (b: { x?: number; y?: number; width?: number; height?: number }): LayeredBox => ({ x: b.x ?? 0, y: b.y ?? 0, w: b.width ?? 0, h: b.height ?? 0 });

/** Places the nodes in layers along `direction`, routes the edges orthogonally and places their labels. */
export async function layoutLayered(graph: LayeredGraph): Promise<LayeredLayout> {
  const { ends, used } = endpointsOf(graph);
  const out = await runElk({
    id: 'root',
    layoutOptions: layeredOptions(ELK_DIRECTION[graph.direction], { ...spacingOptions(graph.spacing), ...(graph.nodes.length > ALIGNED_PLACEMENT_LIMIT ? FAST_PLACEMENT_OPTIONS : {}) }),
    children: elkChildren(graph.nodes, used),
    edges: elkEdges(graph, ends),
  }, graph.edgesAt);
  const nodes = new Map<string, LayeredBox>();
  for (const c of out.children ?? []) nodes.set(c.id, boxOf(c));
  const edges: LayeredLayout['edges'] = graph.edges.map(() => ({ points: [] }));
  for (const e of out.edges ?? []) {
    const label = e.labels?.[0];
    edges[Number(e.id.slice(1))] = { points: elkEdgePoints(e), label: label ? boxOf(label) : undefined };
  }
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}

/**
 * Only the layers and the order inside each, for callers that place and route themselves: the
 * graph flows downward (a node's width lies across the flow, its height along it). Returns the
 * layers from first to last, each its node ids in order across the flow. ELK's costly steps whose
 * results are dropped (coordinates, routes) run in their cheapest form: on a 1 000-node flow this
 * takes the layout from ~1 s to ~0.4 s.
 */
export async function orderInLayers(graph: Pick<LayeredGraph, 'nodes' | 'edgesAt'> & { edges: ReadonlyArray<Pick<LayeredEdge, 'from' | 'to'>> }): Promise<string[][]> {
  const out = await runElk({ id: 'root', layoutOptions: ORDER_ONLY_OPTIONS, children: elkChildren(graph.nodes), edges: elkEdges({ nodes: graph.nodes, edges: graph.edges.map(({ from, to }) => ({ from, to })) }) }, graph.edgesAt);
  const placed = new Map((out.children ?? []).map((c) => [c.id, boxOf(c)]));
  return layersOf(graph.nodes.map((n) => ({ id: n.id, ...placed.get(n.id)! })));
}

/**
 * Reads the layers off ELK's coordinates (flow downward): a node starts a new layer when it lies
 * below everything of the layer so far; nodes of one layer may have different heights, and ELK
 * centres them on the layer, so their tops differ.
 */
export function layersOf(placed: ReadonlyArray<LayeredBox & { id: string }>): string[][] {
  const byMain = [...placed].sort((a, b) => a.y - b.y || a.x - b.x);
  const layers: Array<Array<LayeredBox & { id: string }>> = [];
  let layerBottom = -Infinity;
  for (const p of byMain) {
    if (p.y >= layerBottom - 0.5) { layers.push([]); layerBottom = p.y + p.h; } else layerBottom = Math.max(layerBottom, p.y + p.h);
    layers[layers.length - 1].push(p);
  }
  return layers.map((layer) => layer.sort((a, b) => a.x - b.x).map((p) => p.id));
}
