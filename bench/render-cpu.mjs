#!/usr/bin/env node
// CPU time of one uncached render of `journeyflow server`, measured where it is spent: one render
// thread (the server's own entry, dist/server/render-worker.js) fed one job at a time, each source
// distinct, with the process's CPU time (process.cpuUsage: every thread, V8's helpers included)
// taken around batches of renders. CPU time, unlike wall time, hardly depends on what else runs on a
// shared machine. Reports the first renders of a fresh thread (V8 still optimising) and the steady
// state after a warm-up, and what that allows on 2 render threads. Not a test: nothing here fails.
// `--quick` renders fewer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { generateFlow } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
/** Renders counted as "first" (a fresh thread), then renders before the steady-state count, then those counted. */
const FIRST = 100;
const WARM_UP = quick ? 400 : 1400;
const STEADY = quick ? 200 : 600;
const THREADS = 2;

const SOURCES = {
  'flow (12 nodes, 4 lanes)': generateFlow(12),
  'retail journey': fs.readFileSync(path.join(ROOT, 'examples', 'retail-journey.journey.yaml'), 'utf8'),
};

/** The server's render thread, with the same heap bound as the pool gives it (pool.ts). */
function startThread() {
  const worker = new Worker(new URL('../dist/server/render-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  let nextId = 0;
  const waiting = new Map();
  const ready = new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m.ready) { resolve(); return; }
      const settle = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.outcome?.ok) settle.resolve(m.outcome);
      else settle.reject(new Error(m.failure ?? m.outcome?.message ?? 'render failed'));
    });
  });
  const render = (source) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, job: { source, diagramType: 'journeyflow', format: 'svg', scale: 1, limits: {} } });
  });
  return { ready, render, stop: () => worker.terminate() };
}

let unique = 0;
/** `count` renders one after another: CPU ms per render (whole process) and the thread's own median ms. */
async function batch(thread, source, count) {
  const inThread = [];
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) inThread.push((await thread.render(`${source}\n# distinct ${unique++}\n`)).renderMs);
  const used = process.cpuUsage(before);
  inThread.sort((a, b) => a - b);
  return { cpuMs: (used.user + used.system) / 1000 / count, medianMs: inThread[count >> 1] };
}

console.log(`render CPU time — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at start`);
console.log(`one render thread per diagram, SVG, each source distinct; CPU ms per render of the whole process; "→ /s": ${THREADS} threads' worth\n`);
const fmt = (x) => `${x.cpuMs.toFixed(2).padStart(6)} ms (→ ${((THREADS * 1000) / x.cpuMs).toFixed(0).padStart(4)}/s), in-thread median ${x.medianMs.toFixed(1)} ms`;
for (const [name, source] of Object.entries(SOURCES)) {
  const thread = startThread();
  await thread.ready;
  const first = await batch(thread, source, FIRST);
  await batch(thread, source, WARM_UP);
  const steady = await batch(thread, source, STEADY);
  await thread.stop();
  console.log(name);
  console.log(`  ${`first ${FIRST} renders of a fresh thread:`.padEnd(42)}${fmt(first)}`);
  console.log(`  ${`steady (${STEADY} renders after ${FIRST + WARM_UP}):`.padEnd(42)}${fmt(steady)}`);
}
console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
