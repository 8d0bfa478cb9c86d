import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { LayoutTooComplexError } from './budget.js';

/** Heap of a budgeted layout thread (see budget.ts). */
const LAYOUT_HEAP_MB = 1024;

/** Enough stack for ELK's recursion over chains of tens of thousands of nodes. */
const DEEP_STACK_MB = 256;

/**
 * The thread's entry: the one-file build of elk-thread.ts that scripts/bundle.mjs writes beside
 * the compiled modules (the path holds from dist/layout/ and from the CLI bundle in dist/cli/),
 * else the compiled module itself; code run from the sources (tests) uses the built one in dist/.
 */
function entry(): URL {
  const candidates = ['../layout/elk-thread.cjs', '../layout/elk-thread.js', '../../dist/layout/elk-thread.cjs'].map((p) => new URL(p, import.meta.url));
  return candidates.find((u) => fs.existsSync(u)) ?? candidates[0];
}

/**
 * Lays out one graph on a thread of its own with a deep stack; same code, options and seed, so the
 * same result. With `timeoutMs` the thread is stopped at that wall-clock limit and the layout
 * refused as too complex.
 */
export function layoutOnDeepStack(graph: ElkNode, timeoutMs?: number): Promise<ElkNode> {
  return new Promise((resolve, reject) => {
    // A budgeted layout also gets a heap of its own: running out of it refuses the diagram instead of killing the process.
    const worker = new Worker(entry(), { resourceLimits: { stackSizeMb: DEEP_STACK_MB, ...(timeoutMs === undefined ? {} : { maxOldGenerationSizeMb: LAYOUT_HEAP_MB }) } });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      void worker.terminate();
      reject(new LayoutTooComplexError(`the layout ran past its limit of ${timeoutMs / 1000} s; remove edges, above all those that jump far back or ahead, or split the diagram into subprocesses`));
    }, timeoutMs);
    worker.once('message', (m: { graph?: ElkNode; error?: { name: string; message: string } }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.graph) resolve(m.graph);
      else reject(m.error?.name === 'RangeError' ? new RangeError(m.error.message) : new Error(m.error?.message ?? 'layout failed'));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      reject(outOfMemory ? new LayoutTooComplexError(`the layout needed more than ${LAYOUT_HEAP_MB} MB; remove edges or split the diagram into subprocesses`) : err);
    });
    worker.postMessage({ graph });
  });
}
