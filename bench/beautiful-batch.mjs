// beautiful-mermaid (a DOM-free Mermaid renderer on elkjs) rendering every given .mmd to SVG in
// this one process, synchronously. Prints the wall time of the whole process, the diagrams it could
// not render (counted, not fatal), the SVG bytes it made and its CPU time.
import fs from 'node:fs';
const started = performance.now();
const { renderMermaidSVG } = await import('beautiful-mermaid');
let bytes = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    bytes += renderMermaidSVG(fs.readFileSync(file, 'utf8')).length;
  } catch {
    failed++;
  }
}
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, files: process.argv.length - 2, failed, bytes }) + '\n');
