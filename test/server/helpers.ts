import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { startRenderService, DEFAULT_CONFIG, type RenderService, type ServiceConfig } from '../../src/server/service.js';
import { BIN, ROOT } from '../support/cli.js';

/*
 * Shared by the render service tests: an in-process service on a free loopback port, a plain HTTP
 * client that reports status, headers and bytes, and the CLI run as a child process (async, so
 * the in-process server keeps answering meanwhile).
 */

export interface TestService { service: RenderService; base: string; port: number; close: () => Promise<void> }

export async function startTestService(overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const service = await startRenderService({ ...DEFAULT_CONFIG, threads: 2, maxBodyBytes: 5 * 1024 * 1024, ...overrides });
  const address = await service.listen(0, '127.0.0.1');
  return { service, port: address.port, base: `http://127.0.0.1:${address.port}`, close: () => service.shutdown(1000) };
}

export interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer; text: string }

/** One request on its own connection (no keep-alive), so tests never share sockets by accident. */
export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { const body = Buffer.concat(chunks); resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export const postText = (base: string, path: string, source: string, headers: Record<string, string> = {}) =>
  request(`${base}${path}`, { body: source, headers: { 'content-type': 'text/plain', ...headers } });

export const postJson = (base: string, path: string, value: unknown, headers: Record<string, string> = {}) =>
  request(`${base}${path}`, { body: JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } });

/** Runs the CLI asynchronously; resolves with its exit code and output. */
export function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: os.tmpdir(), env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.end(input);
  });
}

/** What `journeyflow build - -o - -f <format>` writes for this source, from a folder without files. */
export async function buildOutput(source: string, format: string, extra: string[] = []): Promise<Buffer> {
  const r = await runCli(['build', '-', '-o', '-', '-f', format, ...extra], source);
  if (r.code !== 0) throw new Error(`build failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** `journeyflow server` as a child process on a free port; resolves once it prints its address. */
export function startCliServer(args: string[] = []): Promise<{ base: string; child: ReturnType<typeof spawn>; stderr: () => string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'server', '--port', '0', '-j', '1', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /at (http:\/\/[^/\s]+)\//.exec(err);
      if (m) resolve({ base: m[1], child, stderr: () => err, exited });
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
}

export const FLOW = `kind: flow
title: 客户售后服务流程
lanes:
  - { id: customer, label: 客户 }
  - { id: service, label: 客服中心 }
nodes:
  - { id: report, type: start, label: 客户报修, lane: customer }
  - { id: record, label: 客服记录报修信息, lane: service, metrics: { duration: 10m } }
  - { id: ok, type: decision, label: 客户验收通过?, lane: customer }
  - { id: done, type: end, label: 客户满意离开, lane: customer }
edges:
  - report -> record -> ok
  - { from: ok, to: done, label: 是 }
  - { from: ok, to: record, label: 否 }
`;

export const JOURNEY = `kind: journey
title: 零售客户购买旅程
channels: [{ id: web, label: 官网 }]
stages:
  - id: buy
    label: 购买
    kpis: [{ label: 下单完成率, value: 58%, target: 75% }]
    steps:
      - { label: 提交订单并支付, channels: [web], emotion: 2, pains: [支付流程复杂], opportunities: [优化支付流程] }
`;

export const LIFECYCLE = `kind: lifecycle
title: 客户分层
states:
  - { id: prospect, label: 潜在客户, count: 5000 }
  - { id: active, label: 活跃客户, count: 1200 }
  - { id: churned, label: 流失客户, final: true }
transitions:
  - { from: prospect, to: active, label: 首次购买, rate: 12% }
  - active -> churned
`;

/** A flow with one edge to a missing node: one error, at line 5, column 10. */
export const BAD_FLOW = 'kind: flow\nnodes:\n  - { id: a, type: start, label: A }\n  - { id: z, type: end, label: Z }\nedges: [a -> b, a -> z]\n';
