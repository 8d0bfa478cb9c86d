// mermaid-cli's Node API rendering every given .mmd to SVG with ONE browser for all of them (its
// best case; its own CLI starts a browser per diagram). Prints the wall time of the whole process,
// the part spent before the first diagram (imports and the browser's start) and the diagrams it
// could not render (counted, not fatal, so one refused diagram does not void a long run).
import fs from 'node:fs';
const started = performance.now();
const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
const puppeteer = (await import('puppeteer')).default;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const startMs = performance.now() - started;
let bytes = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const { data } = await renderMermaid(browser, fs.readFileSync(file, 'utf8'), 'svg', { mermaidConfig: { securityLevel: 'strict' } });
    bytes += data.length;
  } catch {
    failed++;
  }
}
await browser.close();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, startMs, files: process.argv.length - 2, failed, bytes }) + '\n');
