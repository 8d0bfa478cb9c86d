import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../support/cli.js';
import { launchBrowser, SKIP_BROWSER_SUITE } from '../support/browser.js';
import { run, type Run } from '../plugins/helpers.js';
import { serveFolder } from './server.js';

/*
 * A real VitePress site (markdown-it plugin, inline SVG, dark mode by VitePress's `.dark` class) and
 * a real Astro site (rehype plugin, inline SVG, dark mode by the system preference), each built
 * once by its own CLI, then opened in Chromium. The sites import `journeyflow/markdown-it` and
 * `journeyflow/rehype` as a user does, so they run the built package (dist/).
 */

const SITES = path.join(ROOT, 'test', 'sites');
const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const BUILT = fs.existsSync(path.join(ROOT, 'dist', 'plugins', 'markdown-it', 'index.js'));
const cache = tmpDir('jf-site-cache-');
const env = (extra: Record<string, string> = {}) => ({ JF_SITE_CACHE: cache, ASTRO_TELEMETRY_DISABLED: '1', ...extra });

const buildVitepress = (extra?: Record<string, string>, outDir = '.vitepress/dist') =>
  run(BIN('vitepress'), ['build', '.', '--outDir', outDir], { cwd: path.join(SITES, 'vitepress'), env: env(extra) });
const buildAstro = (extra?: Record<string, string>) => run(BIN('astro'), ['build'], { cwd: path.join(SITES, 'astro'), env: env(extra) });

/** Diagrams drawn for light mode in the page: id, whether shown, natural and drawn width, and the scroll box. */
async function diagrams(page: Page) {
  return page.$$eval('.jf-block svg[data-jf-theme~="light"]', (svgs) => svgs.map((svg) => {
    const box = svg.getBoundingClientRect();
    const holder = svg.parentElement!;
    return { id: svg.getAttribute('data-id'), shown: box.width > 0 && box.height > 0, width: box.width, natural: Number(svg.getAttribute('width')), scrolls: holder.scrollWidth > holder.clientWidth };
  }));
}

/** The smallest text on screen in the visible diagrams, in CSS pixels (font size times the SVG's scale). */
async function smallestText(page: Page): Promise<number> {
  return page.$$eval('.jf-block svg text', (texts) => Math.min(...texts.filter((t) => (t as SVGGraphicsElement).getBoundingClientRect().width > 0).map((t) => {
    const ctm = (t as SVGGraphicsElement).getScreenCTM()!;
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
  })));
}

/**
 * What each block shows: the painted background of its one displayed drawing (the computed fill, so
 * a drawing repainted by its dark stylesheet counts as dark), or how many drawings show when not one.
 */
async function shownBackgrounds(page: Page): Promise<string[]> {
  return page.$$eval('.jf-block', (blocks) => blocks.map((b) => {
    const shown = [...b.querySelectorAll('svg[data-jf-theme]')].filter((s) => getComputedStyle(s).display !== 'none');
    return shown.length === 1 ? getComputedStyle(shown[0].querySelector('.jf-background')!).fill : `${shown.length} drawings`;
  }));
}
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(15, 23, 42)';

/** Clicks the subprocess link inside the after-sales diagram (its shown drawing) and returns the data-id of the SVG it leads to. */
async function followSubprocessLink(page: Page, theme: 'light' | 'dark'): Promise<string | null> {
  const link = await page.$(`.jf-block[data-journeyflow="after-sales"] svg[data-jf-theme~="${theme}"] a[href*="onsite-repair"]`);
  expect(link, 'subprocess link in the inline SVG').not.toBeNull();
  // In the middle of the window, not under VitePress's fixed top bar.
  await link!.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link!.click()]);
  return page.evaluate(() => document.documentElement.getAttribute('data-id'));
}

/**
 * The `zoom` buttons: on the diagrams at least 700 px wide (the test sites' threshold) only. The
 * wide journey map's, clicked: its block covers the window above the site's own bars, the map at
 * natural size; clicked again: back in the column. No script anywhere in the SVGs.
 */
async function checkZoom(page: Page): Promise<void> {
  const zoomable = await page.$$eval('.jf-block', (bs) => bs.map((b) => ({
    id: b.getAttribute('data-journeyflow'), width: Number(b.querySelector('svg')!.getAttribute('width')), button: b.previousElementSibling?.classList.contains('jf-zoom-label') ?? false,
  })));
  expect(zoomable.filter((b) => b.button).map((b) => b.id)).toEqual(zoomable.filter((b) => b.width >= 700).map((b) => b.id));
  expect(zoomable.filter((b) => b.button).map((b) => b.id)).toContain('retail-journey');
  expect(zoomable.find((b) => b.id === 'after-sales')!.button, 'the 676 px flow fits the column: no button').toBe(false);
  expect(await page.$$eval('.jf-block svg script, .jf-block svg [onclick], .jf-block svg [onload]', (s) => s.length)).toBe(0);
  const block = '.jf-block[data-journeyflow="retail-journey"]';
  const button = `.jf-zoom-label:has(+ ${block})`;
  const inColumn = await page.$eval(block, (b) => b.clientWidth);
  await page.click(button);
  const view = await page.$eval(block, (b) => {
    const svg = b.querySelector('svg[data-jf-theme~="light"]')!;
    const label = b.previousElementSibling!.getBoundingClientRect();
    const onTop = (x: number, y: number) => document.elementFromPoint(x, y);
    return {
      position: getComputedStyle(b).position, width: b.getBoundingClientRect().width, viewport: document.documentElement.clientWidth,
      svgWidth: svg.getBoundingClientRect().width, natural: Number(svg.getAttribute('width')),
      overlayOnTop: b.contains(onTop(8, 8)), labelOnTop: onTop(label.x + label.width / 2, label.y + label.height / 2) === b.previousElementSibling,
    };
  });
  expect(view.position).toBe('fixed');
  expect(view.width).toBeCloseTo(view.viewport, 0);
  expect(view.width, 'the enlarged view is wider than the column').toBeGreaterThan(inColumn);
  expect(view.svgWidth).toBeCloseTo(view.natural, 0);
  expect(view.overlayOnTop && view.labelOnTop, 'the overlay and its close button lie above the site\'s bars').toBe(true);
  await page.click(button);
  expect(await page.$eval(block, (b) => [getComputedStyle(b).position, b.clientWidth])).toEqual(['static', inColumn]);
}

const expectBuilt = (r: Run) => expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);

describe.skipIf(SKIP_BROWSER_SUITE || !BUILT)('docs sites built with the journeyflow plugins', () => {
  let browser: Browser;
  const builds: Record<string, Run> = {};
  const servers: Array<{ url: string; close: () => Promise<void> }> = [];

  beforeAll(async () => {
    // The two good builds run side by side, then the two that must fail (they stop at the broken block).
    [builds.vitepress, builds.astro] = await Promise.all([buildVitepress(), buildAstro()]);
    [builds.vitepressBroken, builds.astroBroken] = await Promise.all([
      buildVitepress({ JF_SITE_BROKEN: '1' }, '.vitepress/dist-broken'),
      buildAstro({ JF_SITE_BROKEN: '1' }),
    ]);
    browser = await launchBrowser();
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    fs.rmSync(cache, { recursive: true, force: true });
  });

  async function open(dir: string): Promise<Page> {
    const server = await serveFolder(dir);
    servers.push(server);
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    return page;
  }

  it('VitePress: every diagram at natural size, text ≥ 10 px, wide map scrolls and enlarges, links and dark mode work', async () => {
    expectBuilt(builds.vitepress);
    const page = await open(path.join(SITES, 'vitepress', '.vitepress', 'dist'));
    const shown = await diagrams(page);
    expect(shown.map((d) => d.id)).toEqual(['after-sales', 'retail-journey', 'index']);
    for (const d of shown) { expect(d.shown).toBe(true); expect(d.width).toBeCloseTo(d.natural, 0); }
    expect(shown.find((d) => d.id === 'retail-journey')!.scrolls, 'the wide journey map scrolls sideways').toBe(true);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(10);
    // Vue left the label alone: {{ amount }} is text, not an expression.
    expect(await page.$eval('.jf-block[data-journeyflow="index"]', (b) => b.textContent)).toContain('退款 {{ amount }}');
    await checkZoom(page);
    expect(await shownBackgrounds(page)).toEqual([LIGHT_BACKGROUND, LIGHT_BACKGROUND, LIGHT_BACKGROUND]);
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    expect(await shownBackgrounds(page)).toEqual([DARK_BACKGROUND, DARK_BACKGROUND, DARK_BACKGROUND]);
    expect(await followSubprocessLink(page, 'dark')).toBe('onsite-repair');
    await page.close();
  });

  it('Astro: every diagram shown, text ≥ 10 px, the wide map enlarges, the dark drawing under prefers-color-scheme: dark, links work', async () => {
    expectBuilt(builds.astro);
    const page = await open(path.join(SITES, 'astro', 'dist'));
    const shown = await diagrams(page);
    expect(shown.map((d) => d.id)).toEqual(['after-sales', 'retail-journey', 'index']);
    expect(shown.every((d) => d.shown)).toBe(true);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(10);
    await checkZoom(page);
    expect(await shownBackgrounds(page)).toEqual([LIGHT_BACKGROUND, LIGHT_BACKGROUND, LIGHT_BACKGROUND]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await shownBackgrounds(page)).toEqual([DARK_BACKGROUND, DARK_BACKGROUND, DARK_BACKGROUND]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(await followSubprocessLink(page, 'light')).toBe('onsite-repair');
    await page.close();
  });

  it('a broken block fails both builds at its line in the Markdown file, without a stack trace', () => {
    for (const [r, file] of [[builds.vitepressBroken, 'broken.md'], [builds.astroBroken, 'broken/pages/broken.md']] as const) {
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.code, out).not.toBe(0);
      expect(out).toContain(`${file}:13:10 error [unknown-reference] edge target "c" is not a node of this flow`);
      expect(out).toContain(`${file}:11:11 error [unreachable-node]`);
      expect(out, 'no journeyflow stack frames').not.toMatch(/at .*plugins\/shared\//);
    }
  });
});
