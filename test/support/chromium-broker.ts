import http from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { TestProject } from 'vitest/node';
import { CHROME, CHROME_ARGS } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL that answers with the shared Chromium's DevTools endpoint (see launchBrowser in browser.ts). */
    chromiumBroker: string;
  }
}

/**
 * Vitest global setup: one Chromium for the whole run, shared by every browser test file. It is
 * started on the first request to a local endpoint, so a run without browser tests (say
 * `vitest run test/cli`) never starts one; test files in any worker connect to the same browser.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let browser: Promise<Browser> | undefined;
  const server = http.createServer((_req, res) => {
    if (!CHROME) { res.writeHead(404).end('no Chromium'); return; }
    browser ??= puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
    browser.then(
      (b) => res.writeHead(200, { 'content-type': 'text/plain' }).end(b.wsEndpoint()),
      (err: Error) => res.writeHead(500).end(`Chromium did not start: ${err.message}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('chromiumBroker', `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
    await (await browser?.catch(() => undefined))?.close();
  };
}
