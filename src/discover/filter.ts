/**
 * Keeping a discovered map legible. `--min-frequency N` drops activities with fewer than N events and
 * edges taken fewer than N times; `--top-paths K` keeps the K most frequent edges (Disco's "paths").
 * What is kept stays a process a reader can follow: every kept activity keeps its widest path (the
 * path whose rarest edge is most frequent) from the start and to the end, and an activity no path
 * of allowed edges joins to both is dropped too. What was dropped is returned, for the file's comment.
 */
import type { Dfg, DfgActivity, DfgEdge } from './dfg.js';

export interface FilterOptions { minFrequency?: number; topPaths?: number }

export interface Filtered {
  activities: DfgActivity[];
  edges: DfgEdge[];
  droppedActivities: DfgActivity[];
  droppedEdges: DfgEdge[];
}

const START = Symbol('start');
const END = Symbol('end');
type Place = string | typeof START | typeof END;
const fromOf = (e: DfgEdge): Place => e.from ?? START;
const toOf = (e: DfgEdge): Place => e.to ?? END;
const nameOrder = (a: Place, b: Place) => (a === b ? 0 : typeof a === 'symbol' ? -1 : typeof b === 'symbol' ? 1 : a < b ? -1 : 1);
/** Heaviest first, then by names: a fixed order, so ties never depend on the engine or the log's row order. */
export const edgeOrder = (a: DfgEdge, b: DfgEdge) => b.count - a.count || nameOrder(fromOf(a), fromOf(b)) || nameOrder(toOf(a), toOf(b));

/** The edges of the widest-path tree from `root` (maximin Dijkstra), following `next` (forward) or against it. */
function widestTree(edges: readonly DfgEdge[], root: Place, forward: boolean): Set<DfgEdge> {
  const near = (e: DfgEdge) => (forward ? fromOf(e) : toOf(e));
  const far = (e: DfgEdge) => (forward ? toOf(e) : fromOf(e));
  const best = new Map<Place, { width: number; via?: DfgEdge }>([[root, { width: Infinity }]]);
  const done = new Set<Place>();
  const tree = new Set<DfgEdge>();
  for (;;) {
    let at: Place | undefined;
    for (const [p, b] of best) if (!done.has(p) && (at === undefined || b.width > best.get(at)!.width || (b.width === best.get(at)!.width && nameOrder(p, at) < 0))) at = p;
    if (at === undefined) return tree;
    done.add(at);
    const via = best.get(at)!.via;
    if (via) tree.add(via);
    for (const e of edges) {
      if (near(e) !== at || done.has(far(e))) continue;
      const width = Math.min(best.get(at)!.width, e.count);
      const old = best.get(far(e));
      if (!old || width > old.width) best.set(far(e), { width, via: e });
    }
  }
}

function reachable(edges: readonly DfgEdge[], root: Place, forward: boolean): Set<Place> {
  const seen = new Set<Place>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) {
      const [a, b]: [Place, Place] = forward ? [fromOf(e), toOf(e)] : [toOf(e), fromOf(e)];
      if (seen.has(a) && !seen.has(b)) { seen.add(b); grew = true; }
    }
  }
  return seen;
}

export function filterDfg(dfg: Dfg, options: FilterOptions): Filtered {
  const min = options.minFrequency ?? 1;
  const frequent = new Set(dfg.activities.filter((a) => a.events >= min).map((a) => a.name));
  const known = (p: Place) => typeof p === 'symbol' || frequent.has(p);
  let allowed = dfg.edges.filter((e) => e.count >= min && known(fromOf(e)) && known(toOf(e)));
  // Only activities on a path from the start to the end stay (a dropped neighbour may have cut them off).
  const onPath = [...reachable(allowed, START, true)].filter((p) => reachable(allowed, END, false).has(p));
  const joined = new Set(onPath);
  allowed = allowed.filter((e) => joined.has(fromOf(e)) && joined.has(toOf(e)));
  let kept = new Set(allowed);
  if (options.topPaths !== undefined) {
    kept = new Set([...allowed].sort(edgeOrder).slice(0, options.topPaths));
    for (const e of widestTree(allowed, START, true)) kept.add(e);
    for (const e of widestTree(allowed, END, false)) kept.add(e);
  }
  return {
    activities: dfg.activities.filter((a) => joined.has(a.name)),
    edges: dfg.edges.filter((e) => kept.has(e)),
    droppedActivities: dfg.activities.filter((a) => !joined.has(a.name)),
    droppedEdges: dfg.edges.filter((e) => !kept.has(e)),
  };
}
