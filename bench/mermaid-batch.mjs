// mermaid-cli's Node API rendering every given .mmd to SVG with ONE browser for all of them (its
// best case; its own CLI starts a browser per diagram). Prints the wall time of the whole process.
import fs from 'node:fs';
const started = performance.now();
const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
const puppeteer = (await import('puppeteer')).default;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let bytes = 0;
for (const file of process.argv.slice(2)) {
  const { data } = await renderMermaid(browser, fs.readFileSync(file, 'utf8'), 'svg', { mermaidConfig: { securityLevel: 'strict' } });
  bytes += data.length;
}
await browser.close();
process.stdout.write(JSON.stringify({ ms: performance.now() - started, files: process.argv.length - 2, bytes }) + '\n');
