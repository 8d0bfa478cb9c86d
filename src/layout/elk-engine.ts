import { createRequire } from 'node:module';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { loadCommonJs } from '../runtime/code-cache.js';

/*
 * elkjs, driven synchronously. On Node its API wraps the GWT-compiled layouter
 * (`elk-worker.min.js`) in a fake web worker that answers through two setTimeout(0) hops per call
 * (≥ 2 ms of idle time each) and registers nine algorithms at start; we only use `layered`. Here
 * the fake worker's dispatcher is called directly: same code, same results, no timers. This
 * module imports nothing but Node built-ins, so the layout thread (elk-thread.ts) loads it alone.
 */

const require = createRequire(import.meta.url);

/** A laid-out copy of the graph, synchronously. Throws ELK's own error (e.g. a RangeError on very deep graphs). */
export type LayoutSync = (graph: ElkNode) => ElkNode;

interface FakeWorker {
  onmessage: (message: { data: { error?: unknown; data?: ElkNode } }) => void;
  dispatcher: { saveDispatch(message: { data: Record<string, unknown> }): void };
}

/** elkjs' GWT-compiled layouter (1.6 MB), through a V8 code cache (see runtime/code-cache.ts). */
function loadLayouter(): { Worker: new () => FakeWorker; cache: { needsCache: boolean; saveCodeCache(): void } } {
  const cache = loadCommonJs(require.resolve('elkjs/lib/elk-worker.min.js'), require);
  return { Worker: cache.exports.Worker, cache };
}

/**
 * Graphs that run every ELK code path journeyflow uses (each preset, labels, a cycle, every
 * direction), laid out once before a new code cache is written so that the cache holds all the
 * functions later builds need, not only those of the first diagram.
 */
function warmUpGraphs(presets: Array<Record<string, string>>): ElkNode[] {
  const children = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, width: 80, height: 40 }));
  const edge = (id: string, s: string, t: string, label?: boolean) => ({ id, sources: [s], targets: [t], labels: label ? [{ id: `${id}l`, text: ' ', width: 30, height: 14 }] : [] });
  return presets.map((layoutOptions, i) => ({
    id: `warm${i}`,
    layoutOptions,
    children: children.map((c) => ({ ...c })),
    edges: [edge('1', 'a', 'b'), edge('2', 'b', 'c', true), edge('3', 'b', 'd'), edge('4', 'c', 'e'), edge('5', 'd', 'e', true), edge('6', 'e', 'b', true)],
  }));
}

/**
 * Creates the synchronous layouter. `presets` are the option sets the diagram kinds use, laid out
 * once only when a new code cache is being written.
 */
export function createLayoutSync(presets: Array<Record<string, string>>): LayoutSync {
  const { Worker, cache } = loadLayouter();
  const worker = new Worker();
  let answer: { error?: unknown; data?: ElkNode } = {};
  worker.onmessage = (message) => { answer = message.data; };
  let id = 0;
  const send = (data: Record<string, unknown>): ElkNode => {
    answer = {};
    worker.dispatcher.saveDispatch({ data: { id: id++, ...data } });
    if (answer.error !== undefined) throw answer.error;
    return answer.data!;
  };
  send({ cmd: 'register', algorithms: ['layered'] });
  const layout: LayoutSync = (graph) => send({ cmd: 'layout', graph, layoutOptions: {}, options: {} });
  if (cache.needsCache) {
    for (const g of warmUpGraphs(presets)) layout(g);
    cache.saveCodeCache();
  }
  return layout;
}
