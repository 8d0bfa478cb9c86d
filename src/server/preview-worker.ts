import { renderPreview, type PreviewJob } from './preview-task.js';
import { serveJobs, WARM_UP_SOURCE } from './thread.js';

/*
 * Entry of one preview thread of `journeyflow serve` (see pool.ts): warmed up on a small flow (ELK's
 * code, the text metrics), then one preview at a time. The pool ends the thread when a preview
 * runs over serve's time limit; the page then says so.
 */

async function warmUp(): Promise<void> {
  const outcome = await renderPreview({ text: WARM_UP_SOURCE, file: '<warm-up>', absPath: '/warm-up.flow.yaml', root: '/', links: new Map() });
  if (!outcome.svgs.length) throw new Error(`warm-up preview failed: ${outcome.problems}`);
}

await serveJobs(warmUp, renderPreview);
