import { workerData, type MessagePort } from 'node:worker_threads';
import { drawBlock } from './draw.js';
import type { DrawReply, DrawRequest } from './sync.js';

/** The render thread of the markdown-it plugin (see sync.ts): draws one block per request, in order. */
const port = (workerData as { port: MessagePort }).port;
let chain = Promise.resolve();

port.on('message', (request: DrawRequest) => {
  chain = chain.then(async () => {
    let reply: DrawReply;
    try {
      reply = await drawBlock(request.job, request.options);
    } catch (err) {
      // A bug, not bad input (bad input comes back as `error`): keep the stack for the report.
      reply = { crash: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    port.postMessage(reply);
    Atomics.store(request.signal, 0, 1);
    Atomics.notify(request.signal, 0);
  });
});
