import { renderJob } from './render-task.js';
import type { RenderJob } from './protocol.js';
import { serveJobs, WARM_UP_SOURCE } from './thread.js';

/*
 * Entry of one render worker thread of `journeyflow server` (see pool.ts). It warms up first (ELK's
 * code, the text metrics, resvg and the fonts), so the first request pays no start-up; then it
 * renders one job at a time. The pool ends the thread when a job runs over the time limit.
 */

async function warmUp(): Promise<void> {
  for (const format of ['svg', 'png', 'mmd', 'txt'] as const) {
    const outcome = await renderJob({ source: WARM_UP_SOURCE, diagramType: 'journeyflow', format, scale: 1, limits: {} });
    if (!outcome.ok) throw new Error(`warm-up render failed: ${outcome.message}`);
  }
}

await serveJobs(warmUp, async (job: RenderJob) => {
  const started = performance.now();
  const outcome = await renderJob(job);
  return { ...outcome, renderMs: performance.now() - started };
});
