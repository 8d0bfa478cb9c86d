/**
 * Counters and a latency histogram in Prometheus' text exposition format (version 0.0.4), kept in
 * memory by this process; each replica reports its own.
 */

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Outcome = 'rendered' | 'cached' | 'not_modified' | 'diagnostics' | 'bad_request' | 'too_large' | 'timeout' | 'overloaded' | 'internal' | 'service';

export interface Gauges {
  inFlight: number;
  cacheBytes: number;
  cacheEntries: number;
  workerRestarts: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly outcomes = new Map<Outcome, number>();
  private readonly bucketCounts = BUCKETS.map(() => 0);
  private latencyCount = 0;
  private latencySum = 0;
  cacheHits = 0;
  cacheMisses = 0;

  /** One answered request: its status, what became of it, and how long it took. */
  observe(status: number, outcome: Outcome, seconds: number): void {
    const code = String(status);
    this.requests.set(code, (this.requests.get(code) ?? 0) + 1);
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.latencyCount++;
    this.latencySum += seconds;
    BUCKETS.forEach((le, i) => { if (seconds <= le) this.bucketCounts[i]++; });
  }

  render(g: Gauges): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('journeyflow_http_requests_total', 'counter', 'HTTP requests answered, by status code.');
    for (const [code, n] of [...this.requests].sort()) lines.push(`journeyflow_http_requests_total{code="${code}"} ${n}`);
    family('journeyflow_requests_total', 'counter', 'Diagram requests by outcome (rendered, cached, not_modified, or why not).');
    for (const [outcome, n] of [...this.outcomes].sort()) lines.push(`journeyflow_requests_total{outcome="${outcome}"} ${n}`);
    family('journeyflow_request_errors_total', 'counter', 'Requests answered with a status of 400 or above.');
    lines.push(`journeyflow_request_errors_total ${[...this.requests].filter(([c]) => Number(c) >= 400).reduce((s, [, n]) => s + n, 0)}`);
    family('journeyflow_request_duration_seconds', 'histogram', 'Time from a request\'s arrival to its answer.');
    BUCKETS.forEach((le, i) => lines.push(`journeyflow_request_duration_seconds_bucket{le="${le}"} ${this.bucketCounts[i]}`));
    lines.push(`journeyflow_request_duration_seconds_bucket{le="+Inf"} ${this.latencyCount}`);
    lines.push(`journeyflow_request_duration_seconds_sum ${this.latencySum}`, `journeyflow_request_duration_seconds_count ${this.latencyCount}`);
    family('journeyflow_cache_hits_total', 'counter', 'Diagram requests answered from the cache (304s included).');
    lines.push(`journeyflow_cache_hits_total ${this.cacheHits}`);
    family('journeyflow_cache_misses_total', 'counter', 'Diagram requests that needed a render.');
    lines.push(`journeyflow_cache_misses_total ${this.cacheMisses}`);
    family('journeyflow_cache_bytes', 'gauge', 'Bytes held by the response cache.');
    lines.push(`journeyflow_cache_bytes ${g.cacheBytes}`);
    family('journeyflow_cache_entries', 'gauge', 'Responses held by the response cache.');
    lines.push(`journeyflow_cache_entries ${g.cacheEntries}`);
    family('journeyflow_in_flight_requests', 'gauge', 'Diagram requests being read, waiting or rendering.');
    lines.push(`journeyflow_in_flight_requests ${g.inFlight}`);
    family('journeyflow_worker_restarts_total', 'counter', 'Render threads ended (time limit) or lost, and replaced.');
    lines.push(`journeyflow_worker_restarts_total ${g.workerRestarts}`);
    return lines.join('\n') + '\n';
  }
}
