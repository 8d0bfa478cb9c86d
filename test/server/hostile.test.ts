import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateFlow } from '../../bench/generate.mjs';
import { FLOW, postText, request, startTestService, type TestService } from './helpers.js';

/*
 * Hostile requests get bounded answers while the service goes on answering others: each case
 * ends with a normal request that must still succeed.
 */

let t: TestService;
const BODY_LIMIT = 256 * 1024;
beforeAll(async () => {
  t = await startTestService({ maxBodyBytes: BODY_LIMIT, maxInFlight: 32, limits: { maxBytes: 1024 * 1024 } });
});
afterAll(async () => { await t.close(); });

/** A distinct, valid flow (the comment keeps it out of the cache). */
const freshFlow = (n: number) => `${FLOW}# request ${n}\n`;

async function stillServes(service: TestService = t): Promise<void> {
  const r = await postText(service.base, '/journeyflow/svg', freshFlow(Math.random()));
  expect(r.status).toBe(200);
  expect(r.text).toMatch(/^<svg /);
}

/** Writes `data` on a raw connection, then waits until the server answers and closes it. */
function rawExchange(port: number, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (c) => { reply += c.toString('latin1'); });
    socket.on('close', () => resolve(reply));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(reply) : reject(err)));
    socket.write(data);
  });
}

describe('bodies and sources beyond the bounds', () => {
  it('a body declared larger than --max-body is refused before it is read (413)', async () => {
    const reply = await rawExchange(t.port, `POST /journeyflow/svg HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\nkind: flow\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('The request body is larger than 262144 bytes');
    await stillServes();
  });

  it('a chunked body that grows past --max-body is cut off (413)', async () => {
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = Array.from({ length: 8 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const reply = await rawExchange(t.port, `POST /journeyflow/svg HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    await stillServes();
  });

  it('a GET source that inflates past --max-bytes (a zip bomb) is refused (413)', async () => {
    const bomb = zlib.deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x61), { level: 9 }).toString('base64url');
    const r = await request(`${t.base}/journeyflow/svg/${bomb}`);
    expect(r.status).toBe(413);
    expect(r.text).toContain('The decoded source is larger than 1048576 bytes');
    await stillServes();
  });

  it('a URL beyond the header bound gets 431; a deeply nested JSON body gets 400', async () => {
    const long = await request(`${t.base}/journeyflow/svg/${'A'.repeat(100_000)}`);
    expect(long.status).toBe(431);
    const nested = await request(`${t.base}/`, { body: `{"diagram_type": "journeyflow", "output_format": "svg", "diagram_source": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, headers: { 'content-type': 'application/json' } });
    expect([nested.status, nested.text]).toEqual([400, 'Error 400: Field diagram_source must be a string.\n']);
    await stillServes();
  });

  it('an alias bomb is an input-too-large diagnostic', async () => {
    const lines = ['kind: flow', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const r = await postText(t.base, '/journeyflow/svg', lines.join('\n') + '\n');
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<input>:\d+:\d+ error \[input-too-large\]/);
    await stillServes();
  });
});

describe('slow senders hold a socket, never a render thread', () => {
  let slow: TestService;
  beforeAll(async () => { slow = await startTestService({ threads: 1, bodyTimeoutMs: 400 }); });
  afterAll(async () => { await slow.close(); });

  it('a body that does not arrive in time gets 408 and the connection is closed', async () => {
    const pending = rawExchange(slow.port, 'POST /journeyflow/svg HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nkind: flow\n');
    await stillServes(slow);
    const reply = await pending;
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply).toContain('The request body did not arrive within 400 ms');
  });

  it('headers that never end (slowloris) are cut off by the server', async () => {
    const pending = rawExchange(slow.port, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n');
    await stillServes(slow);
    expect(await pending).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('more requests than the service takes at once', () => {
  it('500 concurrent connections each get 200 or 503 with Retry-After, and the service recovers', async () => {
    const replies = await Promise.all(Array.from({ length: 500 }, (_, i) => postText(t.base, '/journeyflow/svg', freshFlow(i))));
    const statuses = new Set(replies.map((r) => r.status));
    expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.has(200)).toBe(true);
    const refused = replies.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => /^\d+$/.test(String(r.headers['retry-after'])) && /^Error 503: The server is busy/.test(r.text))).toBe(true);
    await stillServes();
  });
});

describe('no file-system access from a request', () => {
  it('ref and flow paths that leave the tree or are absolute are refused unread', async () => {
    const flow = FLOW.replace('{ id: record, label: 客服记录报修信息,', '{ id: record, type: subprocess, ref: ../../etc/passwd, label: 客服记录报修信息,');
    const r = await postText(t.base, '/journeyflow/svg', flow);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<input>:8:\d+ error \[unknown-reference\] subprocess ref "\.\.\/\.\.\/etc\/passwd" leaves the folder tree; it is not read/);
    const journey = `kind: journey\nstages:\n  - id: s\n    label: S\n    steps:\n      - { label: A, emotion: 3, flow: /etc/passwd }\n`;
    const j = await postText(t.base, '/journeyflow/svg', journey);
    expect(j.text).toMatch(/<input>:6:\d+ error \[unknown-reference\] flow "\/etc\/passwd" of step .* must be a path relative to this file/);
  });

  it('a ref to a file that exists where the server runs is not looked up: drawn without a link, as one that does not', async () => {
    const withRef = (target: string) => FLOW.replace('{ id: record, label: 客服记录报修信息,', `{ id: record, type: subprocess, ref: ${target}, label: 客服记录报修信息,`);
    const existing = await postText(t.base, '/journeyflow/svg', withRef('package.json'));
    const missing = await postText(t.base, '/journeyflow/svg', withRef('no-such-file.json'));
    expect([existing.status, missing.status]).toEqual([200, 200]);
    expect(existing.text).not.toContain('<a ');
    expect(existing.text.replace('package.json', 'no-such-file.json')).toBe(missing.text);
  });

  it('a theme file named by the document is refused', async () => {
    const r = await postText(t.base, '/journeyflow/svg', `theme: ../../etc/brand.yaml\n${FLOW}`);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<input>:1:8 error \[unknown-reference\] theme "\.\.\/\.\.\/etc\/brand\.yaml" is not a built-in theme .*theme files are not read here/);
  });
});

describe('the time limit', () => {
  it('a render that runs over ends its thread (503); a fresh thread takes its place and the service goes on', async () => {
    const limited = await startTestService({ timeoutMs: 1500, threads: 1 });
    try {
      const r = await postText(limited.base, '/journeyflow/svg', generateFlow(2000));
      expect(r.status).toBe(503);
      expect(r.text).toBe('Error 503: the diagram took longer than the time limit of 1500 ms and was stopped\n');
      // The replacement warms up before it takes a job; on a busy machine that alone can outlast the
      // 1.5 s a request may wait in the queue, so the next request goes once /health counts it ready.
      await vi.waitFor(async () => expect(JSON.parse((await request(`${limited.base}/health`)).text).ready).toBe(1), { timeout: 120000, interval: 50 });
      const after = await postText(limited.base, '/journeyflow/svg', FLOW);
      expect(after.status).toBe(200);
      const metrics = await request(`${limited.base}/metrics`);
      expect(metrics.text).toMatch(/^journeyflow_worker_restarts_total 1$/m);
      expect(metrics.text).toMatch(/^journeyflow_requests_total\{outcome="timeout"\} 1$/m);
    } finally {
      await limited.close();
    }
  });
});

describe('a render thread that dies', () => {
  it('at start, fails the start of the service with the reason', async () => {
    const start = startTestService({ threads: 2, workerUrl: new URL('./fixtures/broken-worker.mjs', import.meta.url) });
    await expect(start).rejects.toThrow('the render thread failed: broken install while starting');
  });

  it('costs its request a 500 without a stack trace; a new thread takes its place', async () => {
    const crashing = await startTestService({ threads: 1, workerUrl: new URL('./fixtures/crash-worker.mjs', import.meta.url) });
    try {
      const r = await postText(crashing.base, '/journeyflow/svg', FLOW);
      expect(r.status).toBe(500);
      expect(r.text).toBe('Error 500: Internal error while rendering: the render thread stopped\n');
      expect((await request(`${crashing.base}/health`)).status).toBe(200);
      const again = await postText(crashing.base, '/journeyflow/svg', freshFlow(-1));
      expect(again.status).toBe(500);
      expect((await request(`${crashing.base}/metrics`)).text).toMatch(/^journeyflow_worker_restarts_total 2$/m);
    } finally {
      await crashing.close();
    }
  });
});
