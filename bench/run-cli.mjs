// Runs the journeyflow CLI through its launcher (bin/journeyflow.js: the bundle and the code cache,
// exactly as a user's `journeyflow` runs) in this process, and reports its own wall time, peak
// memory, CPU time (all its threads) and the number of threads it started as JSON on stderr's last line, so the benchmark gets
// them without platform tools. With -j 1 a thread means ELK overflowed the default stack and the
// graph was laid out again on the deep-stack thread (src/layout/deep-stack.ts).
import { createRequire, syncBuiltinESMExports } from 'node:module';
const started = performance.now();
const threads = createRequire(import.meta.url)('node:worker_threads');
let startedThreads = 0;
const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(...args) { super(...args); startedThreads++; }
};
syncBuiltinESMExports();
process.argv = [process.argv[0], 'journeyflow', ...process.argv.slice(2)];
process.on('exit', (code) => {
  process.stderr.write(`\n${JSON.stringify({ code, ms: performance.now() - started, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000, maxRssKb: process.resourceUsage().maxRSS, threads: startedThreads })}\n`);
});
await import('../bin/journeyflow.js');
