import { parentPort } from 'node:worker_threads';
import { createLayoutSync } from './elk-engine.js';

/*
 * Entry of the deep-stack layout thread (see deep-stack.ts): ELK alone. Errors go back by name
 * and message (GWT's exception objects do not survive structured cloning).
 */
const layout = createLayoutSync();

parentPort!.on('message', ({ graph }) => {
  try {
    parentPort!.postMessage({ graph: layout(graph) });
  } catch (err) {
    parentPort!.postMessage({ error: { name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) } });
  }
});
