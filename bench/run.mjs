#!/usr/bin/env node
// `npm run bench`: journeyflow against mermaid-cli and against bare elkjs, on this machine, in one
// process tree. Prints figures, ratios and the targets of issues 6, 15 and 23. Not a test: nothing here
// fails. Every child runs on Node's default stack with a cache folder of its own (see timed()).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFlow } from './generate.mjs';
import { figureTable, fmt, lastJson, mb, median, processTimer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'journeyflow.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-bench-'));
const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;

/*
 * Every child gets a cache folder owned by the benchmark (XDG_CACHE_HOME), never the user's: "cold"
 * means an empty one (the very first run after install), "warm" one that earlier runs filled.
 */
const WARM_CACHE = path.join(work, 'cache-warm');
let coldCaches = 0;
const freshCache = () => path.join(work, `cache-cold-${coldCaches++}`);
const baseEnv = { ...process.env };
delete baseEnv.JOURNEYFLOW_NO_CACHE;
const timed = processTimer(ROOT, WARM_CACHE);
const { row, print } = figureTable();

console.log(`journeyflow benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${RUNS} runs per median`);

// 1. Batch: every example to SVG, against mermaid-cli on the Mermaid we emit for the same diagrams.
const examples = path.join(ROOT, 'examples');
const exampleCount = fs.readdirSync(examples).filter((f) => f.endsWith('.yaml')).length;
// --force everywhere a build is timed again into the same folder: its build manifest would
// otherwise make every run after the first a no-change rebuild (timed on its own in bench/repo.mjs).
const buildExamples = (opts) => timed(process.execPath, [BIN, 'build', examples, '-o', path.join(work, 'batch'), '-f', 'svg', '-q', '--force'], opts).ms;
// Cold: a fresh process with an empty cache folder, as the first build after install. Warm: the
// same with the folder earlier runs filled. Interleaved, so a change in machine load hits all three.
buildExamples({}); // fills the warm cache folder
const times = { cold: [], uncached: [], warm: [] };
for (let i = 0; i < RUNS; i++) {
  times.cold.push(buildExamples({ cache: freshCache() }));
  times.uncached.push(buildExamples({ env: { JOURNEYFLOW_NO_CACHE: '1' } }));
  times.warm.push(buildExamples({}));
}
const [cold, uncached, ours] = [median(times.cold), median(times.uncached), median(times.warm)];
timed(process.execPath, [BIN, 'build', examples, '-o', path.join(work, 'mmd'), '-f', 'mmd', '-q']);
const mmds = fs.readdirSync(path.join(work, 'mmd')).map((f) => path.join(work, 'mmd', f));
let mermaidMs;
try {
  mermaidMs = median(Array.from({ length: quick ? 1 : 3 }, () => lastJson(timed(process.execPath, [path.join(ROOT, 'bench', 'mermaid-batch.mjs'), ...mmds]).r.stdout).ms));
} catch (err) {
  console.log(`(mermaid-cli not measured: ${err.message.split('\n')[0]})`);
}
// Where a cold run's time goes: Node's own start, and the first round inside one process (module
// loading, ELK start, V8 warm-up) against later rounds in the same process.
const nodeStart = median(Array.from({ length: RUNS }, () => timed(process.execPath, ['-e', '0']).ms));
const warm = lastJson(timed(process.execPath, [path.join(ROOT, 'bench', 'warm-batch.mjs'), examples]).r.stdout);
row('batch', `build ${exampleCount} examples to SVG, warm cache`, fmt(ours));
row('batch', `  the same, cold: empty cache folder (1st run)`, fmt(cold), `${(cold / ours).toFixed(2)}×`, '≤ 1.5× warm', cold <= 1.5 * ours);
row('batch', `  the same, caching off (JOURNEYFLOW_NO_CACHE)`, fmt(uncached), `${(uncached / ours).toFixed(2)}×`, 'cold ≤ this +5%', cold <= uncached * 1.05);
if (mermaidMs) {
  row('batch', `mermaid-cli, same ${mmds.length} diagrams, one browser`, fmt(mermaidMs));
  const ratio = mermaidMs / ours;
  row('batch', 'speed-up over mermaid-cli (warm)', '', `${ratio.toFixed(1)}×`, '≥ 50×', ratio >= 50);
  row('batch', 'speed-up over mermaid-cli (cold)', '', `${(mermaidMs / cold).toFixed(1)}×`);
}
row('batch', '  of which: Node start alone (node -e 0)', fmt(nodeStart));
row('batch', `  in one process: first round of ${warm.files}`, fmt(warm.firstMs));
row('batch', `  in one process: a later round (warm)`, fmt(warm.warmMs), mermaidMs ? `${(mermaidMs / warm.warmMs).toFixed(0)}×` : '');

// 2. Scale: generated 4-lane flows against bare elkjs on the same layout graph, both fresh processes
// on Node's default stack, with the same warm code cache (one run each fills it first).
const scaleCli = (file) => timed(process.execPath, [path.join(ROOT, 'bench', 'run-cli.mjs'), 'build', file, '-o', path.join(work, 'scale'), '-q', '-j', '1', '--force'], { allowFail: true });
const scaleElk = (graph) => timed(process.execPath, [path.join(ROOT, 'bench', 'elk-baseline.mjs'), graph], { allowFail: true });
for (const n of [100, 1000, 5000]) {
  const file = path.join(work, `gen${n}.flow.yaml`);
  fs.writeFileSync(file, generateFlow(n));
  const graph = path.join(work, `gen${n}.elk.json`);
  timed(process.execPath, [path.join(ROOT, 'bench', 'elk-graph.mjs'), file, graph]);
  if (n === 100) { scaleCli(file); scaleElk(graph); }
  const runs = n >= 5000 ? 1 : quick ? 1 : 3;
  const oursRuns = [];
  const elkRuns = [];
  for (let i = 0; i < runs; i++) {
    const o = scaleCli(file);
    const report = lastJson(o.r.stderr);
    oursRuns.push({ ms: o.ms, cpuMs: report.cpuMs, kb: report.maxRssKb, threads: report.threads, code: report.code });
    const e = scaleElk(graph);
    const baseline = lastJson(e.r.stdout);
    elkRuns.push({ ms: e.ms, cpuMs: baseline.cpuMs, kb: baseline.maxRssKb, error: baseline.error });
  }
  const o = median(oursRuns.map((x) => x.ms));
  const e = median(elkRuns.map((x) => x.ms));
  const mem = Math.max(...oursRuns.map((x) => x.kb));
  const ratio = o / e;
  const how = oursRuns.some((x) => x.code !== 0) ? 'FAILED' : oursRuns.some((x) => x.threads > 0) ? 'retried on the deep-stack thread' : 'default stack, no thread';
  const elkError = elkRuns.find((x) => x.error)?.error;
  row('scale', `${n} nodes, 4 lanes: journeyflow build`, `${fmt(o)}, ${mb(mem)}`, '', how);
  row('scale', `${n} nodes: bare elkjs layout`, elkError ? `failed: ${elkError.slice(0, 40)}` : `${fmt(e)}, ${mb(Math.max(...elkRuns.map((x) => x.kb)))}`);
  // 1 000 nodes: issue 6 asked ≤ 1.5× and < 1 GB, issue 23 tightened the time to ≤ 1.3×.
  // CPU time too: on a shared machine wall time measures the neighbours as well.
  const cpuRatio = median(oursRuns.map((x) => x.cpuMs)) / median(elkRuns.map((x) => x.cpuMs));
  if (!elkError) row('scale', `${n} nodes: the same in CPU time (all threads)`, `${fmt(median(oursRuns.map((x) => x.cpuMs)))} / ${fmt(median(elkRuns.map((x) => x.cpuMs)))}`, `${cpuRatio.toFixed(2)}×`);
  if (!elkError) row('scale', `${n} nodes: overhead over elkjs`, '', `${ratio.toFixed(2)}×`, n === 1000 ? '≤ 1.3×, < 1 GB' : n === 5000 ? 'finishes' : '', n === 1000 ? ratio <= 1.3 && mem < 1024 * 1024 : n === 5000 ? how === 'default stack, no thread' : undefined);
}

// 3. One file, each in a fresh process (warm cache unless said otherwise).
const one = path.join(examples, 'after-sales.flow.yaml');
const validate = median(Array.from({ length: RUNS }, () => timed(process.execPath, [BIN, 'validate', one, '-q']).ms));
const svg = median(Array.from({ length: RUNS }, () => timed(process.execPath, [BIN, 'build', one, '-o', path.join(work, 'cold'), '-q', '--force']).ms));
const svgCold = median(Array.from({ length: RUNS }, () => timed(process.execPath, [BIN, 'build', one, '-o', path.join(work, 'cold'), '-q', '--force'], { cache: freshCache() }).ms));
const png = median(Array.from({ length: RUNS }, () => timed(process.execPath, [BIN, 'build', one, '-o', path.join(work, 'cold'), '-f', 'png', '-q', '--force']).ms));
// A journey map (the widest picture and the most text) to SVG and to PNG at the default zoom.
const journey = path.join(examples, 'retail-journey.journey.yaml');
// Through run-cli.mjs (the same launcher), which reports the process's CPU time beside its wall time;
// SVG and PNG runs interleaved, so a change in the machine's load hits both.
const journeyRuns = { svg: [], png: [] };
for (let i = 0; i < Math.max(RUNS, 5); i++) {
  for (const formats of ['svg', 'png']) {
    const t = timed(process.execPath, [path.join(ROOT, 'bench', 'run-cli.mjs'), 'build', journey, '-o', path.join(work, 'cold'), '-f', formats, '-q', '--force']);
    journeyRuns[formats].push({ ms: t.ms, cpuMs: lastJson(t.r.stderr).cpuMs });
  }
}
const [journeySvg, journeyPng] = [median(journeyRuns.svg.map((x) => x.ms)), median(journeyRuns.png.map((x) => x.ms))];
const [journeySvgCpu, journeyPngCpu] = [median(journeyRuns.svg.map((x) => x.cpuMs)), median(journeyRuns.png.map((x) => x.cpuMs))];
// Issue 23: a fresh process building one file to SVG within 1.5× Node's own start plus 100 ms.
const oneFileGoal = 1.5 * nodeStart + 100;
row('one', 'validate one file', fmt(validate), '', '< 300 ms', validate < 300);
row('one', 'build one file to SVG (fresh process)', fmt(svg), `${(svg / oneFileGoal).toFixed(2)}× goal`, `≤ ${fmt(oneFileGoal)}`, svg <= oneFileGoal);
row('one', 'build one file to SVG, empty cache folder', fmt(svgCold), `${(svgCold / svg).toFixed(2)}× warm`, `≤ ${fmt(oneFileGoal)}`, svgCold <= oneFileGoal);
row('one', 'build one file to PNG', fmt(png), '', '< 1.5 s', png < 1500);
row('one', 'journey map to SVG (retail-journey)', fmt(journeySvg));
row('one', 'the same journey to PNG, default zoom', fmt(journeyPng), `${(journeyPng / journeySvg).toFixed(2)}×`, '≤ 2× its SVG', journeyPng <= 2 * journeySvg);
row('one', '  the same two in CPU time (all threads)', `${fmt(journeySvgCpu)} / ${fmt(journeyPngCpu)}`, `${(journeyPngCpu / journeySvgCpu).toFixed(2)}×`);

// 4. Watch: a saved change to a 50-node flow until the new SVG is on disk.
const watchDir = path.join(work, 'watch');
fs.mkdirSync(watchDir);
const watched = path.join(watchDir, 'w.flow.yaml');
const base = generateFlow(50);
fs.writeFileSync(watched, base);
const child = spawn(process.execPath, [BIN, 'build', watchDir, '--watch', '-o', path.join(work, 'watch-out')], { cwd: ROOT, env: { ...baseEnv, XDG_CACHE_HOME: WARM_CACHE } });
let err = '';
child.stderr.on('data', (d) => { err += String(d); });
const waitFor = async (check, ms = 30000) => { const end = Date.now() + ms; while (Date.now() < end) { if (check()) return true; await new Promise((r) => setTimeout(r, 1)); } return false; };
await waitFor(() => err.includes('watching'));
const out = path.join(work, 'watch-out', 'w.flow.svg');
const latencies = [];
for (let i = 0; i < (quick ? 3 : 7); i++) {
  const marker = `改动${i}号`;
  const t = performance.now();
  fs.writeFileSync(watched, base.replace('Generated flow of 50 nodes', marker));
  const ok = await waitFor(() => { try { return fs.readFileSync(out, 'utf8').includes(marker); } catch { return false; } });
  if (ok) latencies.push(performance.now() - t);
  await new Promise((r) => setTimeout(r, 150));
}
child.kill('SIGTERM');
const watchMs = median(latencies);
row('watch', 'saved change → new SVG, 50 nodes', latencies.length ? fmt(watchMs) : 'no rebuild seen', '', '< 200 ms', latencies.length > 0 && watchMs < 200);

print();
fs.rmSync(work, { recursive: true, force: true });
