#!/usr/bin/env node
// The render service under load (issue 20): `journeyflow server` in a child process on 127.0.0.1,
// driven from this process by closed-loop clients. Requests per second and p50/p99 latency for a
// 12-node laned flow and the retail journey, uncached (each source distinct) and cached (one
// source), at concurrency 1, 8 and 64; then the server's memory over 10 000 distinct requests
// against its cache bound. Loopback only; every loop is bounded in count and in time. Not a
// test: nothing here fails. `--quick` runs fewer requests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFlow } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'journeyflow.js');
const quick = process.argv.includes('--quick');
const CACHE_MB = 16;
const CONCURRENCY = [1, 8, 64];
/** Per scenario: at most this many requests, and at most this many seconds. */
const UNCACHED = { count: quick ? 200 : 600, seconds: quick ? 5 : 15 };
const CACHED = { count: quick ? 3000 : 15000, seconds: quick ? 3 : 8 };
const MEMORY_REQUESTS = quick ? 2000 : 10000;
const MEMORY_SECONDS = quick ? 60 : 240;

const SOURCES = {
  'flow (12 nodes, 4 lanes)': generateFlow(12),
  'retail journey': fs.readFileSync(path.join(ROOT, 'examples', 'retail-journey.journey.yaml'), 'utf8'),
};

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'server', '--host', '127.0.0.1', '--port', '0', '--cache-mb', String(CACHE_MB), '--max-queue', '256'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
      const m = /at http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) resolve({ child, port: Number(m[1]), threads: Number(/with (\d+) render thread/.exec(err)?.[1] ?? 0) });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

function post(agent, port, source) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/journeyflow/svg', agent, headers: { 'content-type': 'text/plain' } }, (res) => {
      res.resume();
      const render = Number(/render;dur=([\d.]+)/.exec(res.headers['server-timing'] ?? '')?.[1]);
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t, render }));
    });
    req.on('error', reject);
    req.end(source);
  });
}

/** `concurrency` clients, each sending its next request when the last is answered. */
async function load(port, concurrency, bound, sourceFor) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const renders = [];
  const statuses = new Map();
  let sent = 0;
  const started = performance.now();
  const deadline = started + bound.seconds * 1000;
  const client = async () => {
    while (sent < bound.count && performance.now() < deadline) {
      const r = await post(agent, port, sourceFor(sent++));
      latencies.push(r.ms);
      if (Number.isFinite(r.render)) renders.push(r.render);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  renders.sort((a, b) => a - b);
  return { n: latencies.length, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), renderP50: renders[renders.length >> 1], statuses };
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function metric(port, name) {
  const text = await new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => { let s = ''; res.on('data', (c) => { s += c; }); res.on('end', () => resolve(s)); }).on('error', reject));
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

const { child, port, threads } = await startServer();
// However this script ends, the server it started ends with it.
process.on('exit', () => child.kill('SIGKILL'));
console.log(`journeyflow server benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${threads} render threads, load average ${os.loadavg()[0].toFixed(1)} at start`);
console.log('(the load generator runs on the same cores as the server; "render" is the time inside a render thread, from Server-Timing)\n');

const rows = [];
let unique = 0;
for (const [name, source] of Object.entries(SOURCES)) {
  for (const concurrency of CONCURRENCY) {
    const uncached = await load(port, concurrency, UNCACHED, () => `${source}\n# distinct ${unique++}\n`);
    await post(undefined, port, source);
    const cached = await load(port, concurrency, CACHED, () => source);
    rows.push({ name, concurrency, uncached, cached });
  }
}

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const other = (s) => [...s].filter(([code]) => code !== 200).map(([code, n]) => `${n}×${code}`).join(' ');
const widths = [26, 3, 28, 14, 28];
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');
console.log(line(['diagram', 'c', 'uncached rps  p50/p99 ms', 'render p50 ms', 'cached rps  p50/p99 ms']));
console.log('-'.repeat(widths.reduce((a, b) => a + b + 1, 0)));
for (const r of rows) {
  const cell = (x) => `${x.rps.toFixed(0).padStart(5)}  ${fmtMs(x.p50)}/${fmtMs(x.p99)}${other(x.statuses) ? ` (${other(x.statuses)})` : ''}`;
  console.log(line([r.name, r.concurrency, cell(r.uncached), fmtMs(r.uncached.renderP50 ?? NaN), cell(r.cached)]));
}

// Memory: distinct flows at concurrency 8, so every request renders and lands in the cache.
const before = rssMb(child.pid);
const samples = [];
let done = 0;
const memStart = performance.now();
const memEnd = memStart + MEMORY_SECONDS * 1000;
while (done < MEMORY_REQUESTS && performance.now() < memEnd) {
  const chunk = Math.min(1000, MEMORY_REQUESTS - done);
  await load(port, 8, { count: chunk, seconds: (memEnd - performance.now()) / 1000 }, () => `${SOURCES['flow (12 nodes, 4 lanes)']}\n# memory ${unique++}\n`);
  done += chunk;
  samples.push({ done, rss: rssMb(child.pid), cacheMb: (await metric(port, 'journeyflow_cache_bytes')) / 1024 / 1024 });
}
console.log(`\nmemory (RSS of the server process, threads included), ${CACHE_MB} MB cache bound: ${before.toFixed(0)} MB before`);
for (const s of samples.filter((_, i) => i === 0 || (i + 1) % 3 === 0 || i === samples.length - 1)) {
  console.log(`  after ${String(s.done).padStart(5)} requests: ${s.rss.toFixed(0)} MB (cache holds ${s.cacheMb.toFixed(1)} MB)`);
}

const flow8 = rows.find((r) => r.name.startsWith('flow') && r.concurrency === 8);
const bestUncached = Math.max(...rows.filter((r) => r.name.startsWith('flow')).map((r) => r.uncached.rps));
const bestCached = Math.max(...rows.map((r) => r.cached.rps));
console.log('\ntargets (issue 20)');
console.log(`  uncached flow renders per second ≥ 150: ${bestUncached.toFixed(0)} ${bestUncached >= 150 ? 'yes' : 'NO'}`);
console.log(`  p99 < 100 ms at concurrency 8 (flow, uncached): ${fmtMs(flow8.uncached.p99)} ms ${flow8.uncached.p99 < 100 ? 'yes' : 'NO'}`);
console.log(`  cached ≥ 3 000 per second: ${bestCached.toFixed(0)} ${bestCached >= 3000 ? 'yes' : 'NO'}`);
const last = samples.at(-1);
const third = samples[Math.min(2, samples.length - 1)];
const growth = last.rss - third.rss;
console.log(`  memory after ${last.done} requests: ${last.rss.toFixed(0)} MB, ${growth >= 0 ? `${growth.toFixed(0)} MB more` : `${(-growth).toFixed(0)} MB less`} than after ${third.done} (cache bound ${CACHE_MB} MB, peak ${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MB)`);

child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
