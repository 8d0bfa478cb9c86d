#!/usr/bin/env node
// `npm run bench:discover`: process discovery on generated event logs of 1 M and 10 M events
// (bench/event-log.mjs, written to a temporary folder), through the built CLI: DuckDB in-process
// against the plain JavaScript pass, events per second and peak memory of each run, and whether
// both wrote the same YAML. Targets of issue 25: ≥ 2 M events/s and < 1 GB. Not a test: nothing fails.
// DuckDB runs five times (DUCKDB_RUNS): the goal lines give the fastest run by the wall clock and the
// run with the least CPU time (on a shared machine the others mostly measure the neighbours), and
// the highest peak of all runs; the JavaScript pass, a minute per 10 M events, once.
// --quick: 200 k and 1 M events.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeLog } from './event-log.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNNER = path.join(ROOT, 'bench', 'run-cli.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-bench-discover-'));
const quick = process.argv.includes('--quick');
const SIZES = quick ? [200_000, 1_000_000] : [1_000_000, 10_000_000];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const rate = (events, ms) => `${(events / (ms / 1000) / 1e6).toFixed(2)} M events/s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const DUCKDB_RUNS = Math.max(1, Number(process.env.DUCKDB_RUNS ?? 5));
const least = (runs, key) => runs.reduce((best, s) => (s[key] < best[key] ? s : best));

/** One discover run in its own process (the launcher, as a user runs it): its wall time, CPU time and peak memory. */
function discover(log, out, extra) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [RUNNER, 'discover', log, '-o', out, '-q', ...extra], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 26 });
  // The wall time from spawning to exit, Node's own start included (run-cli.mjs's own clock starts after it).
  const ms = performance.now() - started;
  const stats = { ...JSON.parse(r.stderr.trim().split('\n').pop()), ms };
  if (stats.code !== 0) throw new Error(`discover ${extra.join(' ')} exited ${stats.code}: ${r.stderr.slice(-500)}`);
  return stats;
}

console.log(`journeyflow discover benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
const rows = [];
try {
  for (const size of SIZES) {
    const log = path.join(work, `log-${size}.csv`);
    const t = performance.now();
    const { events, cases } = writeLargeLog(log, size);
    console.log(`\n${events.toLocaleString('en')} events in ${cases.toLocaleString('en')} cases: ${(fs.statSync(log).size / 1e6).toFixed(0)} MB of CSV (written in ${fmt(performance.now() - t)})`);
    const runs = Array.from({ length: DUCKDB_RUNS }, () => discover(log, 'duckdb.flow.yaml', []));
    const duck = least(runs, 'cpuMs');
    const fastest = least(runs, 'ms');
    const peakKb = Math.max(...runs.map((r) => r.maxRssKb));
    const js = discover(log, 'js.flow.yaml', ['--engine', 'js']);
    const same = fs.readFileSync(path.join(work, 'duckdb.flow.yaml'), 'utf8') === fs.readFileSync(path.join(work, 'js.flow.yaml'), 'utf8');
    for (const [name, s] of [['DuckDB (default)', duck], ['JavaScript pass', js]]) {
      console.log(`  ${name.padEnd(18)} ${fmt(s.ms).padStart(8)}  ${rate(events, s.ms).padStart(18)}  CPU ${fmt(s.cpuMs).padStart(8)}  peak ${mb(s.maxRssKb).padStart(7)}`);
    }
    console.log(`  DuckDB / JavaScript: ${(js.ms / duck.ms).toFixed(1)}× faster, same YAML: ${same ? 'yes' : 'NO'}`);
    console.log(`  DuckDB's ${runs.length} runs, wall: ${runs.map((r) => fmt(r.ms)).join(', ')}; CPU: ${runs.map((r) => fmt(r.cpuMs)).join(', ')}`);
    rows.push({ events, duck, fastest, peakKb, js, same });
    fs.rmSync(log);
  }
  // On a shared machine the wall time says how busy it was; CPU time (all threads) does not.
  console.log(`\nTargets (DuckDB): ≥ 2 M events/s and < 1 GB peak (load at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  const mark = (ok) => (ok ? '✓' : '✗');
  for (const { events, duck, fastest, peakKb } of rows) {
    const cores = os.cpus().length;
    // By the wall clock, the fastest run; by CPU time over all cores, what the machine does with every core to itself.
    const wall = events / (fastest.ms / 1000);
    const quiet = events / (duck.cpuMs / cores / 1000);
    console.log(`  ${events.toLocaleString('en').padStart(10)} events: fastest run ${fmt(fastest.ms)} = ${rate(events, fastest.ms)} ${mark(wall >= 2e6)}; least CPU ${fmt(duck.cpuMs)} = ${rate(events, duck.cpuMs / cores)} on ${cores} cores ${mark(quiet >= 2e6)}; peak ${mb(peakKb)} ${mark(peakKb < 1024 * 1024)}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
