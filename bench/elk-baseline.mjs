// Bare elkjs: a fresh process lays out the same graph (same nodes, edges, node sizes and options as
// journeyflow's layered call) and reports its wall time and peak memory. The floor we compare with.
// It loads and drives elkjs' layouter the way journeyflow does (dist/layout/elk-engine.js: the V8
// code cache in the same cache folder, direct synchronous dispatch), so the difference is journeyflow's own work.
import fs from 'node:fs';
const started = performance.now();
const { createLayoutSync } = await import('../dist/layout/elk-engine.js');
const { saveCodeCaches } = await import('../dist/runtime/code-cache.js');
const graph = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let error;
try {
  createLayoutSync()(graph);
} catch (err) {
  error = `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
}
const ms = performance.now() - started;
saveCodeCaches();
const usage = process.resourceUsage();
// CPU time of the whole process (all its threads), as run-cli.mjs reports journeyflow's.
process.stdout.write(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS, error }) + '\n');
