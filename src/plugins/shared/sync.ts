import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { DrawJob } from './block.js';
import type { BlockResult } from './cache.js';
import type { BlockError, ResolvedOptions } from './options.js';

/*
 * markdown-it renders synchronously, but drawing is asynchronous (ELK and the kinds load on
 * demand). So the markdown-it plugin hands each cache miss to one render thread and blocks on a
 * shared flag until the answer is posted: the thread lives as long as the process, so ELK is
 * loaded once and stays warm for every later block. An unchanged rebuild never starts it.
 */

export interface DrawReply { result?: BlockResult; error?: BlockError; crash?: string }
export interface DrawRequest { signal: Int32Array; job: DrawJob; options: ResolvedOptions }

let bridge: { worker: Worker; port: MessagePort } | undefined;

function start(): { worker: Worker; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./render-worker.js', import.meta.url), { workerData: { port: port2 }, transferList: [port2] });
  // Neither the thread nor its port keeps a finished build's process alive.
  worker.unref();
  port1.unref();
  return { worker, port: port1 };
}

/** How long one block may take before the build is told the render thread is stuck. */
const TIMEOUT_MS = 300_000;

/** Draws a prepared block on the render thread and waits for it. */
export function drawBlockSync(job: DrawJob, options: ResolvedOptions): DrawReply {
  bridge ??= start();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const request: DrawRequest = { signal, job, options };
  bridge.port.postMessage(request);
  if (Atomics.wait(signal, 0, 0, TIMEOUT_MS) === 'timed-out') {
    void bridge.worker.terminate();
    bridge = undefined;
    return { crash: `journeyflow: the render thread gave no answer within ${TIMEOUT_MS / 1000} s for the block at ${job.fence.file}:${job.fence.line}` };
  }
  const reply = receiveMessageOnPort(bridge.port);
  return (reply?.message as DrawReply | undefined) ?? { crash: 'journeyflow: the render thread answered nothing' };
}
