import { describe, expect, it, vi } from 'vitest';
import { FLOW } from './helpers.js';

/*
 * The render thread's entry (src/server/render-worker.ts) run in this process: node:worker_threads
 * is replaced by a stand-in parentPort, so its warm-up, its ready message and its answers are
 * observed directly (the pool runs the built file on real threads; that code does not count here).
 */

const port = vi.hoisted(() => {
  // A MessagePort as far as the worker uses one: on('message'), postMessage; plus what the test needs.
  type Fn = (m: any) => void;
  const on: Record<string, Fn[]> = {};
  const p = {
    sent: [] as unknown[],
    on(event: string, fn: Fn) { (on[event] ??= []).push(fn); return p; },
    once(event: string, fn: Fn) { const wrap: Fn = (m) => { on[event] = on[event].filter((f) => f !== wrap); fn(m); }; return p.on(event, wrap); },
    emit(event: string, m: unknown) { for (const fn of [...(on[event] ?? [])]) fn(m); },
    postMessage(m: unknown) { p.sent.push(m); p.emit('posted', m); },
  };
  return p;
});
vi.mock('node:worker_threads', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:worker_threads')>()), parentPort: port }));

const next = () => new Promise<any>((resolve) => port.once('posted', resolve));

describe('the render worker entry', () => {
  it('warms up, says ready, then answers each job by id with its outcome and render time', async () => {
    await import('../../src/server/render-worker.js');
    expect(port.sent).toEqual([{ ready: true }]);
    let reply = next();
    port.emit('message', { id: 7, job: { source: FLOW, diagramType: 'journeyflow', format: 'mmd', scale: 1, limits: {} } });
    const ok = await reply;
    expect(ok.id).toBe(7);
    expect(ok.outcome.ok).toBe(true);
    expect(ok.outcome.body).toMatch(/^%% 客户售后服务流程 \(journeyflow diagram\)\nflowchart /);
    expect(typeof ok.outcome.renderMs).toBe('number');
    reply = next();
    port.emit('message', { id: 8, job: { source: 'kind: flow\n', diagramType: 'journeyflow', format: 'svg', scale: 1, limits: {} } });
    const refused = await reply;
    expect(refused).toMatchObject({ id: 8, outcome: { ok: false } });
    expect(refused.outcome.message).toMatch(/^journeyflow found \d+ errors? in the diagram\n<input>:/);
    // A job that makes the renderer throw (no source at all) is a failure message, not a dead thread.
    reply = next();
    port.emit('message', { id: 9, job: { diagramType: 'journeyflow', format: 'svg', scale: 1, limits: {} } });
    const failed = await reply;
    expect(failed.id).toBe(9);
    expect(typeof failed.failure).toBe('string');
    expect(failed.outcome).toBeUndefined();
  });
});
