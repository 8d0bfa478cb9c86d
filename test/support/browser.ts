import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { expect, inject } from 'vitest';
import { CHROME } from './chromium.js';
import { ROOT } from './cli.js';

export { CHROME } from './chromium.js';

export const NO_CHROME_REASON =
  'no Chromium found (looked at $CHROME_PATH, $PUPPETEER_EXECUTABLE_PATH and /usr/bin/chromium); install Debian\'s `chromium` or point CHROME_PATH at a Chrome/Chromium binary';

/**
 * Without a browser the suite is skipped on a developer machine, but on CI (process.env.CI set) it must
 * not pass silently: the suite then runs and fails in beforeAll with NO_CHROME_REASON.
 */
export const SKIP_BROWSER_SUITE = !CHROME && !process.env.CI;
if (SKIP_BROWSER_SUITE) console.warn(`[browser suite skipped] ${NO_CHROME_REASON}`);

/**
 * A connection to the run's one Chromium (started by the global setup, chromium-broker.ts), with
 * a browser context of its own. Test files use it as their own browser: newPage() opens pages in
 * that context, and close() closes the context and the connection, never the shared Chromium.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROME) throw new Error(`browser suite cannot run: ${NO_CHROME_REASON} (CI is set, so this fails instead of skipping)`);
  const answer = await fetch(inject('chromiumBroker'));
  if (!answer.ok) throw new Error(await answer.text());
  const browser = await puppeteer.connect({ browserWSEndpoint: await answer.text() });
  const context = await browser.createBrowserContext();
  browser.newPage = (options) => context.newPage(options);
  browser.close = async () => {
    await context.close();
    await browser.disconnect();
  };
  return browser;
}

export const FONT_FAMILY = 'Noto Sans S Chinese';
const FONT_DIR = path.join(ROOT, 'node_modules', '@embedpdf', 'fonts-sc', 'fonts');

/** The bundled font the layout engine measures with, declared for the page (served from the fake origin). */
export const FONT_FACE_CSS = `
@font-face { font-family: '${FONT_FAMILY}'; src: url('/fonts/regular.otf') format('opentype'); font-weight: 400; font-style: normal; }
@font-face { font-family: '${FONT_FAMILY}'; src: url('/fonts/bold.otf') format('opentype'); font-weight: 700; font-style: normal; }
`;

export const ORIGIN = 'https://jf.test';

export interface ServedPage {
  page: Page;
  /** Messages of every alert/confirm/prompt the page opened (each is dismissed). */
  dialogs: string[];
  /** Requests the page made that are not one of the served routes (each is aborted). */
  strayRequests: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
  /** Serves `html` at ORIGIN + pathname and navigates there. */
  show(pathname: string, html: string): Promise<void>;
  /** Serves a file (a script the page loads) at ORIGIN + pathname. */
  serveFile(pathname: string, file: string, type: string): void;
}

/** The page opened no dialog, threw no error and fetched nothing: what it showed ran no script and needed nothing outside. */
export function expectQuietPage(p: Pick<ServedPage, 'dialogs' | 'pageErrors' | 'strayRequests'>): void {
  expect(p.dialogs, 'dialogs opened').toEqual([]);
  expect(p.pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(p.strayRequests, 'requests that left the page (SVGs must be self-contained)').toEqual([]);
}

/**
 * A page on a fake origin (https://jf.test): requests are intercepted, the page's HTML and the bundled
 * fonts (/fonts/regular.otf, /fonts/bold.otf) are answered from memory / disk, and anything else is
 * recorded and aborted, so the test sees every fetch an SVG or a Mermaid render would make.
 */
export async function servedPage(browser: Browser): Promise<ServedPage> {
  const page = await browser.newPage();
  const routes = new Map<string, { body: Buffer | string; type: string }>();
  const fonts: Record<string, string> = { '/fonts/regular.otf': 'NotoSansHans-Regular.otf', '/fonts/bold.otf': 'NotoSansHans-Bold.otf' };
  const dialogs: string[] = [];
  const strayRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (e) => pageErrors.push(String((e as Error)?.message ?? e)));
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    const url = req.url();
    if (url.startsWith('data:')) return void req.continue().catch(() => undefined);
    if (url.startsWith(ORIGIN + '/')) {
      const p = new URL(url).pathname;
      const route = routes.get(p);
      if (route) return void req.respond({ status: 200, contentType: route.type, body: route.body }).catch(() => undefined);
      if (fonts[p]) {
        const body = fs.readFileSync(path.join(FONT_DIR, fonts[p]));
        routes.set(p, { body, type: 'font/otf' });
        return void req.respond({ status: 200, contentType: 'font/otf', body }).catch(() => undefined);
      }
    }
    strayRequests.push(url);
    void req.abort().catch(() => undefined);
  });
  return {
    page,
    dialogs,
    strayRequests,
    pageErrors,
    async show(pathname: string, html: string) {
      routes.set(pathname, { body: html, type: 'text/html; charset=utf-8' });
      await page.goto(ORIGIN + pathname, { waitUntil: 'load', timeout: 60000 });
    },
    serveFile(pathname: string, file: string, type: string) {
      routes.set(pathname, { body: fs.readFileSync(file), type });
    },
  };
}

/** Waits until the bundled font (regular and bold) is loaded in the page; returns what the page reports. */
export async function waitForFonts(page: Page): Promise<{ regular: boolean; bold: boolean; faces: string[] }> {
  return page.evaluate(async (family: string) => {
    await Promise.all([document.fonts.load(`14px '${family}'`, '中文A'), document.fonts.load(`bold 14px '${family}'`, '中文A')]);
    await document.fonts.ready;
    const faces: string[] = [];
    document.fonts.forEach((f) => faces.push(`${f.family} ${f.weight} ${f.status}`));
    return { regular: document.fonts.check(`14px '${family}'`, '中文A'), bold: document.fonts.check(`bold 14px '${family}'`, '中文A'), faces };
  }, FONT_FAMILY);
}
