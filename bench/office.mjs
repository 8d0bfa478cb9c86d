#!/usr/bin/env node
// Office formats against PNG (issue 21: each within 2× the PNG time for the same diagram). For each
// kind's example the scene is laid out once, then every renderer is timed in this process: a warm-up
// run (loads pptxgenjs, pdfkit, resvg and the fonts), then the median of several. Needs `npm run build`.
// Not a test: nothing here fails; `--quick` runs fewer rounds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(ROOT, 'dist', p));
const { checkSource, drawDocument } = await dist('compile.js');
const { renderPng } = await dist('render/png.js');
const { renderPptx } = await dist('render/pptx/index.js');
const { renderDrawio, renderDrawioSvg } = await dist('render/drawio/index.js');
const { renderPdf } = await dist('render/pdf/index.js');

const RUNS = process.argv.includes('--quick') ? 3 : 7;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function time(fn) {
  await fn();
  const runs = [];
  for (let i = 0; i < RUNS; i++) { const t = performance.now(); await fn(); runs.push(performance.now() - t); }
  return median(runs);
}

async function sceneOf(file) {
  const abs = path.join(ROOT, 'examples', file);
  const options = { file, absPath: abs, root: path.dirname(abs) };
  const checked = checkSource(fs.readFileSync(abs, 'utf8'), options);
  return drawDocument(checked.documents[0], options);
}

console.log(`journeyflow office formats against PNG (zoom 2) — ${os.cpus().length} cores, Node ${process.version}, median of ${RUNS}`);
console.log(['diagram', 'png', 'pptx', 'drawio', 'drawio.svg', 'pdf', 'worst ratio', 'target ≤ 2×'].join('\t'));
for (const file of ['retail-journey.journey.yaml', 'after-sales.flow.yaml', 'b2b-account.lifecycle.yaml']) {
  const { scene, svg } = await sceneOf(file);
  const png = await time(() => renderPng(svg, { scale: 2 }));
  const figures = {
    pptx: await time(() => renderPptx([{ scene }])),
    drawio: await time(async () => renderDrawio([{ scene }])),
    'drawio.svg': await time(async () => renderDrawioSvg(scene, svg)),
    pdf: await time(() => renderPdf([{ scene }])),
  };
  const worst = Math.max(...Object.values(figures)) / png;
  console.log([file, ...[png, ...Object.values(figures)].map((ms) => `${ms.toFixed(1)} ms`), `${worst.toFixed(2)}×`, worst <= 2 ? 'met' : 'MISSED'].join('\t'));
}
