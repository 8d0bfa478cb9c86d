#!/usr/bin/env node
// `npm run bench:repo`: journeyflow on a repository of generated diagrams (bench/repo-gen.mjs), as CI
// and docs builds meet it: a clean build, a rebuild with nothing changed, a rebuild after one edit
// and `check`, with -j 1 and -j 2, each a whole fresh process; peak memory; and, on the Mermaid
// journeyflow emits for the flows and lifecycles, mermaid-cli (one browser for all) and
// beautiful-mermaid. Prints every figure with its ratio and the goal of issue 23. Not a test:
// nothing here fails on a number.
//
//   node bench/repo.mjs [--count 500] [--seed 1] [--repeat 3] [--mermaid-sample 40 | --mermaid-all] [--no-peers]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { editOne, generateRepo } from './repo-gen.mjs';
import { figureTable, fmt, lastJson, mb, median, processTimer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'bench');
const { values: opt } = parseArgs({
  options: {
    count: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    'mermaid-sample': { type: 'string', default: '40' },
    'mermaid-all': { type: 'boolean', default: false },
    'no-peers': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
  },
});
const count = Number(opt.count);
const repeat = Math.max(1, Number(opt.repeat));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-bench-repo-'));
const timed = processTimer(ROOT, path.join(work, 'cache'));
const { row, print } = figureTable();
const ratio = (x) => `${x.toFixed(x >= 10 ? 0 : 2)}×`;

/**
 * One journeyflow run through bench/run-cli.mjs (the launcher a user runs, plus a report of its
 * peak RSS). Worker threads live in the process, so its peak RSS is the whole build's.
 */
function journeyflow(args) {
  const { ms, r } = timed(process.execPath, [path.join(BENCH, 'run-cli.mjs'), ...args, '-q'], { allowFail: true });
  const report = lastJson(r.stderr);
  if (report.code !== 0) throw new Error(`journeyflow ${args.join(' ')} exited ${report.code}: ${r.stderr.slice(-800)}`);
  return { ms, cpuMs: report.cpuMs, kb: report.maxRssKb };
}

const listFiles = (dir, ext) => fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(dir, f));
const treeBytes = (dir) => new Map(listFiles(dir, '').filter((f) => fs.statSync(f).isFile()).map((f) => [path.relative(dir, f), fs.readFileSync(f)]));
const sameTree = (a, b) => { const x = treeBytes(a); const y = treeBytes(b); return x.size === y.size && [...x].every(([k, v]) => y.get(k)?.equals(v)); };

/**
 * Clean build, then `repeat` rounds of: no-change rebuild, a rebuild after one edited file, `check`
 * (then the edit undone and rebuilt, untimed), with `jobs` threads.
 */
function repositoryRuns(repo, edited, jobs) {
  const out = path.join(work, `out-j${jobs}`);
  const original = fs.readFileSync(edited, 'utf8');
  const build = () => journeyflow(['build', repo, '-o', out, '-j', String(jobs)]);
  const clean = build();
  const rounds = { unchanged: [], oneFile: [], check: [] };
  for (let round = 1; round <= repeat; round++) {
    rounds.unchanged.push(build());
    editOne(edited, round);
    rounds.oneFile.push(build());
    rounds.check.push(journeyflow(['check', repo, '-o', out, '-j', String(jobs)])); // exits 0 only if every output is what a build writes now
    fs.writeFileSync(edited, original);
    build();
  }
  return { out, clean, ...rounds };
}

/** Wall times of several runs: the median decides the goal; the minimum is what the machine allows with less load. */
const spread = (runs) => {
  const ms = runs.map((r) => r.ms);
  return { min: Math.min(...ms), median: median(ms), cpu: median(runs.map((r) => r.cpuMs)) };
};
const shown = (s) => (repeat > 1 ? `${fmt(s.min)} / ${fmt(s.median)}` : fmt(s.median));

function repositoryRows(files, repo) {
  const edited = files.flow[Math.floor(files.flow.length / 2)];
  journeyflow(['build', edited, '-o', path.join(work, 'warm-up')]); // fills the code cache, as any run after the first
  // --force: without it the manifest of the first run would make the next runs no-change rebuilds.
  const single = spread(Array.from({ length: Math.max(3, repeat) }, () => journeyflow(['build', edited, '-o', path.join(work, 'single'), '-j', '1', '--force'])));
  const runs = [1, 2].map((jobs) => ({ jobs, ...repositoryRuns(repo, edited, jobs) }));
  for (const { jobs, clean, unchanged, oneFile, check } of runs) {
    const [u, o, c] = [spread(unchanged), spread(oneFile), spread(check)];
    row('repo', `clean build of ${count} diagrams, -j ${jobs}`, `${fmt(clean.ms)}, ${mb(clean.kb)}`, `${fmt(clean.ms / count)}/diagram`, `cpu ${fmt(clean.cpuMs)}`);
    row('repo', `  rebuild, nothing changed, -j ${jobs}`, shown(u), `${ratio(u.median / 300)} goal`, `≤ 300 ms; cpu ${fmt(u.cpu)}`, u.median <= 300);
    row('repo', `  rebuild, one flow edited, -j ${jobs}`, shown(o), `${ratio(o.median / single.median)} 1 file`, `≤ 1.3× one file; cpu ${ratio(o.cpu / single.cpu)}`, o.median <= 1.3 * single.median);
    row('repo', `  check, all up to date, -j ${jobs}`, shown(c), `${ratio(c.median / 300)} goal`, `≤ 300 ms; cpu ${fmt(c.cpu)}`, c.median <= 300);
  }
  row('repo', 'build of that one flow alone, -j 1', shown(single), '', `cpu ${fmt(single.cpu)}`);
  const peak = runs[1].clean.kb;
  row('repo', `peak memory, clean build -j 2`, mb(peak), `${ratio(peak / (600 * 1024))} goal`, '< 600 MB', peak < 600 * 1024);
  row('repo', 'outputs of -j 1 and -j 2 byte-identical', sameTree(runs[0].out, runs[1].out) ? 'yes' : 'NO', '', '(check passed: = clean build)');
}

/** mermaid-cli on `sample` of the files (all when it is all of them), its total estimated from its start plus the per-diagram time. */
function mermaidCli(mmds, sampleSize) {
  try {
    import.meta.resolve('@mermaid-js/mermaid-cli');
  } catch {
    return { skipped: '@mermaid-js/mermaid-cli is not installed (an optional dependency)' };
  }
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chrome)) return { skipped: `no browser at ${chrome} (set CHROME_PATH)` };
  const step = Math.max(1, Math.floor(mmds.length / sampleSize));
  const sample = sampleSize >= mmds.length ? mmds : mmds.filter((_, i) => i % step === 0).slice(0, sampleSize);
  const run = lastJson(timed(process.execPath, [path.join(BENCH, 'mermaid-batch.mjs'), ...sample]).r.stdout);
  const perDiagram = (run.ms - run.startMs) / sample.length;
  return { ...run, sample: sample.length, ms: sample.length === mmds.length ? run.ms : run.startMs + perDiagram * mmds.length };
}

function peerRows(files, repo) {
  const dirs = [path.join(repo, 'flows'), path.join(repo, 'lifecycles')];
  const n = files.flow.length + files.lifecycle.length;
  const ours = journeyflow(['build', ...dirs, '-o', path.join(work, 'same')]);
  const emit = journeyflow(['build', ...dirs, '-o', path.join(work, 'mmd'), '-f', 'mmd']);
  const mmds = listFiles(path.join(work, 'mmd'), '.mmd');
  row('peers', `journeyflow: the ${n} flows and lifecycles to SVG`, fmt(ours.ms), '', `default -j, cpu ${fmt(ours.cpuMs)}`);
  row('peers', `  the same to Mermaid (-f mmd), the peers' input`, fmt(emit.ms));
  const mermaid = mermaidCli(mmds, opt['mermaid-all'] ? Infinity : Number(opt['mermaid-sample']));
  if (mermaid.skipped) row('peers', 'mermaid-cli: skipped', mermaid.skipped);
  else {
    const how = mermaid.sample === mmds.length ? `all ${mmds.length}, one browser` : `${mermaid.sample} of ${mmds.length} run, rest estimated`;
    row('peers', `mermaid-cli (${how})`, fmt(mermaid.ms), mermaid.failed ? `${mermaid.failed} failed` : '', `start ${fmt(mermaid.startMs)}`);
    row('peers', '  speed-up over mermaid-cli', '', ratio(mermaid.ms / ours.ms), '≥ 100×', mermaid.ms / ours.ms >= 100);
  }
  const beautiful = lastJson(timed(process.execPath, [path.join(BENCH, 'beautiful-batch.mjs'), ...mmds]).r.stdout);
  row('peers', `beautiful-mermaid, all ${mmds.length}, one process`, fmt(beautiful.ms), beautiful.failed ? `${beautiful.failed} failed` : '');
  row('peers', '  speed-up over beautiful-mermaid', '', ratio(beautiful.ms / ours.ms), '≥ 5×', beautiful.ms / ours.ms >= 5);
  // On a shared machine wall time measures the neighbours too; CPU time (all threads) much less so.
  row('peers', '  the same in CPU time (ours: all threads)', `${fmt(beautiful.cpuMs)} / ${fmt(ours.cpuMs)}`, ratio(beautiful.cpuMs / ours.cpuMs));
}

const load = os.loadavg()[0].toFixed(1);
console.log(`journeyflow repository benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load ${load}, ${count} diagrams (seed ${opt.seed}), rebuilds ${repeat > 1 ? `${repeat} rounds` : 'one run'} each`);
try {
  const repo = path.join(work, 'repo');
  const files = generateRepo(repo, { count, seed: Number(opt.seed) });
  console.log(Object.entries(files).map(([kind, xs]) => `${xs.length} ${kind}s`).join(', '));
  repositoryRows(files, repo);
  if (!opt['no-peers']) peerRows(files, repo);
  print({ 1: 48, 2: 20, 3: 14, 4: 32 });
  const what = repeat > 1 ? `min / median of ${repeat} runs (one-file build: of ${Math.max(3, repeat)})` : 'one run';
  console.log(`\nrebuild and check figures: ${what}; ratios and goals from the medians; cpu: median CPU time of all threads`);
  console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (started at ${load})`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
