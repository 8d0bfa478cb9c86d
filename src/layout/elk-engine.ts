import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
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

/**
 * True when the graph's top level is one connected component (and flat, with edges between its
 * children). ELK finds components with a recursive depth-first search, one stack frame per node
 * of a chain: a 5 000-node flow overflows Node's default stack there before any layout starts.
 * A graph that is one component gains nothing from that split (ELK lays out the single component
 * at offset 0 and the result is identical), so for it the split is switched off. Iterative here.
 */
export function isOneComponent(graph: ElkNode): boolean {
  const children = graph.children ?? [];
  if (children.length < 2 || children.some((c) => c.children?.length || c.ports?.length)) return false;
  const index = new Map(children.map((c, i) => [c.id, i]));
  const parent = children.map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; };
  let components = children.length;
  for (const e of graph.edges ?? []) {
    const ends = [...(e.sources ?? []), ...(e.targets ?? [])].map((id) => index.get(id));
    if (ends.some((i) => i === undefined)) return false; // leave ELK to report or handle it as usual
    for (const i of ends.slice(1)) {
      const a = find(ends[0]!);
      const b = find(i!);
      if (a !== b) { parent[a] = b; components--; }
    }
  }
  return components === 1;
}

const ONE_COMPONENT = { 'elk.separateConnectedComponents': 'false' };

/**
 * Creates the synchronous layouter: elkjs' GWT-compiled layouter (1.6 MB) loaded through a V8 code
 * cache (see runtime/code-cache.ts). On the main thread the CLI writes a missing cache after its
 * output (saveCodeCaches); a worker thread has no such moment and writes it after its first layout.
 */
export function createLayoutSync(): LayoutSync {
  const cache = loadCommonJs(require.resolve('elkjs/lib/elk-worker.min.js'), require);
  const worker: FakeWorker = new cache.exports.Worker();
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
  return (graph) => {
    // Global options: the graph's own layoutOptions still win, and the returned graph carries only its own.
    const out = send({ cmd: 'layout', graph, layoutOptions: isOneComponent(graph) ? ONE_COMPONENT : {}, options: {} });
    if (!isMainThread) cache.saveCodeCache();
    return out;
  };
}
