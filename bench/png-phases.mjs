#!/usr/bin/env node
// Where a journey map's PNG time goes, in fresh processes (CPU ms of all threads, and wall ms for
// journeyflow's path, whose encoder compresses on the thread pool; medians of --runs, default 5):
// loading resvg-js, cutting the fonts down to the diagram's characters, resvg reading the SVG and
// laying out its text, drawing, and encoding the PNG; with the whole shipped fonts and resvg-js's
// own encoder (asPng) beside it for comparison. Needs `npm run build` (it runs dist/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

if (process.argv[2] === '--child') {
  // One fresh process: every phase once, as `journeyflow build -f png` runs them.
  const [, , , svgFile, mode] = process.argv;
  const { createRequire } = await import('node:module');
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const phases = {};
  const walls = {};
  let t = cpu();
  let w = performance.now();
  const lap = (name) => { const now = cpu(); phases[name] = now - t; t = now; walls[name] = performance.now() - w; w = performance.now(); };
  const { Resvg } = createRequire(path.join(ROOT, 'package.json'))('@resvg/resvg-js');
  const { fontsFor, svgCodePoints, SUBSET_FAMILY } = await import(path.join(ROOT, 'dist/render/png.js'));
  const { subsetFontFiles } = await import(path.join(ROOT, 'dist/render/png-fonts.js'));
  const { encodePng } = await import(path.join(ROOT, 'dist/render/png-encode.js'));
  lap('load resvg-js');
  const svg = fs.readFileSync(svgFile, 'utf8');
  const cps = svgCodePoints(svg);
  const whole = fontsFor(svg, cps);
  const subsets = mode === 'whole' ? undefined : subsetFontFiles(whole, cps, false);
  lap('font subsets');
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: subsets?.files ?? whole, loadSystemFonts: false, defaultFontFamily: SUBSET_FAMILY, sansSerifFamily: SUBSET_FAMILY }, shapeRendering: 2, textRendering: 1 });
  lap('parse SVG, lay out text');
  const image = r.render();
  lap('draw');
  const png = mode === 'whole' ? image.asPng() : await encodePng(image.pixels, image.width, image.height);
  lap('encode PNG');
  subsets?.remove();
  process.stdout.write(JSON.stringify({ phases, walls, bytes: png.length, pixels: `${image.width} × ${image.height}` }) + '\n');
  process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-png-phases-'));
try {
  const journey = path.join(ROOT, 'examples', 'retail-journey.journey.yaml');
  const built = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'journeyflow.js'), 'build', journey, '-o', work, '-q', '--force'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
  const svgFile = path.join(work, 'retail-journey.journey.svg');
  const measure = (mode) => {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', svgFile, mode], { encoding: 'utf8' }).stdout));
    const medians = (field) => Object.fromEntries(Object.keys(runs[0][field]).map((k) => [k, median(runs.map((r) => r[field][k]))]));
    return { phases: medians('phases'), walls: medians('walls'), bytes: runs[0].bytes, pixels: runs[0].pixels };
  };
  const [before, after] = [measure('whole'), measure('subset')];
  console.log(`retail-journey PNG at zoom 2 (${after.pixels} px), ms in a fresh process, median of ${RUNS} — ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`${'phase'.padEnd(26)} ${'whole fonts, asPng: CPU'.padStart(24)} ${'subsets, our encoder: CPU'.padStart(26)} ${'wall'.padStart(6)}`);
  let sums = [0, 0, 0];
  for (const k of Object.keys(after.phases)) {
    sums = [sums[0] + before.phases[k], sums[1] + after.phases[k], sums[2] + after.walls[k]];
    console.log(`${k.padEnd(26)} ${before.phases[k].toFixed(0).padStart(24)} ${after.phases[k].toFixed(0).padStart(26)} ${after.walls[k].toFixed(0).padStart(6)}`);
  }
  console.log(`${'total'.padEnd(26)} ${sums[0].toFixed(0).padStart(24)} ${sums[1].toFixed(0).padStart(26)} ${sums[2].toFixed(0).padStart(6)}`);
  console.log(`${'PNG bytes'.padEnd(26)} ${String(before.bytes).padStart(24)} ${String(after.bytes).padStart(26)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
