// Runs the journeyflow CLI in this process and reports its own wall time and peak memory as JSON
// on stderr's last line, so the benchmark gets both without platform tools.
const started = performance.now();
const { main } = await import('../dist/cli/main.js');
const code = await main(['node', 'journeyflow', ...process.argv.slice(2)]);
process.stderr.write(`\n${JSON.stringify({ code, ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
