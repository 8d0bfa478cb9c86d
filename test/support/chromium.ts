import fs from 'node:fs';

/*
 * Which Chromium the browser suite drives, and how it is started. No vitest import here: the
 * global setup (chromium-broker.ts) runs outside the test workers and uses this too.
 */

/** CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, else Debian's /usr/bin/chromium. */
export const CHROME: string | undefined = [process.env.CHROME_PATH, process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium'].find(
  (p): p is string => !!p && fs.existsSync(p),
);

export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
