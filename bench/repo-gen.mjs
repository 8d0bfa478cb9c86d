#!/usr/bin/env node
// A seeded repository of mixed diagrams for the repository-scale benchmark (bench/repo.mjs): 60 %
// flows (1–5 lanes, 10–80 nodes, decisions looping back or skipping on), 20 % journey maps (4–8
// stages), 20 % lifecycles (4–8 states), in folders of 25 like a team's docs tree. The same count
// and seed always write the same files. `node bench/repo-gen.mjs DIR [--count N] [--seed S]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFlow, generateJourney, generateLifecycle, seededRandom } from './generate.mjs';

const FOLDER_SIZE = 25;

/** The kinds in the mix, by share, each with its generator over a size drawn from its range. */
const MIX = [
  { kind: 'flow', folder: 'flows', share: 0.6, make: (rand, seed, title) => generateFlow(10 + Math.floor(rand() * 71), 1 + Math.floor(rand() * 5), seed, { title }) },
  { kind: 'journey', folder: 'journeys', share: 0.2, make: (rand, seed, title) => generateJourney(4 + Math.floor(rand() * 5), seed, title) },
  { kind: 'lifecycle', folder: 'lifecycles', share: 0.2, make: (rand, seed, title) => generateLifecycle(4 + Math.floor(rand() * 5), seed, title) },
];

/**
 * Writes `count` diagrams under `dir` (emptied first) and returns their paths by kind. Titles are
 * numbered, so no two diagrams are alike.
 */
export function generateRepo(dir, { count = 500, seed = 1 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const rand = seededRandom(seed);
  const files = {};
  let made = 0;
  MIX.forEach(({ kind, folder, share, make }, k) => {
    const n = k === MIX.length - 1 ? count - made : Math.round(count * share);
    made += n;
    files[kind] = [];
    for (let i = 0; i < n; i++) {
      const sub = path.join(dir, folder, `group-${String(Math.floor(i / FOLDER_SIZE) + 1).padStart(2, '0')}`);
      fs.mkdirSync(sub, { recursive: true });
      const file = path.join(sub, `${kind}-${String(i + 1).padStart(3, '0')}.${kind}.yaml`);
      fs.writeFileSync(file, make(rand, 1 + Math.floor(rand() * 0x7ffffffe), `${kind} ${i + 1} of the generated repository`));
      files[kind].push(file);
    }
  });
  return files;
}

/** One edit a user makes: a flow's first activity renamed (its layout and picture change). */
export function editOne(file, round = 1) {
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/label: "[^"]*"/, `label: "Renamed step, edit ${round}"`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : fallback; };
  const dir = process.argv[2];
  if (!dir || dir.startsWith('--')) {
    console.error('usage: node bench/repo-gen.mjs DIR [--count N] [--seed S]');
    process.exit(2);
  }
  const files = generateRepo(dir, { count: arg('--count', 500), seed: arg('--seed', 1) });
  console.log(Object.entries(files).map(([kind, xs]) => `${xs.length} ${kind}s`).join(', ') + ` written under ${dir}`);
}
