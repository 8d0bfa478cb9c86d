/*
 * The order in which the routing post-pass (straighten.ts) tries an edge's candidate routes: fewest
 * points first and, among as many, in the order of their kinds — a stable sort of all of them —
 * with the kinds whose size is known beforehand made only when the search gets to that size. Most
 * searches end on a short route before the loops, and a 1 000-node flow would make thousands.
 */

/** Routes of one kind, in order of preference; `points`: how many points each has, when that is known before they are made. */
export interface RouteKind<T> { points?: number; make: () => T[] }

/** An edge's candidates of every kind, made as far as they have been asked for (kept: the post-pass asks again in its second order). */
export class ByPointCount<T extends { points: readonly unknown[] }> implements Iterable<T> {
  private readonly made: Array<T[] | undefined>;
  constructor(private readonly kinds: ReadonlyArray<RouteKind<T>>) {
    this.made = kinds.map((k) => (k.points === undefined ? k.make() : undefined));
  }

  *[Symbol.iterator](): Iterator<T> {
    const sizes = new Set<number>();
    this.made.forEach((made, k) => (made ? made.forEach((c) => sizes.add(c.points.length)) : sizes.add(this.kinds[k].points!)));
    for (const size of [...sizes].sort((a, b) => a - b)) {
      for (let k = 0; k < this.kinds.length; k++) {
        const known = this.kinds[k].points;
        if (known !== undefined && known !== size) continue;
        for (const c of this.kind(k)) if (c.points.length === size) yield c;
      }
    }
  }

  private kind(k: number): T[] {
    const made = this.made[k];
    if (made) return made;
    const fresh = this.kinds[k].make();
    // A kind of another size than promised would be skipped without a word, changing drawings: fail loudly instead.
    if (fresh.some((c) => c.points.length !== this.kinds[k].points)) throw new Error(`candidate routes of kind ${k} must have ${this.kinds[k].points} points`);
    this.made[k] = fresh;
    return fresh;
  }
}
