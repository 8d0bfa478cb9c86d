import { firstItems, groupDigits, wordsOf, type Locale } from './locale.js';

/*
 * Parallel edges (issue 24): many edges with the same from and to cannot be read apart in a picture
 * and cost the layout seconds each (1 000 labelled edges between two nodes took ELK 124 s). Past a
 * few, they are drawn as one edge that says how many it stands for; the rules, the diff and the
 * figures still see every edge. Flow and lifecycle share this, so both say it the same way in SVG,
 * txt and Mermaid.
 */

/** Most edges drawn apart between one ordered pair of nodes; a pair with more is drawn as one edge. */
export const MAX_DRAWN_PARALLEL = 4;

/** Labels written out on a bundled edge; the tooltip lists them all. */
const LABELS_SHOWN = 2;

/** What one drawn edge stands for: how many edges, and the labels of those that have one. */
export interface EdgeBundle {
  count: number;
  labels: string[];
}

export interface BundlableEdge {
  from: string;
  to: string;
  label?: string;
  bundle?: EdgeBundle;
}

/**
 * The edges as drawn: every pair of nodes joined by more than MAX_DRAWN_PARALLEL edges (same from,
 * same to) becomes one edge at the place of its first, its figures combined by `merge` (a sum of
 * volumes, say), its label the count and the first labels, its `bundle` every label. Linear in the
 * edges; the same array when nothing is bundled.
 */
export function bundleParallelEdges<E extends BundlableEdge>(edges: readonly E[], locale: Locale, merge: (group: readonly E[]) => Partial<E>): readonly E[] {
  const groups = new Map<string, E[]>();
  const keyOf = (e: E) => `${e.from}\u0000${e.to}`;
  for (const e of edges) {
    const group = groups.get(keyOf(e));
    if (group) group.push(e);
    else groups.set(keyOf(e), [e]);
  }
  if (![...groups.values()].some((g) => g.length > MAX_DRAWN_PARALLEL)) return edges;
  const out: E[] = [];
  for (const e of edges) {
    const group = groups.get(keyOf(e))!;
    if (group.length <= MAX_DRAWN_PARALLEL) out.push(e);
    else if (group[0] === e) {
      const labels = group.flatMap((m) => (m.label ? [m.label] : []));
      out.push({ ...e, ...merge(group), label: bundleLabel(group.length, labels, locale), bundle: { count: group.length, labels } });
    }
  }
  return out;
}

/** "×1,000 edges: reason 0; reason 1 +998", in the reader's words. */
function bundleLabel(count: number, labels: readonly string[], locale: Locale): string {
  const w = wordsOf(locale);
  const head = w.parallelEdges(groupDigits(count, locale));
  return labels.length ? `${head}${w.colon}${firstItems(labels, LABELS_SHOWN, locale)}` : head;
}

/** An edge's text in its tooltip: its label, or for a bundle the count and every label. */
export function edgeTitleText(edge: BundlableEdge, locale: Locale): string | undefined {
  if (!edge.bundle) return edge.label;
  const w = wordsOf(locale);
  const head = w.parallelEdges(groupDigits(edge.bundle.count, locale));
  return edge.bundle.labels.length ? `${head}${w.colon}${edge.bundle.labels.join(w.listSep)}` : head;
}

/** Sum of the figures that are given, undefined when none is; rounded so that 1 000 × 0.05 % is 50 %, not 49.9999999999993. */
export function sumGiven(values: ReadonlyArray<number | undefined>): number | undefined {
  const given = values.filter((v): v is number => v !== undefined);
  return given.length ? Number(given.reduce((a, b) => a + b, 0).toFixed(6)) : undefined;
}
