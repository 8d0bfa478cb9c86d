import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderOutcome } from './protocol.js';

/*
 * A fixed number of render threads, each doing one job at a time, and a queue in front. A job
 * that runs over the time limit ends its thread (a layout cannot be interrupted any other way) and
 * a fresh, warmed-up thread takes its place; so does a thread that dies (say, out of memory). A job
 * that waits in the queue longer than the time limit is refused, so a wait is bounded too.
 * The jobs are `journeyflow server`'s Kroki requests by default; `serve` runs its previews on the
 * same pool with a worker of its own (preview-worker.ts).
 */

export class RenderTimeout extends Error {}
export class QueueTimeout extends Error {}
export class WorkerFailure extends Error {}

export interface PoolOptions {
  threads: number;
  /** Most milliseconds for one job on a thread, and for one wait in the queue. */
  timeoutMs: number;
  /** Heap of one thread; a job that needs more ends its thread, not the server. */
  maxHeapMb?: number;
  /** The worker entry module (tests may pass another). */
  workerUrl?: URL;
}

interface Pending<Job, Outcome> {
  job: Job;
  resolve: (outcome: Outcome) => void;
  reject: (err: Error) => void;
  queuedTimer?: NodeJS.Timeout;
}

interface Slot<Job, Outcome> {
  worker: Worker;
  /** starting: warming up; ready: takes jobs; ending: ended for running over, about to exit. */
  state: 'starting' | 'ready' | 'ending';
  /** Fails the start of a thread that ends before it is ready. */
  failStart?: (err: Error) => void;
  task?: Pending<Job, Outcome> & { id: number; timer: NodeJS.Timeout };
}

/**
 * A compiled worker entry of this folder (`render-worker`, `preview-worker`): beside this module
 * (dist/server/), from the CLI bundle in dist/cli/, or, for code run from the sources (tests), the
 * one built in dist/.
 */
export function defaultWorkerUrl(entry = 'render-worker'): URL {
  const candidates = [`../server/${entry}.js`, `../../dist/server/${entry}.js`].map((p) => new URL(p, import.meta.url));
  return candidates.find((u) => fs.existsSync(u)) ?? candidates[0];
}

export class RenderPool<Job = RenderJob, Outcome = RenderOutcome> {
  private readonly slots: Array<Slot<Job, Outcome>> = [];
  private readonly queue: Array<Pending<Job, Outcome>> = [];
  private nextId = 0;
  private closed = false;
  /** Threads ended or lost, and replaced (a metric). */
  restarts = 0;

  /** Threads warmed up and taking jobs (a replacement is not counted until it is ready). */
  get readyThreads(): number {
    return this.slots.filter((s) => s.state === 'ready').length;
  }

  constructor(private readonly options: PoolOptions) {}

  /** Starts every thread and resolves when all have warmed up. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.threads }, () => this.spawn()));
  }

  /** Threads the pool keeps (as many jobs run at once). */
  get threads(): number {
    return this.options.threads;
  }

  run(job: Job): Promise<Outcome> {
    if (this.closed) return Promise.reject(new WorkerFailure('the render pool is closed'));
    return new Promise((resolve, reject) => {
      const pending: Pending<Job, Outcome> = { job, resolve, reject };
      pending.queuedTimer = setTimeout(() => {
        const at = this.queue.indexOf(pending);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new QueueTimeout(`waited ${this.options.timeoutMs} ms for a free render thread`));
      }, this.options.timeoutMs);
      this.queue.push(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) { clearTimeout(p.queuedTimer); p.reject(new WorkerFailure('the server is shutting down')); }
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Promise<void> {
    const worker = new Worker(this.options.workerUrl ?? defaultWorkerUrl(), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    });
    const slot: Slot<Job, Outcome> = { worker, state: 'starting' };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      slot.failStart = reject;
      worker.on('message', (m: { ready?: true; id?: number; outcome?: Outcome; failure?: string }) => {
        if (m.ready) { slot.state = 'ready'; resolve(); this.dispatch(); return; }
        this.finish(slot, m.id!, (p) => (m.outcome ? p.resolve(m.outcome) : p.reject(new WorkerFailure(m.failure ?? 'render failed'))));
      });
      worker.on('error', (err) => this.lose(slot, `the render thread failed: ${err.message}`));
      worker.on('exit', () => this.lose(slot, 'the render thread stopped'));
    });
  }

  private finish(slot: Slot<Job, Outcome>, id: number, settle: (p: Pending<Job, Outcome>) => void): void {
    const task = slot.task;
    if (!task || task.id !== id) return;
    clearTimeout(task.timer);
    slot.task = undefined;
    settle(task);
    this.dispatch();
  }

  /** A thread that ended: its job fails, and another thread takes its place (unless closing). */
  private lose(slot: Slot<Job, Outcome>, reason: string): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    const starting = slot.state === 'starting';
    if (starting) slot.failStart?.(new WorkerFailure(`${reason} while starting`));
    if (slot.task) { clearTimeout(slot.task.timer); slot.task.reject(new WorkerFailure(reason)); slot.task = undefined; }
    if (this.closed) return;
    this.restarts++;
    // A thread that dies before it is ready would die again at once; a pause keeps that from spinning.
    setTimeout(() => { if (!this.closed) this.spawn().catch(() => {}); }, starting ? 1000 : 0).unref();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.state !== 'ready' || slot.task || this.queue.length === 0) continue;
      const pending = this.queue.shift()!;
      clearTimeout(pending.queuedTimer);
      const id = this.nextId++;
      const timer = setTimeout(() => this.overrun(slot, id), this.options.timeoutMs);
      slot.task = { ...pending, id, timer };
      slot.worker.postMessage({ id, job: pending.job });
    }
  }

  private overrun(slot: Slot<Job, Outcome>, id: number): void {
    const task = slot.task;
    if (!task || task.id !== id) return;
    slot.task = undefined;
    slot.state = 'ending';
    task.reject(new RenderTimeout(`the diagram took longer than the time limit of ${this.options.timeoutMs} ms and was stopped`));
    void slot.worker.terminate();
  }
}
