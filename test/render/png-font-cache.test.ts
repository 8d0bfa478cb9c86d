/**
 * The font subsets kept in the cache folder (src/render/png-font-cache.ts): a second PNG of the same
 * characters reads the subsets the first one cut, draws the same bytes as a PNG with caching off,
 * and the folder stays bounded; a folder that cannot be written, or a broken cached file, only
 * costs the cut.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPng } from '../../src/api/index.js';
import { MAX_CACHED_SUBSETS, cachedSubsetPaths, storeSubsets, subsetCacheDir, subsetCacheKey } from '../../src/render/png-font-cache.js';
import { subsetFontFiles } from '../../src/render/png-fonts.js';
import { fontsFor, svgCodePoints } from '../../src/render/png.js';
import { tmpDir } from '../support/cli.js';

const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, JOURNEYFLOW_NO_CACHE: process.env.JOURNEYFLOW_NO_CACHE };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

/** A fresh cache folder for this process's renders. */
function freshCache(): string {
  const dir = tmpDir('jf-subset-cache-');
  process.env.XDG_CACHE_HOME = dir;
  delete process.env.JOURNEYFLOW_NO_CACHE;
  return path.join(dir, 'journeyflow', 'font-subsets');
}

const svgOf = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="60" viewBox="0 0 260 60"><text x="4" y="40" font-size="22" fill="#223344">${text}</text><text x="150" y="40" font-size="22" font-weight="700">${text}</text></svg>`;
const subsetFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const ourTemporaries = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`journeyflow-${process.pid}-`));

describe('cached PNG font subsets', () => {
  it('cuts the fonts once per set of characters and draws the same PNG as with caching off', async () => {
    const dir = freshCache();
    const svg = svgOf('售后回访 AVATAR');
    const first = Buffer.from(await renderPng(svg));
    const files = subsetFiles(dir);
    expect(files).toHaveLength(2); // regular and bold
    const inodes = files.map((f) => fs.statSync(path.join(dir, f)).ino);
    const again = Buffer.from(await renderPng(svg));
    expect(again.equals(first)).toBe(true);
    // Read back, not cut and written again (a write renames a new file into place).
    expect(subsetFiles(dir)).toEqual(files);
    expect(files.map((f) => fs.statSync(path.join(dir, f)).ino)).toEqual(inodes);
    process.env.JOURNEYFLOW_NO_CACHE = '1';
    const temporariesBefore = ourTemporaries();
    expect(Buffer.from(await renderPng(svg)).equals(first)).toBe(true);
    expect(ourTemporaries()).toEqual(temporariesBefore);
    // Other characters, other subsets.
    delete process.env.JOURNEYFLOW_NO_CACHE;
    await renderPng(svgOf('流程图 Wy'));
    expect(subsetFiles(dir)).toHaveLength(4);
  });

  it('names the subsets by the characters, the fonts and vertical text', () => {
    const fonts = fontsFor('A');
    const key = subsetCacheKey(fonts, svgCodePoints('售后'), false);
    expect(subsetCacheKey(fonts, new Set([...svgCodePoints('售后')].reverse()), false)).toBe(key);
    expect(subsetCacheKey(fonts, svgCodePoints('售前'), false)).not.toBe(key);
    expect(subsetCacheKey(fonts, svgCodePoints('售后'), true)).not.toBe(key);
    expect(subsetCacheKey(fonts.slice(0, 1), svgCodePoints('售后'), false)).not.toBe(key);
  });

  it('keeps at most MAX_CACHED_SUBSETS files, the least recently used leaving first', () => {
    const dir = freshCache();
    fs.mkdirSync(dir, { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    for (let i = 0; i < MAX_CACHED_SUBSETS + 5; i++) {
      const file = path.join(dir, `${String(i).padStart(24, '0')}-Old.otf`);
      fs.writeFileSync(file, 'x');
      fs.utimesSync(file, old, new Date(old.getTime() + i * 1000));
    }
    const fonts = fontsFor('A');
    const files = cachedSubsetPaths(dir, subsetCacheKey(fonts, svgCodePoints('A'), false), fonts);
    expect(storeSubsets(dir, files, [Buffer.from('regular'), Buffer.from('bold')])).toBe(true);
    const left = subsetFiles(dir);
    expect(left).toHaveLength(MAX_CACHED_SUBSETS);
    expect(files.every((f) => left.includes(path.basename(f)))).toBe(true);
    // The oldest went: seven of them (five over, and room for the two new files).
    for (let i = 0; i < 7; i++) expect(left).not.toContain(`${String(i).padStart(24, '0')}-Old.otf`);
    expect(left).toContain(`${String(7).padStart(24, '0')}-Old.otf`);
  });

  it('cuts the fonts again for an empty cached file, and uses temporary files when the folder cannot be written', () => {
    const dir = freshCache();
    const svg = svgOf('回访');
    const cps = svgCodePoints(svg);
    const fonts = fontsFor(svg, cps);
    const first = subsetFontFiles(fonts, cps, false)!;
    expect(first.files.every((f) => path.dirname(f) === dir)).toBe(true);
    const good = fs.readFileSync(first.files[0]);
    fs.writeFileSync(first.files[0], '');
    const again = subsetFontFiles(fonts, cps, false)!;
    expect(again.files).toEqual(first.files);
    expect(fs.readFileSync(again.files[0]).equals(good)).toBe(true);
    // A cache folder under a plain file: nothing can be created there.
    const blocker = path.join(tmpDir('jf-subset-blocked-'), 'file');
    fs.writeFileSync(blocker, '');
    process.env.XDG_CACHE_HOME = blocker;
    expect(subsetCacheDir()).toBe(path.join(blocker, 'journeyflow', 'font-subsets'));
    const temporary = subsetFontFiles(fonts, cps, false)!;
    expect(temporary.files.every((f) => path.dirname(f) === os.tmpdir())).toBe(true);
    expect(temporary.files.every((f, i) => fs.readFileSync(f).equals(fs.readFileSync(first.files[i])))).toBe(true);
    temporary.remove();
    expect(temporary.files.some((f) => fs.existsSync(f))).toBe(false);
  });
});
