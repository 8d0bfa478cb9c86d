import { parentPort } from 'node:worker_threads';

/** What a thread draws while warming up: a small flow with lanes, Chinese and English text, a decision and a loop. */
export const WARM_UP_SOURCE = `kind: flow
lanes: [{ id: a, label: 客户 }, { id: b, label: Service }]
nodes:
  - { id: s, type: start, label: 开始, lane: a }
  - { id: d, type: decision, label: OK?, lane: b }
  - { id: e, type: end, label: 结束, lane: a }
edges: [s -> d, { from: d, to: e, label: 是 }, { from: d, to: s, label: 否 }]
`;

/*
 * The life of one pool thread (see pool.ts), shared by every worker entry of this folder: warm up,
 * say ready, then run one job at a time and answer it by its id. A job that throws is answered with
 * its message: the pool fails that job, and the thread stays.
 */
export async function serveJobs<Job, Outcome>(warmUp: () => Promise<void>, run: (job: Job) => Promise<Outcome>): Promise<void> {
  const port = parentPort!;
  await warmUp();
  port.on('message', async ({ id, job }: { id: number; job: Job }) => {
    try {
      port.postMessage({ id, outcome: await run(job) });
    } catch (err) {
      port.postMessage({ id, failure: (err as Error)?.message ?? String(err) });
    }
  });
  port.postMessage({ ready: true });
}
