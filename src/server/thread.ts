import { isMainThread, parentPort } from 'node:worker_threads';

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
  useEnvironmentSnapshot();
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

/**
 * The yaml parser reads `process.env.LOG_TOKENS` once per token (~1 300 for the retail journey).
 * In a thread each read goes through Node's environment store (~0.2 µs), about 8 % of a journey's
 * render; a plain object answers in nanoseconds. A thread's environment is already its own copy,
 * taken when it starts, so a plain copy of it changes nothing else. Only in a thread (the main
 * thread's environment is the process's), and not on Windows, where names are case-insensitive
 * and a plain object's are not.
 */
function useEnvironmentSnapshot(): void {
  if (!isMainThread && process.platform !== 'win32') process.env = { ...process.env };
}
