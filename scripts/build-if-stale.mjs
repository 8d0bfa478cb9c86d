#!/usr/bin/env node
// `npm test`'s first step: `npm run build` unless dist/ is already built from what is checked out.
// A fresh `npm ci` has just built it (the `prepare` script), and a full build costs ~10 s that the
// suite would spend again for nothing. Stale means: an output is missing, or any input of the build
// (src/, schemas/, the build scripts, tsconfig, package.json) is newer than the oldest output; the
// same test as test/harness/dist-fresh.test.ts, made stricter (oldest output against newest input),
// so the suite never runs on a build that test would refuse. `--force` builds in every case.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
function staleness() {
  const sources = filesUnder(at('src'));
  const schemas = filesUnder(at('schemas')).filter((f) => f.endsWith('.schema.json'));
  const inputs = [...sources, ...schemas, at('scripts', 'bundle.mjs'), at('scripts', 'bundle-startup.mjs'), at('scripts', 'compile-schemas.mjs'), at('tsconfig.json'), at('tsconfig.build.json'), at('package.json')];
  const outputs = [
    ...sources.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).flatMap((f) => {
      const rel = path.relative(at('src'), f).replace(/\.ts$/, '');
      return [at('dist', `${rel}.js`), at('dist', `${rel}.d.ts`)];
    }),
    ...schemas.map((f) => at('dist', 'validate', 'compiled', path.basename(f).replace('.schema.json', '.cjs'))),
    at('dist', 'cli', 'journeyflow.cjs'),
    at('dist', 'layout', 'elk-thread.cjs'),
  ];
  const missing = outputs.find((f) => !fs.existsSync(f));
  if (missing) return `${path.relative(root, missing)} is missing`;
  const timed = (files) => files.filter((f) => fs.existsSync(f)).map((f) => ({ f, t: fs.statSync(f).mtimeMs }));
  const newest = timed(inputs).reduce((a, b) => (b.t > a.t ? b : a));
  const oldest = timed(outputs).reduce((a, b) => (b.t < a.t ? b : a));
  if (newest.t > oldest.t) return `${path.relative(root, newest.f)} is newer than ${path.relative(root, oldest.f)}`;
  return undefined;
}

const why = process.argv.includes('--force') ? '--force' : staleness();
if (!why) {
  console.log('dist/ is up to date with src/, schemas/ and the build scripts: not rebuilt (npm run build does it anyway)');
} else {
  console.log(`building dist/ (${why})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
