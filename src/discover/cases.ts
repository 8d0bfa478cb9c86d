/**
 * Turning events in file order into each case's events in time order, for the JavaScript passes.
 * Most exported logs list a case's events in time order (sorted by case, or by time): CaseStream
 * then needs only each case's last event. When an event comes earlier than one already seen for its
 * case, the pass starts over with CaseBuffer, which keeps every event in typed columns (about 30
 * bytes an event) and sorts each case by time, ties in file order (as PM4Py's stable sort does).
 */
import { DfgBuilder, type Dfg, type LogEvent } from './dfg.js';

/** The events of one case, stably sorted by start, fed to the builder. */
export function feedCase(builder: DfgBuilder, events: LogEvent[]): void {
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) sorted = events[i].start >= events[i - 1].start;
  if (!sorted) events.sort((a, b) => a.start - b.start); // Array.prototype.sort is stable
  events.forEach((e, i) => builder.event(e, events[i - 1]));
  builder.caseEnd(events[events.length - 1]);
}

export class OutOfOrder extends Error {}

export interface CaseSink {
  add(caseId: string, event: LogEvent): void;
  finish(): Dfg;
}

/** Streaming: pairs are counted as events arrive; throws OutOfOrder when a case goes back in time. */
export class CaseStream implements CaseSink {
  private readonly last = new Map<string, LogEvent>();
  private readonly builder: DfgBuilder;
  constructor(hasEnd: boolean) { this.builder = new DfgBuilder(hasEnd); }

  add(caseId: string, event: LogEvent): void {
    const previous = this.last.get(caseId);
    if (previous && event.start < previous.start) throw new OutOfOrder();
    this.builder.event(event, previous);
    this.last.set(caseId, event);
  }

  finish(): Dfg {
    for (const e of this.last.values()) this.builder.caseEnd(e);
    return this.builder.result();
  }
}

/** A growable typed column. */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Interns strings as small integers. */
class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) { i = this.list.length; this.index.set(name, i); this.list.push(name); }
    return i;
  }
}

/** Buffered: every event in columns, grouped by case (counting sort, stable) and replayed case by case. */
export class CaseBuffer implements CaseSink {
  private readonly cases = new Names();
  private readonly activities = new Names();
  private readonly lanes = new Names();
  private readonly caseOf = new Column(new Int32Array(1024));
  private readonly activityOf = new Column(new Int32Array(1024));
  private readonly laneOf = new Column(new Int32Array(1024));
  private readonly starts = new Column(new Float64Array(1024));
  private readonly ends = new Column(new Float64Array(1024));
  constructor(private readonly hasEnd: boolean) {}

  add(caseId: string, e: LogEvent): void {
    this.caseOf.push(this.cases.of(caseId));
    this.activityOf.push(this.activities.of(e.activity));
    this.laneOf.push(e.lane === undefined ? -1 : this.lanes.of(e.lane));
    this.starts.push(e.start);
    this.ends.push(e.end);
  }

  finish(): Dfg {
    const n = this.caseOf.length;
    const caseCount = this.cases.list.length;
    const first = new Int32Array(caseCount + 1);
    for (let i = 0; i < n; i++) first[this.caseOf.data[i] + 1]++;
    for (let c = 0; c < caseCount; c++) first[c + 1] += first[c];
    const order = new Int32Array(n);
    const fill = first.slice(0, caseCount);
    for (let i = 0; i < n; i++) order[fill[this.caseOf.data[i]]++] = i;
    const builder = new DfgBuilder(this.hasEnd);
    for (let c = 0; c < caseCount; c++) {
      const events: LogEvent[] = [];
      for (let k = first[c]; k < first[c + 1]; k++) events.push(this.eventAt(order[k]));
      feedCase(builder, events);
    }
    return builder.result();
  }

  private eventAt(i: number): LogEvent {
    const lane = this.laneOf.data[i];
    return { activity: this.activities.list[this.activityOf.data[i]], ...(lane >= 0 ? { lane: this.lanes.list[lane] } : {}), start: this.starts.data[i], end: this.ends.data[i] };
  }
}
