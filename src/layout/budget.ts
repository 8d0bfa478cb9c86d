/*
 * The work budget of one layered layout, counted before ELK runs. ELK's layered algorithm splits
 * every edge into one piece per layer it crosses (a "dummy" node each) and then orders, places and
 * routes all of them: its time grows with the square of those pieces and worse, not with the size
 * of the file (issue 24: 20 nodes with 361 edges took 14 s, 200 nodes with 200 random edges 39 s).
 * So the pieces are counted here, with the same cheap layering the text pictures use, and a graph
 * past the budget is refused with a message naming what to reduce, in milliseconds.
 */

export interface BudgetEdge { from: string; to: string }

/** Most edges between one ordered pair of nodes: more are unreadable and cost ELK seconds each. */
export const MAX_PARALLEL_EDGES = 8;
/**
 * Most ordering work: for each gap between two layers, the square of the edge pieces crossing it,
 * summed. Measured on two cores: 140 000 lays out in 2.7 s, 427 000 (20 nodes, 380 edges) in 13 s.
 */
export const MAX_ORDER_WORK = 250000;
/** Wall-clock limit of one layout on its worker thread, in ms. */
export const LAYOUT_TIME_LIMIT_MS = 20000;

/** The wall-clock limit in force: JOURNEYFLOW_LAYOUT_TIMEOUT_MS overrides it (a slower machine, or a test). */
export function layoutTimeLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.JOURNEYFLOW_LAYOUT_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : LAYOUT_TIME_LIMIT_MS;
}

/** A diagram whose layout would cost more than the budget: its message says what to reduce. */
export class LayoutTooComplexError extends Error {
  override readonly name = 'LayoutTooComplexError';
  /** Where the graph's edges are in the document (`['edges']`, `['transitions']`), for the diagnostic to point at. */
  path: ReadonlyArray<string | number> = [];
}

/**
 * Layers of a graph, top to bottom: edges into a node still on the depth-first stack are turned
 * around (`back`), then each node sits one layer below its lowest predecessor (longest path).
 * Iterative and linear in nodes plus edges; edges whose ends are not both nodes are ignored.
 */
export function layerGraph(ids: readonly string[], edges: readonly BudgetEdge[]): { back: Set<number>; layer: Map<string, number> } {
  const out = new Map<string, number[]>(ids.map((id) => [id, []]));
  edges.forEach((e, i) => { if (out.has(e.to)) out.get(e.from)?.push(i); });
  const state = new Map<string, 1 | 2>();
  const back = new Set<number>();
  for (const root of ids) {
    if (state.has(root)) continue;
    // Each frame: a node and how many of its out-edges have been looked at (the recursive order).
    const stack: Array<[string, number]> = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const list = out.get(frame[0])!;
      if (frame[1] === list.length) { state.set(frame[0], 2); stack.pop(); continue; }
      const i = list[frame[1]++];
      const t = edges[i].to;
      if (state.get(t) === 1) back.add(i);
      else if (!state.has(t)) { state.set(t, 1); stack.push([t, 0]); }
    }
  }
  return { back, layer: longestPath(ids, edges, back) };
}

/** Longest-path layers of the graph with the `back` edges turned around (Kahn's order: linear). */
function longestPath(ids: readonly string[], edges: readonly BudgetEdge[], back: Set<number>): Map<string, number> {
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  edges.forEach((e, i) => {
    if (!layer.has(e.from) || !layer.has(e.to) || e.from === e.to) return;
    const [a, b] = back.has(i) ? [e.to, e.from] : [e.from, e.to];
    next.get(a)!.push(b);
    indegree.set(b, indegree.get(b)! + 1);
  });
  const ready = ids.filter((id) => indegree.get(id) === 0);
  for (let k = 0; k < ready.length; k++) {
    const a = ready[k];
    for (const b of next.get(a)!) {
      layer.set(b, Math.max(layer.get(b)!, layer.get(a)! + 1));
      const left = indegree.get(b)! - 1;
      indegree.set(b, left);
      if (left === 0) ready.push(b);
    }
  }
  return layer;
}

export interface LayoutWork { nodes: number; edges: number; pieces: number; orderWork: number; parallel: { from: string; to: string; count: number } | undefined }

/** The counted work of laying out a graph: its edges, its busiest pair of nodes and its edge pieces. */
export function layoutWork(ids: readonly string[], edges: readonly BudgetEdge[]): LayoutWork {
  const pairs = new Map<string, number>();
  let parallel: LayoutWork['parallel'];
  for (const e of edges) {
    const key = JSON.stringify([e.from, e.to]);
    const count = (pairs.get(key) ?? 0) + 1;
    pairs.set(key, count);
    if (count > (parallel?.count ?? 1)) parallel = { from: e.from, to: e.to, count };
  }
  const { layer } = layerGraph(ids, edges);
  // Pieces crossing each gap between layers, by a difference array (linear in layers plus edges).
  let layers = 0;
  for (const l of layer.values()) layers = Math.max(layers, l + 1);
  const crossing = new Array<number>(layers + 1).fill(0);
  let pieces = 0;
  for (const e of edges) {
    const a = layer.get(e.from);
    const b = layer.get(e.to);
    if (a === undefined || b === undefined || a === b) continue;
    pieces += Math.abs(a - b);
    crossing[Math.min(a, b)]++;
    crossing[Math.max(a, b)]--;
  }
  // Ordering a gap compares its pieces with each other: the square of each gap, summed.
  let orderWork = 0;
  for (let g = 0, open = 0; g < layers; g++) { open += crossing[g]; orderWork += open * open; }
  return { nodes: ids.length, edges: edges.length, pieces, orderWork, parallel };
}

/** The graph's work; throws LayoutTooComplexError when it is past the budget, saying what to reduce. */
export function checkLayoutBudget(ids: readonly string[], edges: readonly BudgetEdge[]): LayoutWork {
  const work = layoutWork(ids, edges);
  if (work.parallel && work.parallel.count > MAX_PARALLEL_EDGES) {
    throw new LayoutTooComplexError(`${work.parallel.count} edges run from "${work.parallel.from}" to "${work.parallel.to}"; the limit is ${MAX_PARALLEL_EDGES} between one pair of nodes: merge them into one edge whose label lists the cases`);
  }
  if (work.orderWork > MAX_ORDER_WORK) {
    throw new LayoutTooComplexError(`its ${work.edges} edges among ${work.nodes} nodes cross ${work.pieces} layer gaps in all, ordering work ${work.orderWork}; the layout budget is ${MAX_ORDER_WORK}: remove edges, above all those that jump far back or ahead (loops to early steps), or split the diagram into subprocesses`);
  }
  return work;
}

/**
 * The rule, message and place of a layout that failed: past the budget (the message says what to
 * reduce, the path names the edges' array), or ELK's own failure on an extreme graph (its
 * recursion depth, say; the document as a whole). One wording for
 * build, serve and compile(); `hint` is what the caller's user can do besides splitting.
 */
export function layoutFailure(err: unknown, hint = ''): { rule: 'layout-too-complex' | 'layout-failed'; message: string; path: ReadonlyArray<string | number> } {
  const text = (err as Error)?.message ?? String(err);
  if (err instanceof LayoutTooComplexError) return { rule: 'layout-too-complex', message: `this diagram is too complex to lay out: ${text}`, path: err.path };
  return { rule: 'layout-failed', message: `this diagram could not be laid out (${text}); split it into subprocesses${hint}`, path: [] };
}
