/*
 * What runs in a process of its own (bin/journeyflow.js, worker threads, the library API) runs the
 * build in dist/, not src/. `npm test` builds first (pretest); this fails when dist/ is missing or
 * older than what it is built from, so a test can never pass on a stale build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KIND_NAMES } from '../../src/kinds/registry.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const REBUILD = 'run `npm run build` (npm test does it first)';
const mtime = (file: string) => fs.statSync(file).mtimeMs;
const filesUnder = (dir: string, ext: string): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).sort();

describe('dist/ is built from the current src/', () => {
  const sources = filesUnder(path.join(ROOT, 'src'), '.ts');

  it('exists', () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')), `dist/cli/main.js is missing: ${REBUILD}`).toBe(true);
  });

  it('every src/**/*.ts has its .js and .d.ts in dist/, no older than the source', () => {
    expect(sources.length).toBeGreaterThan(50);
    const stale: string[] = [];
    for (const rel of sources) {
      const src = path.join(ROOT, 'src', rel);
      for (const out of [rel.replace(/\.ts$/, '.js'), rel.replace(/\.ts$/, '.d.ts')]) {
        const built = path.join(ROOT, 'dist', out);
        if (!fs.existsSync(built)) stale.push(`dist/${out} is missing`);
        else if (mtime(built) < mtime(src)) stale.push(`dist/${out} is older than src/${rel}`);
      }
    }
    expect(stale, REBUILD).toEqual([]);
  });

  it('the one-file bundles, when built, are no older than any source', () => {
    const newest = Math.max(...sources.map((rel) => mtime(path.join(ROOT, 'src', rel))));
    const stale = ['dist/cli/journeyflow.cjs', 'dist/layout/elk-thread.cjs']
      .filter((f) => fs.existsSync(path.join(ROOT, f)) && mtime(path.join(ROOT, f)) < newest);
    expect(stale, REBUILD).toEqual([]);
  });

  it('the precompiled validators are no older than their schema', () => {
    // One validator per registered kind (other schemas, e.g. of theme files, are compiled too when present).
    const schemas = fs.readdirSync(path.join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json'));
    expect(schemas).toEqual(expect.arrayContaining(KIND_NAMES.map((k) => `${k}.schema.json`)));
    const stale = schemas.map((f) => [f, `dist/validate/compiled/${f.replace('.schema.json', '.cjs')}`])
      .filter(([schema, built]) => !fs.existsSync(path.join(ROOT, built)) || mtime(path.join(ROOT, built)) < mtime(path.join(ROOT, 'schemas', schema)))
      .map(([, built]) => built);
    expect(stale, REBUILD).toEqual([]);
  });
});
