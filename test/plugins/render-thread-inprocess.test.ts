import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareBlock, type DrawJob } from '../../src/plugins/shared/block.js';
import { resolveOptions, type ResolvedOptions } from '../../src/plugins/shared/options.js';
import { BROKEN, REPAIR, site } from './inprocess-fixtures.js';

/*
 * Both ends of the markdown-it plugin's render thread, in this process.
 * - sync.ts (the waiting side) starts its thread from render-worker.js beside it, which exists in
 *   dist/ only; here the Worker is a real thread running a small stand-in that speaks the same
 *   protocol, so the blocking wait, the reply on the port, and the failure paths are real.
 * - render-worker.ts (the thread's side) is imported here with a stand-in for its port, so its
 *   drawing (real drawBlock), its replies and the shared flag it raises are observed directly.
 */
const h = vi.hoisted(() => {
  type Fn = (m: any) => void;
  const on: Fn[] = [];
  const port = {
    sent: [] as unknown[],
    on(event: string, fn: Fn) { if (event === 'message') on.push(fn); return port; },
    emit(m: unknown) { for (const fn of on) fn(m); },
    waiters: [] as Fn[],
    postMessage(m: unknown) { port.sent.push(m); for (const w of port.waiters.splice(0)) w(m); },
  };
  return { port, started: [] as string[] };
});

const STAND_IN = `
const { workerData } = require('node:worker_threads');
const port = workerData.port;
const done = (signal) => { Atomics.store(signal, 0, 1); Atomics.notify(signal, 0); };
port.on('message', ({ signal, job, options }) => {
  if (job.source === 'silent') return done(signal);
  port.postMessage({ result: { html: '<p>' + job.fence.line + ' ' + options.strategy + '</p>', warnings: [], files: [] } });
  done(signal);
});`;

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class StandInWorker extends real.Worker {
    constructor(url: URL | string, options: import('node:worker_threads').WorkerOptions) {
      h.started.push(String(url));
      super(STAND_IN, { ...options, eval: true });
    }
  }
  return { ...real, Worker: StandInWorker, workerData: { port: h.port } };
});

const { drawBlockSync } = await import('../../src/plugins/shared/sync.js');
afterEach(() => { vi.restoreAllMocks(); });

const job = (source: string, line = 4): DrawJob => ({ source, display: 'page.md', lineShift: 0, fence: { file: 'page.md', line, column: 1 }, key: `k${line}` });
const options = (): ResolvedOptions => resolveOptions({ root: '/site', cache: false, strategy: 'img-svg' });

describe('drawBlockSync (the waiting side)', () => {
  it('starts one thread from render-worker.js beside it, blocks until the reply, and reuses the thread', () => {
    expect(drawBlockSync(job(REPAIR, 4), options())).toEqual({ result: { html: '<p>4 img-svg</p>', warnings: [], files: [] } });
    expect(drawBlockSync(job(REPAIR, 9), options())).toEqual({ result: { html: '<p>9 img-svg</p>', warnings: [], files: [] } });
    expect(h.started).toHaveLength(1);
    expect(h.started[0]).toMatch(/\/src\/plugins\/shared\/render-worker\.js$/);
  });

  it('a thread that raises the flag without an answer, and one that never answers, are crashes', () => {
    expect(drawBlockSync(job('silent'), options())).toEqual({ crash: 'journeyflow: the render thread answered nothing' });
    // The wait running out (300 s in real life) is simulated; the stuck thread is replaced.
    vi.spyOn(Atomics, 'wait').mockReturnValueOnce('timed-out');
    expect(drawBlockSync(job(REPAIR, 12), options())).toEqual({ crash: 'journeyflow: the render thread gave no answer within 300 s for the block at page.md:12' });
    const before = h.started.length;
    expect(drawBlockSync(job(REPAIR, 13), options()).result?.html).toBe('<p>13 img-svg</p>');
    expect(h.started.length).toBe(before + 1);
  });
});

describe('render-worker.ts (the thread side)', () => {
  const ask = async (request: { job: DrawJob; options: ResolvedOptions }) => {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const reply = new Promise<any>((resolve) => h.port.waiters.push(resolve));
    h.port.emit({ signal, ...request });
    const answer = await reply;
    // The flag is raised after the answer is posted (the waiting side reads the port then).
    await vi.waitFor(() => expect(Atomics.load(signal, 0)).toBe(1));
    return answer;
  };

  it('draws each request with drawBlock and answers result, error, or the stack of a crash', async () => {
    await import('../../src/plugins/shared/render-worker.js');
    const s = site();
    const o = resolveOptions({ ...s.options, cache: false });
    const prepared = (code: string, line: number) => {
      const p = prepareBlock({ code, meta: '', markdownFile: s.file, line, column: 1 }, o);
      if (!('job' in p)) throw new Error('expected a job');
      return p.job;
    };
    const ok = await ask({ job: prepared(REPAIR, 1), options: o });
    expect(ok.result.html).toMatch(/^<div class="jf-block jf-inline" data-journeyflow="page" [^>]*><svg data-jf-theme="light"/);
    const bad = await ask({ job: prepared(BROKEN, 5), options: o });
    expect(bad.error.message).toMatch(/page\.md:9:11 error \[unreachable-node\]/);
    const crash = await ask({ job: { ...prepared(REPAIR, 1), source: undefined as unknown as string }, options: o });
    expect(crash.crash).toMatch(/Error/);
    expect(crash.crash).toMatch(/\n\s+at /);
  });
});
