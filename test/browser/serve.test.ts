import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, fixture } from '../support/cli.js';
import { launchBrowser, SKIP_BROWSER_SUITE } from '../support/browser.js';

const flow = (label: string, edge = 's -> e') => `kind: flow\nnodes:\n  - { id: s, type: start, label: ${label} }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - ${edge}\n`;

describe.skipIf(SKIP_BROWSER_SUITE)('serve in a real browser', () => {
  let browser: Browser;
  let server: ChildProcess;
  let url = '';
  let dir = '';

  beforeAll(async () => {
    dir = fixture({ 'a.flow.yaml': flow('第一版') });
    server = spawn(process.execPath, [BIN, 'serve', dir, '--port', '0'], { env: { ...process.env, NO_COLOR: '1' } });
    url = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60000);
      server.stderr!.on('data', (d) => {
        err += String(d);
        const m = err.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) { clearTimeout(timer); resolve(m[0]); }
      });
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('lists the diagrams, shows one, reloads by itself after a save and shows errors in the page', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.goto(url);
    const listed = await page.$$eval('li a', (as) => as.map((a) => a.textContent ?? ''));
    expect(listed).toHaveLength(1);
    expect(listed[0].endsWith('a.flow.yaml')).toBe(true);
    await page.click('li a');
    await page.waitForSelector('svg.jf-diagram');
    expect(await page.$eval('svg.jf-diagram', (s) => s.textContent)).toContain('第一版');
    // Saving the file: the page must reload by itself and show the new picture.
    const reloaded = page.waitForNavigation({ timeout: 60000 });
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('第二版'));
    await reloaded;
    await page.waitForSelector('svg.jf-diagram');
    expect(await page.$eval('svg.jf-diagram', (s) => s.textContent)).toContain('第二版');
    // A broken save shows its diagnostics instead of a stale picture.
    const again = page.waitForNavigation({ timeout: 60000 });
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('第三版', 's -> nowhere'));
    await again;
    const problems = await page.$eval('pre.problems', (p) => p.textContent);
    expect(problems).toContain('[unknown-reference]');
    expect(await page.$('svg.jf-diagram')).toBeNull();
    expect(dialogs).toEqual([]);
  });

  it('reloads a page whose file was saved before its event stream connected', async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    // The page's /events request is held back until the save has been drawn, as on a slow machine.
    let release: (() => void) | undefined;
    let held = true;
    page.on('request', (r) => {
      if (held && r.url().endsWith('/events')) release = () => void r.continue();
      else void r.continue();
    });
    await page.goto(url);
    await Promise.all([page.waitForNavigation(), page.click('li a')]);
    const viewUrl = page.url();
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('第四版'));
    for (let tries = 0; ; tries++) {
      const text = await (await fetch(viewUrl)).text();
      if (text.includes('第四版')) break;
      if (tries > 600) throw new Error('the save was never drawn');
      await new Promise((r) => setTimeout(r, 100));
    }
    const reloaded = page.waitForNavigation({ timeout: 60000 });
    held = false;
    release?.();
    await reloaded;
    await page.waitForSelector('svg.jf-diagram');
    expect(await page.$eval('svg.jf-diagram', (s) => s.textContent)).toContain('第四版');
  });
});
