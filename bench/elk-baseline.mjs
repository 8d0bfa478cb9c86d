// Bare elkjs: a fresh process lays out the same graph (same nodes, edges and node sizes as
// journeyflow's layered call) and reports its wall time and peak memory. The floor we compare with.
import { createRequire } from 'node:module';
import fs from 'node:fs';
const started = performance.now();
const require = createRequire(import.meta.url);
const ELK = require('elkjs/lib/elk.bundled.js');
const graph = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
await new ELK().layout(graph);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
