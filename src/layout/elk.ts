import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { createLayoutSync, type LayoutSync } from './elk-engine.js';
import { layoutOnDeepStack } from './deep-stack.js';
import { checkLayoutBudget, layoutTimeLimitMs, LayoutTooComplexError } from './budget.js';

export type { ElkNode } from 'elkjs/lib/elk-api.js';

/*
 * ELK itself: running it, and the option sets journeyflow gives it. Diagram kinds never come here;
 * they describe their graphs to the adapter in layered.ts.
 */

export type ElkDirection = 'DOWN' | 'UP' | 'RIGHT' | 'LEFT';

let inProcess: LayoutSync | undefined;

/*
 * Recent layouts by their input graph. The same graph comes back when one diagram is drawn in a
 * second theme of the same metrics (the docs plugins' dark drawing: ~40 % of a dark-mode site's
 * cold build) or again as another diagram's linked subprocess. ELK's result is a function of the
 * graph alone (fixed seed), so a copy of the earlier result is what ELK would return. Bounded in
 * number and in size: a graph of thousands of nodes is not kept (its layout takes seconds anyway).
 */
const recentLayouts = new Map<string, ElkNode>();
const RECENT_LAYOUTS = 64;
const LARGEST_KEPT = 256 * 1024;

function remember(key: string, out: ElkNode): void {
  if (key.length > LARGEST_KEPT) return;
  recentLayouts.set(key, structuredClone(out));
  if (recentLayouts.size > RECENT_LAYOUTS) recentLayouts.delete(recentLayouts.keys().next().value!);
}

/** Ordering work (see budget.ts) up to which a layout runs in this thread: ~0.3 s at most. */
const IN_THREAD_WORK = 20000;

/**
 * Lays out one graph with ELK's layered algorithm within the layout budget (budget.ts); a graph
 * past it is refused with a LayoutTooComplexError pointing at `edgesAt`, the document's array of
 * the graph's edges.
 */
export async function runElk(graph: ElkNode, edgesAt: ReadonlyArray<string | number> = []): Promise<ElkNode> {
  // Read before ELK runs: ELK writes its positions into the graph it is given.
  const key = JSON.stringify(graph);
  const known = recentLayouts.get(key);
  if (known) return structuredClone(known);
  try {
    const out = await budgetedElk(graph);
    remember(key, out);
    return out;
  } catch (err) {
    // A refusal names the array of the document to reduce.
    if (err instanceof LayoutTooComplexError) err.path = edgesAt;
    throw err;
  }
}

/**
 * In this thread when the graph is cheap: ELK loads on first use (validation never pays for it) and
 * stays loaded for every later diagram of the process. (A layout thread beside the main one was
 * measured and dropped: on two cores, starting a second ELK and the contention made a 10-diagram
 * build no faster and a one-diagram build 17 ms slower.)
 */
async function budgetedElk(graph: ElkNode): Promise<ElkNode> {
  const work = checkLayoutBudget((graph.children ?? []).map((c) => c.id), (graph.edges ?? []).map((e) => ({ from: e.sources?.[0] ?? '', to: e.targets?.[0] ?? '' })));
  // A graph that may take seconds runs on a thread that can be stopped at the wall-clock limit:
  // the count above is an estimate, the limit holds whatever ELK does.
  if (work.orderWork > IN_THREAD_WORK) return layoutOnDeepStack(graph, layoutTimeLimitMs());
  try {
    inProcess ??= createLayoutSync();
    return inProcess(graph);
  } catch (err) {
    // ELK walks long chains recursively. For one connected component elk-engine.ts avoids the
    // deepest walk (5 000-node flows fit the main thread's ~1 MB stack); a longer chain, or a long
    // chain among several components, can still overflow. That one graph is laid out again on a
    // thread with a deep stack (same algorithm and seed, so the same result).
    if (!(err instanceof RangeError && /call stack/i.test(err.message))) throw err;
    return layoutOnDeepStack(graph);
  }
}

/** The polyline of a routed ELK edge: start, bend points and end of each section. */
export function elkEdgePoints(e: ElkExtendedEdge): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const s of e.sections ?? []) {
    points.push([s.startPoint.x, s.startPoint.y], ...(s.bendPoints ?? []).map((p) => [p.x, p.y] as [number, number]), [s.endPoint.x, s.endPoint.y]);
  }
  return points;
}

/** Layered layout options shared by every kind laid out with ELK. */
export function layeredOptions(direction: ElkDirection, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '48',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelNode': '6',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    // Network simplex places a node in line with its neighbours wherever it can (it minimises the
    // edges' sideways lengths), so links between nodes that overlap across the flow come out
    // straight: on the examples and generated flows without lanes, in every direction, it left 52
    // S-shaped jogs where Brandes-Köpf (balanced) left 140, and 0.41 bends per edge against 0.52.
    'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    'elk.layered.edgeLabels.sideSelection': 'ALWAYS_DOWN',
    'elk.edgeLabels.inline': 'false',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.randomSeed': '1',
    ...extra,
  };
}

/**
 * Brandes-Köpf placement, for graphs so large that network simplex's cost shows: on a 1 000-node
 * flow without lanes it took ELK ~1.5-2.5× as long (and every drawing that large has long runs anyway).
 */
export const FAST_PLACEMENT_OPTIONS = { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED' };

/**
 * The in-layer order only (coordinates and routes are computed by the caller): ELK's cheapest
 * placement and routing, and crossings minimised without holding to the YAML's order. The lane
 * router draws from this order, and branches should lie where their targets are, not where they
 * were written: over the examples and bench flows in every direction the lane drawings crossed 18
 * times where the model order's 22 (refund TB 2 → 0; Mermaid dagre 1), the examples unchanged.
 */
export const ORDER_ONLY_OPTIONS = layeredOptions('DOWN', { 'elk.edgeRouting': 'POLYLINE', 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.layered.considerModelOrder.strategy': 'NONE' });
