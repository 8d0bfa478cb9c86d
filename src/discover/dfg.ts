/**
 * The directly-follows graph both engines produce (as PM4Py's discover_dfg): for each pair of
 * activities how often the second directly follows the first within a case, how many cases start
 * and end with each activity, and how long the steps take. The JavaScript passes build it event by
 * event (DfgBuilder); DuckDB, a warehouse (`--sql`) or a user's own tool give it as rows (dfgFromRows).
 */
import { medianAndP90 } from './quantile.js';

export interface DfgEdge {
  /** Undefined: the case starts here (the edge leaves the start node). */
  from?: string;
  /** Undefined: the case ends here (the edge enters the end node). */
  to?: string;
  count: number;
  /** Median and 90th percentile of the time between the two events, in seconds. */
  medianS?: number;
  p90S?: number;
}

export interface DfgActivity {
  name: string;
  events: number;
  /** The lane (resource, department) most of its events happen in; ties go to the first name. */
  lane?: string;
  /** Median and 90th percentile of the step's time in seconds: end − start with an end timestamp, else the time since the case's previous event. */
  medianS?: number;
  p90S?: number;
}

export interface Dfg {
  activities: DfgActivity[];
  edges: DfgEdge[];
  /** Cases in the log: the sum of the start edges. */
  cases: number;
  events: number;
}

/** One event as the passes see it, in milliseconds since 1970; `end` equals `start` without an end timestamp. */
export interface LogEvent {
  activity: string;
  lane?: string;
  start: number;
  end: number;
}

const byName = (a: string | undefined, b: string | undefined): number => (a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1);

/** The lane with the most events; a tie goes to the name first in code-point order, so both engines agree. */
export function majorityLane(votes: ReadonlyMap<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const [lane, n] of votes) if (!best || n > best[1] || (n === best[1] && lane < best[0])) best = [lane, n];
  return best?.[0];
}

/** Sorted the same way whichever engine made it: activities by name, edges by from then to (start first, end last). */
function ordered(activities: DfgActivity[], edges: DfgEdge[]): Dfg {
  activities.sort((a, b) => byName(a.name, b.name));
  edges.sort((a, b) => byName(a.from, b.from) || (a.to === b.to ? 0 : a.to === undefined ? 1 : b.to === undefined ? -1 : a.to < b.to ? -1 : 1));
  const cases = edges.filter((e) => e.from === undefined).reduce((s, e) => s + e.count, 0);
  return { activities, edges, cases, events: activities.reduce((s, a) => s + a.events, 0) };
}

const seconds = (q: { median?: number; p90?: number }) => ({
  ...(q.median !== undefined ? { medianS: q.median / 1000 } : {}),
  ...(q.p90 !== undefined ? { p90S: q.p90 / 1000 } : {}),
});

interface EdgeTally { count: number; durations: number[] }
interface ActivityTally { events: number; lanes: Map<string, number>; durations: number[] }

/** Builds the graph from the events of each case in order: `event` for every event, `caseEnd` after a case's last one. */
export class DfgBuilder {
  private readonly edges = new Map<string | undefined, Map<string | undefined, EdgeTally>>();
  private readonly activities = new Map<string, ActivityTally>();

  /** @param hasEnd the log has end timestamps: a step's own time is end − start (else the wait before it). */
  constructor(private readonly hasEnd: boolean) {}

  private edge(from: string | undefined, to: string | undefined): EdgeTally {
    let row = this.edges.get(from);
    if (!row) this.edges.set(from, (row = new Map()));
    let tally = row.get(to);
    if (!tally) row.set(to, (tally = { count: 0, durations: [] }));
    return tally;
  }

  event(e: LogEvent, previous: LogEvent | undefined): void {
    let a = this.activities.get(e.activity);
    if (!a) this.activities.set(e.activity, (a = { events: 0, lanes: new Map(), durations: [] }));
    a.events++;
    if (e.lane !== undefined) a.lanes.set(e.lane, (a.lanes.get(e.lane) ?? 0) + 1);
    const edge = this.edge(previous?.activity, e.activity);
    edge.count++;
    if (previous) edge.durations.push(e.start - previous.end);
    if (this.hasEnd) a.durations.push(e.end - e.start);
    else if (previous) a.durations.push(e.start - previous.end);
  }

  caseEnd(last: LogEvent): void {
    this.edge(last.activity, undefined).count++;
  }

  result(): Dfg {
    const activities: DfgActivity[] = [...this.activities].map(([name, a]) => ({
      name, events: a.events, ...(a.lanes.size ? { lane: majorityLane(a.lanes) } : {}), ...seconds(medianAndP90(Float64Array.from(a.durations))),
    }));
    const edges: DfgEdge[] = [];
    for (const [from, row] of this.edges) {
      for (const [to, t] of row) edges.push({ ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), count: t.count, ...seconds(medianAndP90(Float64Array.from(t.durations))) });
    }
    return ordered(activities, edges);
  }
}

/** One row of the SQL result (see sql.ts) or of a `--dfg` file; kind defaults to edge. */
export interface DfgRow {
  kind: 'edge' | 'activity' | 'lane';
  from?: string;
  to?: string;
  lane?: string;
  cases: number;
  ends?: number;
  medianS?: number;
  p90S?: number;
  busyMedianS?: number;
  busyP90S?: number;
}

const timing = (median?: number, p90?: number) => ({ ...(median !== undefined ? { medianS: median } : {}), ...(p90 !== undefined ? { p90S: p90 } : {}) });

/**
 * The graph from result rows. Edge rows carry the pairs (an empty `from` is a start, an empty `to`
 * an end); activity rows the events, ends and step times; lane rows the events per lane. A file of
 * edge rows alone (a warehouse's own query, PM4Py's output) works too: each activity's events are
 * then the edges entering it.
 */
export function dfgFromRows(rows: readonly DfgRow[]): Dfg {
  const edges: DfgEdge[] = [];
  const activities = new Map<string, DfgActivity>();
  const votes = new Map<string, Map<string, number>>();
  const entering = new Map<string, number>();
  for (const r of rows) {
    if (r.kind === 'edge') {
      edges.push({ ...(r.from !== undefined ? { from: r.from } : {}), ...(r.to !== undefined ? { to: r.to } : {}), count: r.cases, ...timing(r.medianS, r.p90S) });
      if (r.to !== undefined) entering.set(r.to, (entering.get(r.to) ?? 0) + r.cases);
    } else if (r.kind === 'activity' && r.to !== undefined) {
      const busy = r.busyMedianS !== undefined || r.busyP90S !== undefined;
      activities.set(r.to, { name: r.to, events: r.cases, ...(busy ? timing(r.busyMedianS, r.busyP90S) : timing(r.medianS, r.p90S)) });
      if (r.ends) edges.push({ from: r.to, count: r.ends });
    } else if (r.kind === 'lane' && r.to !== undefined && r.lane !== undefined) {
      if (!votes.has(r.to)) votes.set(r.to, new Map());
      votes.get(r.to)!.set(r.lane, r.cases);
    }
  }
  for (const [name, events] of entering) if (!activities.has(name)) activities.set(name, { name, events });
  for (const [name, v] of votes) {
    const a = activities.get(name);
    if (a) a.lane = majorityLane(v);
  }
  return ordered([...activities.values()].map(({ name, events, lane, ...t }) => ({ name, events, ...(lane !== undefined ? { lane } : {}), ...t })), edges);
}
