/**
 * Track assignment inside one channel (the node-free band between two layers), where every edge
 * run is a horizontal segment whose ends join vertical segments going up (towards the layer above:
 * the edge's source, or a gutter climbing back) or down (towards the layer below). Two runs whose
 * spans overlap cross when one's vertical passes the other's horizontal; that is avoided exactly
 * when every run with a downward end inside another's span lies below that other run, and every
 * run with an upward end inside it lies above; a run whose downward end meets another's upward end
 * (the same line, at the ends of both spans) lies below it too, or the two verticals would overlap.
 * Those constraints order the tracks; where they contradict each other (a crossing no order
 * avoids) the weakest is dropped. Tracks are then filled top-down, left edge first, as in VLSI
 * channel routing ("constrained left-edge").
 */

export interface ChannelRun {
  a: number;
  b: number;
  /** Where the run's ends meet their vertical segments, and which way each vertical goes. */
  ends: Array<{ x: number; up: boolean }>;
  set(track: number): void;
}

/** Margin within which an end counts as inside a span, and between two runs on one track. */
const EPS = 0.5;

/** Sets every run's track (0 = top) and returns the number of tracks. Deterministic for a given input order. */
export function assignTracks(runs: readonly ChannelRun[], gap: number): number {
  const n = runs.length;
  if (!n) return 0;
  // above[i]: runs that must lie above run i.
  const above: Array<Set<number>> = runs.map(() => new Set<number>());
  const inside = (x: number, r: ChannelRun) => x > r.a + EPS && x < r.b - EPS;
  // Large channels (thousands of runs) keep plain left-edge packing: the pairwise check would be quadratic.
  if (n <= 400) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        for (const end of runs[i].ends) {
          if (inside(end.x, runs[j])) {
            if (end.up) above[j].add(i);
            else above[i].add(j);
          } else if (!end.up && runs[j].ends.some((o) => o.up && Math.abs(o.x - end.x) <= EPS)) {
            // i comes down on the line j's vertical comes down by (one node's port straight above
            // another's): i's track lies below j's, else the two verticals share a stretch of line.
            above[i].add(j);
          }
        }
      }
    }
  }
  // A topological order of the constraints; on a cycle, the run with the fewest open constraints
  // goes next (leftmost first), and the constraints it breaks are dropped.
  const order: number[] = [];
  const placed = new Array<boolean>(n).fill(false);
  const byLeft = [...runs.keys()].sort((x, y) => runs[x].a - runs[y].a || runs[x].b - runs[y].b || x - y);
  while (order.length < n) {
    let pick = -1;
    let fewest = Infinity;
    for (const i of byLeft) {
      if (placed[i]) continue;
      let open = 0;
      for (const j of above[i]) if (!placed[j]) open++;
      if (open < fewest) { fewest = open; pick = i; }
      if (open === 0) break;
    }
    placed[pick] = true;
    order.push(pick);
  }
  const rank = new Array<number>(n);
  order.forEach((i, k) => { rank[i] = k; });
  for (let i = 0; i < n; i++) for (const j of [...above[i]]) if (rank[j] > rank[i]) above[i].delete(j);

  // Constrained left edge: each track takes, from left to right, the runs whose upper neighbours
  // all sit on earlier tracks and that do not overlap the runs already on it.
  const track = new Array<number>(n).fill(-1);
  let done = 0;
  let t = 0;
  while (done < n) {
    let end = -Infinity;
    const ready = byLeft.filter((i) => track[i] < 0 && [...above[i]].every((j) => track[j] >= 0 && track[j] < t));
    for (const i of ready) {
      if (runs[i].a < end + gap) continue;
      track[i] = t;
      end = runs[i].b;
      done++;
    }
    t++;
  }
  runs.forEach((r, i) => r.set(track[i]));
  return t;
}
