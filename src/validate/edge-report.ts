import type { EdgeOrigin } from '../model/chain.js';
import type { RuleContext } from '../kinds/types.js';
import { didYouMean } from './schema.js';

/** Reports a problem with one end of an edge at that id: inside a chain string, or at the `from`/`to` field. */
export function reportEdgeEnd(ctx: RuleContext, origin: EdgeOrigin, end: 'from' | 'to', message: string): void {
  if (origin.chain) {
    const e = origin.chain[end];
    ctx.report(origin.path, message, { span: ctx.doc.locateInScalar(origin.path, e.offset, e.id.length) });
  } else {
    ctx.report([...origin.path, end], message);
  }
}

/**
 * Reports every edge end that names no known id, at that id, with a did-you-mean: `words` name
 * the edge, what it joins and the document ("transition", "state", "this lifecycle").
 */
export function reportUnknownEnds(ctx: RuleContext, edges: ReadonlyArray<{ from: string; to: string; origin: EdgeOrigin }>, ids: readonly string[], words: { edge: string; node: string; within: string }): void {
  const known = new Set(ids);
  for (const e of edges) {
    for (const [end, name] of [['from', 'source'], ['to', 'target']] as const) {
      if (!known.has(e[end])) reportEdgeEnd(ctx, e.origin, end, `${words.edge} ${name} "${e[end]}" is not a ${words.node} of ${words.within}${didYouMean(e[end], ids, '', false)}`);
    }
  }
}

/** Builds adjacency lists (outgoing edges by source id). */
export function outgoing<E extends { from: string; to: string }>(edges: readonly E[]): Map<string, E[]> {
  const map = new Map<string, E[]>();
  for (const e of edges) {
    const list = map.get(e.from);
    if (list) list.push(e);
    else map.set(e.from, [e]);
  }
  return map;
}

/** Ids reachable from `starts` following edges forward (breadth first, linear). */
export function reachableFrom<E extends { from: string; to: string }>(starts: readonly string[], edges: readonly E[]): Set<string> {
  const out = outgoing(edges);
  const seen = new Set(starts);
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    for (const e of out.get(queue[i]) ?? []) {
      if (!seen.has(e.to)) { seen.add(e.to); queue.push(e.to); }
    }
  }
  return seen;
}

/** Reports every id that appears more than once, at its later occurrences. */
export function reportDuplicates(ctx: RuleContext, items: ReadonlyArray<{ id: string; path: ReadonlyArray<string | number> }>, what: string): void {
  const first = new Map<string, ReadonlyArray<string | number>>();
  for (const item of items) {
    const earlier = first.get(item.id);
    if (earlier) {
      const line = ctx.doc.locate(earlier).line;
      ctx.report([...item.path, 'id'], `${what} id "${item.id}" is already used at line ${line}`);
    } else first.set(item.id, item.path);
  }
}
