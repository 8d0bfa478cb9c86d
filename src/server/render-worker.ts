import { parentPort } from 'node:worker_threads';
import { renderJob } from './render-task.js';
import type { RenderJob } from './protocol.js';

/*
 * Entry of one render worker thread (see pool.ts). It warms up first (ELK's code, the text
 * metrics, resvg and the fonts), so the first request pays no start-up; then it renders one job
 * at a time. The pool ends the thread when a job runs over the time limit.
 */

const WARM_UP_SOURCE = `kind: flow
lanes: [{ id: a, label: 客户 }, { id: b, label: Service }]
nodes:
  - { id: s, type: start, label: 开始, lane: a }
  - { id: d, type: decision, label: OK?, lane: b }
  - { id: e, type: end, label: 结束, lane: a }
edges: [s -> d, { from: d, to: e, label: 是 }, { from: d, to: s, label: 否 }]
`;

async function warmUp(): Promise<void> {
  for (const format of ['svg', 'png', 'mmd', 'txt'] as const) {
    const outcome = await renderJob({ source: WARM_UP_SOURCE, diagramType: 'journeyflow', format, scale: 1, limits: {} });
    if (!outcome.ok) throw new Error(`warm-up render failed: ${outcome.message}`);
  }
}

const port = parentPort!;
await warmUp();
port.on('message', async ({ id, job }: { id: number; job: RenderJob }) => {
  try {
    const started = performance.now();
    const outcome = await renderJob(job);
    port.postMessage({ id, outcome: { ...outcome, renderMs: performance.now() - started } });
  } catch (err) {
    port.postMessage({ id, failure: (err as Error)?.message ?? String(err) });
  }
});
port.postMessage({ ready: true });
