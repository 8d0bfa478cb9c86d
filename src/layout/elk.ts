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

/** Ordering work (see budget.ts) up to which a layout runs in this thread: ~0.3 s at most. */
const IN_THREAD_WORK = 20000;

/**
 * Lays out one graph with ELK's layered algorithm within the layout budget (budget.ts); a graph
 * past it is refused with a LayoutTooComplexError pointing at `edgesAt`, the document's array of
 * the graph's edges.
 */
export async function runElk(graph: ElkNode, edgesAt: ReadonlyArray<string | number> = []): Promise<ElkNode> {
  try {
    return await budgetedElk(graph);
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
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.edgeLabels.sideSelection': 'ALWAYS_DOWN',
    'elk.edgeLabels.inline': 'false',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.randomSeed': '1',
    ...extra,
  };
}

/** The in-layer order only (coordinates and routes are computed by the caller): ELK's cheapest placement and routing. */
export const ORDER_ONLY_OPTIONS = layeredOptions('DOWN', { 'elk.edgeRouting': 'POLYLINE', 'elk.layered.nodePlacement.strategy': 'SIMPLE' });
