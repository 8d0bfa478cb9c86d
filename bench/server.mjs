#!/usr/bin/env node
// The render service under load (issue 20): `journeyflow server` in a child process on 127.0.0.1,
// driven from this process by closed-loop clients. Requests per second and p50/p99 latency for a
// 12-node laned flow and the retail journey, uncached (each source distinct) and cached (one
// source), at concurrency 1, 8 and 64; then the server's memory over 10 000 distinct requests
// against its cache bound. Loopback only; every loop is bounded in count and in time. Not a
// test: nothing here fails. `--quick` runs fewer requests.
//
// The machine is shared, so wall-clock rates say as much about the neighbours as about the
// server: every scenario also reports the CPU time the server process spent per request (all its
// threads, from /proc), and the rate that CPU time allows on this machine's cores. A fresh render
// thread is slow for its first ~150 layouts (V8 is still optimising ELK's compiled Java), so the
// scenarios run after a warm-up of distinct renders, which is reported on a row of its own.
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
/** Distinct renders of each diagram before the scenarios, at concurrency 8: what a service has done after its first minutes. */
const WARM_UP = { count: quick ? 200 : 600, seconds: quick ? 20 : 60 };
const CORES = os.cpus().length;
/** The issue's targets (issue 20). */
const GOALS = { uncachedRps: 150, p99Ms: 100, cachedRps: 3000 };

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

/** CPU seconds used so far by a process (all its threads) and by its main thread, from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid) {
  const ticks = (file) => {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(file, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { all: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

/** `load()` plus the server's CPU time per request over it, in ms (all threads, and the main thread alone). */
async function measured(pid, port, concurrency, bound, sourceFor) {
  const before = cpuSeconds(pid);
  const r = await load(port, concurrency, bound, sourceFor);
  const after = cpuSeconds(pid);
  return { ...r, cpuMs: (1000 * (after.all - before.all)) / r.n, mainCpuMs: (1000 * (after.main - before.main)) / r.n };
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
console.log('(the load generator runs on the same cores as the server; "render" is the time inside a render thread, from Server-Timing)');
console.log(`(first ${WARM_UP.count} distinct renders of each diagram at c=8 warm the threads up: the "warm-up" rows; the scenarios follow)\n`);

let unique = 0;
// A number in the first label makes every request a different graph, so neither the response cache
// nor the layout cache (which reuses ELK's result for an identical graph, e.g. a dark drawing) serves it.
const distinct = (source) => () => { const n = unique++; return source.replace(/label: ("?)/, (_, quote) => `label: ${quote}${n} `); };
const warmUps = [];
for (const [name, source] of Object.entries(SOURCES)) {
  warmUps.push({ name, ...(await measured(child.pid, port, 8, WARM_UP, distinct(source))) });
}
const rows = [];
for (const [name, source] of Object.entries(SOURCES)) {
  for (const concurrency of CONCURRENCY) {
    const uncached = await measured(child.pid, port, concurrency, UNCACHED, distinct(source));
    await post(undefined, port, source);
    const cached = await measured(child.pid, port, concurrency, CACHED, () => source);
    rows.push({ name, concurrency, uncached, cached });
  }
}

const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const other = (s) => [...s].filter(([code]) => code !== 200).map(([code, n]) => `${n}×${code}`).join(' ');
/** Requests per second the server's own CPU time per request allows on every core of this machine. */
const cpuBound = (x) => (1000 * CORES) / x.cpuMs;
const widths = [26, 3, 24, 14, 20, 24, 14];
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');
const cell = (x) => `${x.rps.toFixed(0).padStart(5)}  ${fmtMs(x.p50)}/${fmtMs(x.p99)}${other(x.statuses) ? ` (${other(x.statuses)})` : ''}`;
const cpuCell = (x) => `${fmtMs(x.cpuMs)} (${fmtMs(x.mainCpuMs)}) → ${cpuBound(x).toFixed(0)}/s`;
console.log(line(['diagram', 'c', 'uncached rps p50/p99 ms', 'render p50 ms', 'CPU ms (main) → rps', 'cached rps p50/p99 ms', 'CPU ms (main)']));
console.log('-'.repeat(widths.reduce((a, b) => a + b + 1, 0)));
for (const w of warmUps) {
  console.log(line([`${w.name}, warm-up`, 8, `${cell(w)} (n=${w.n})`, fmtMs(w.renderP50 ?? NaN), cpuCell(w), '', '']));
}
for (const r of rows) {
  console.log(line([r.name, r.concurrency, cell(r.uncached), fmtMs(r.uncached.renderP50 ?? NaN), cpuCell(r.uncached), cell(r.cached), `${r.cached.cpuMs.toFixed(2)} (${r.cached.mainCpuMs.toFixed(2)})`]));
}
console.log(`"CPU ms": the server process's CPU time per request, all threads (main thread alone in parentheses); "→ rps": the rate that allows on ${CORES} cores with nothing else running`);

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

const flowRows = rows.filter((r) => r.name.startsWith('flow'));
const flow8 = flowRows.find((r) => r.concurrency === 8);
const bestUncached = flowRows.reduce((a, b) => (b.uncached.rps > a.uncached.rps ? b : a));
const bestCached = rows.reduce((a, b) => (b.cached.rps > a.cached.rps ? b : a));
const leanest = flowRows.reduce((a, b) => (b.uncached.cpuMs < a.uncached.cpuMs ? b : a));
const last = samples.at(-1);
const third = samples[Math.min(2, samples.length - 1)];
const growth = last.rss - third.rss;
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log(`\ntargets (issue 20), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; a ratio ≥ 1× meets its goal`);
console.log(`  uncached flow renders per second, goal ≥ ${GOALS.uncachedRps}: ${bestUncached.uncached.rps.toFixed(0)} at c=${bestUncached.concurrency}, ${ratio(bestUncached.uncached.rps / GOALS.uncachedRps)}, ${verdict(bestUncached.uncached.rps >= GOALS.uncachedRps)}`);
console.log(`    by CPU time: ${fmtMs(leanest.uncached.cpuMs)} ms of server CPU per render at c=${leanest.concurrency} → ${cpuBound(leanest.uncached).toFixed(0)}/s on ${CORES} cores, ${ratio(cpuBound(leanest.uncached) / GOALS.uncachedRps)}`);
console.log(`  p99 at concurrency 8 (flow, uncached), goal < ${GOALS.p99Ms} ms: ${fmtMs(flow8.uncached.p99)} ms, ${ratio(GOALS.p99Ms / flow8.uncached.p99)}, ${verdict(flow8.uncached.p99 < GOALS.p99Ms)}`);
console.log(`  cached requests per second, goal ≥ ${GOALS.cachedRps}: ${bestCached.cached.rps.toFixed(0)} (${bestCached.name}, c=${bestCached.concurrency}), ${ratio(bestCached.cached.rps / GOALS.cachedRps)}, ${verdict(bestCached.cached.rps >= GOALS.cachedRps)}`);
console.log(`  memory after ${last.done} requests, goal: no growth beyond the ${CACHE_MB} MB cache bound once it is full: ${last.rss.toFixed(0)} MB, ${growth >= 0 ? `${growth.toFixed(0)} MB more` : `${(-growth).toFixed(0)} MB less`} than after ${third.done} (peak ${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MB), growth ${ratio(Math.max(0, growth) / CACHE_MB)} the bound (≤ 1× meets it), ${verdict(growth <= CACHE_MB)}`);

child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
