#!/usr/bin/env node
// Where a journey map's PNG time goes, in fresh processes (CPU ms of all threads, and wall ms for
// journeyflow's path, whose encoder compresses on the thread pool; medians of --runs, default 5):
// loading resvg-js (as journeyflow loads it, src/render/png-resvg.ts), the font subsets, resvg
// reading the SVG and laying out its text, drawing, and encoding the PNG. Three ways: the whole
// shipped fonts and resvg-js's own encoder (asPng), as before the subsets; the subsets cut in the
// process (an empty cache folder: a diagram's first PNG); and the subsets read back from the cache
// folder (src/render/png-font-cache.ts: the same characters drawn again). Each way has a cache
// folder of its own. Needs `npm run build` (it runs dist/).
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
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const phases = {};
  const walls = {};
  let t = cpu();
  let w = performance.now();
  const lap = (name) => { const now = cpu(); phases[name] = now - t; t = now; walls[name] = performance.now() - w; w = performance.now(); };
  const { Resvg } = (await import(path.join(ROOT, 'dist/render/png-resvg.js'))).loadResvg();
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
  const child = (mode, cache) => {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', svgFile, mode], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, JOURNEYFLOW_NO_CACHE: '' } });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout);
  };
  const warm = path.join(work, 'cache-warm');
  child('cut', warm); // the subsets the 'cached' runs read back
  // Interleaved, so that a change in the machine's load hits every way alike; each 'cut' run starts from an empty cache folder.
  const runs = { whole: [], cut: [], cached: [] };
  for (let i = 0; i < RUNS; i++) for (const mode of Object.keys(runs)) runs[mode].push(child(mode, mode === 'cached' ? warm : fs.mkdtempSync(path.join(work, 'cache-'))));
  const medians = (mode, field) => Object.fromEntries(Object.keys(runs[mode][0][field]).map((k) => [k, median(runs[mode].map((r) => r[field][k]))]));
  const ways = Object.keys(runs).map((mode) => ({ phases: medians(mode, 'phases'), walls: medians(mode, 'walls'), bytes: runs[mode][0].bytes }));
  console.log(`retail-journey PNG at zoom 2 (${runs.cut[0].pixels} px), ms in a fresh process, median of ${RUNS} — ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
  const heads = ['whole fonts, asPng: CPU', 'subsets cut: CPU', 'wall', 'subsets cached: CPU', 'wall'];
  const widths = [24, 17, 6, 20, 6];
  const line = (name, cells) => console.log(`${name.padEnd(26)} ${cells.map((c, i) => String(c).padStart(widths[i])).join(' ')}`);
  line('phase', heads);
  const sums = [0, 0, 0, 0, 0];
  for (const k of Object.keys(ways[0].phases)) {
    const cells = [ways[0].phases[k], ways[1].phases[k], ways[1].walls[k], ways[2].phases[k], ways[2].walls[k]];
    cells.forEach((c, i) => { sums[i] += c; });
    line(k, cells.map((c) => c.toFixed(0)));
  }
  line('total', sums.map((c) => c.toFixed(0)));
  line('PNG bytes', [ways[0].bytes, ways[1].bytes, '', ways[2].bytes, '']);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
