import net from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, runServer } from '../../src/server/index.js';
import { request } from './helpers.js';

// `journeyflow server`'s entry (src/server/index.ts) in this process: listen, answer, stop on a signal.

const sink = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
};
const config = { ...DEFAULT_CONFIG, threads: 1, maxBodyBytes: 1024 * 1024, host: '127.0.0.1' };

/** Waits until `stderr` says something matching `re`. */
const said = (err: ReturnType<typeof sink>, re: RegExp) => new Promise<RegExpMatchArray>((resolve) => {
  const check = () => { const m = err.text().match(re); if (m) { err.stream.off('data', check); resolve(m); } };
  err.stream.on('data', check);
  check();
});

describe('runServer', () => {
  it('listens, says where, and on SIGTERM finishes and resolves 0 (the handler is called, no signal is sent)', async () => {
    const err = sink();
    const before = new Set(process.listeners('SIGTERM'));
    const exit = runServer({ ...config, port: 0 }, err.stream);
    const [, port] = await said(err, /at http:\/\/127\.0\.0\.1:(\d+)\/ with 1 render thread\(s\)\n/);
    const health = await request(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'pass', threads: 1 });
    const mine = process.listeners('SIGTERM').filter((l) => !before.has(l));
    expect(mine).toHaveLength(1);
    (mine[0] as () => void)();
    expect(await exit).toBe(0);
    expect(err.text()).toContain('journeyflow: SIGTERM: finishing requests in flight, taking no new ones\njourneyflow: render service stopped\n');
    // Both handlers are gone once stopped.
    expect(process.listeners('SIGTERM').filter((l) => !before.has(l))).toEqual([]);
    expect(process.listeners('SIGINT').filter((l) => mine.includes(l))).toEqual([]);
  });

  it('a port in use is exit code 2 with a hint; another listen error is said as it is', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as net.AddressInfo;
    try {
      const err = sink();
      expect(await runServer({ ...config, port }, err.stream)).toBe(2);
      expect(err.text()).toBe(`journeyflow: cannot listen on 127.0.0.1:${port}: the port is in use; choose another with --port\n`);
      const other = sink();
      expect(await runServer({ ...config, host: '203.0.113.1', port: 0 }, other.stream)).toBe(2);
      expect(other.text()).toMatch(/^journeyflow: cannot listen on 203\.0\.113\.1:0: listen E[A-Z]+: /);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
