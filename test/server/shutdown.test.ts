import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildOutput, FLOW, request, startCliServer } from './helpers.js';

// SIGTERM: the request in flight is finished, new ones are refused, the process exits 0.
describe('journeyflow server on SIGTERM', () => {
  it('finishes the request in flight, refuses new connections and exits 0', async () => {
    const cli = await startCliServer();
    const { port } = new URL(cli.base);
    expect((await request(`${cli.base}/health`)).status).toBe(200);

    // A request whose body is half sent is in flight, whatever the machine's speed.
    const socket = net.connect(Number(port), '127.0.0.1');
    let reply = '';
    const answered = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (c) => { reply += c.toString('utf8'); });
    const body = Buffer.from(FLOW);
    const half = body.length >> 1;
    await new Promise<void>((resolve) => socket.write(`POST /journeyflow/svg HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`, () => resolve()));
    await new Promise<void>((resolve) => socket.write(body.subarray(0, half), () => resolve()));
    const inFlight = async () => /^journeyflow_in_flight_requests 1$/m.test((await request(`${cli.base}/metrics`)).text);
    while (!(await inFlight())) await new Promise((r) => setTimeout(r, 20));

    cli.child.kill('SIGTERM');
    while (!/SIGTERM: finishing requests in flight/.test(cli.stderr())) await new Promise((r) => setTimeout(r, 20));
    await expect(request(`${cli.base}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    socket.write(body.subarray(half));
    await answered;
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(reply.toLowerCase()).toContain('connection: close');
    expect(reply.slice(reply.indexOf('\r\n\r\n') + 4)).toBe((await buildOutput(FLOW, 'svg')).toString('utf8'));
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toContain('render service stopped');
  });
});
