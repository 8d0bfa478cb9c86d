import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT } from '../support/cli.js';
import { jfAsync } from './helpers.js';

const FLOW = (extra = '') => `kind: flow
title: Orders
nodes:
  - { id: s, type: start, label: Start }
  - { id: work, label: Pack goods${extra} }
  - { id: e, type: end, label: Done }
edges:
  - s -> work -> e
`;

describe('journeyflow diff -f md -o -', () => {
  const dir = fixture({ 'old/orders.flow.yaml': FLOW(), 'new/orders.flow.yaml': FLOW(' and label') });
  const args = ['diff', path.join(dir, 'old/orders.flow.yaml'), path.join(dir, 'new/orders.flow.yaml'), '-f', 'md', '-o', '-'];

  it('refuses without --image-base, since the picture would be written nowhere, and suggests a folder', async () => {
    const r = await jfAsync(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/would link pictures that are not written; write to a folder instead \(-f svg,md -o jf-diff\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('with --image-base links the picture where a run without -o writes it, never under "-/"', async () => {
    const r = await jfAsync([...args, '--image-base', 'https://example.com/pr-7/'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/!\[diff of orders\]\(https:\/\/example\.com\/pr-7\/new\/orders\.flow\.diff\.svg\)/);
    expect(r.stdout).not.toMatch(/\(-\//);
  });
});

/** Starts `journeyflow serve` on a free port and resolves with its URL once it listens. */
function startServe(cwd: string, inputs: string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...inputs, '--port', '0'], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = err.match(/at (http:\/\/[^/]+\/)/);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const get = (url: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });

describe('journeyflow serve: links between diagrams', () => {
  it('a subprocess ref and a journey step flow link open the linked diagram page', async () => {
    const server = await startServe(ROOT, ['examples']);
    try {
      const page = await get(`${server.url}view?file=${encodeURIComponent('examples/after-sales.flow.yaml')}`);
      expect(page.status).toBe(200);
      const href = page.body.match(/<a href="(\/view\?file=[^"]*onsite-repair[^"]*)"/)?.[1];
      expect(href, 'subprocess link in the after-sales page').toBe('/view?file=examples%2Fonsite-repair.flow.yaml');
      const linked = await get(server.url + href!.slice(1).replace(/&amp;/g, '&'));
      expect(linked.status).toBe(200);
      expect(linked.body).toMatch(/data-id="onsite-repair"/);

      const journey = await get(`${server.url}view?file=${encodeURIComponent('examples/retail-journey.journey.yaml')}`);
      const flowHref = journey.body.match(/<a href="(\/view\?file=[^"]*\.flow\.yaml)"/)?.[1];
      expect(flowHref, 'a step flow: link in the journey page').toBeDefined();
      expect((await get(server.url + flowHref!.slice(1))).status).toBe(200);
    } finally {
      server.stop();
    }
  });
});
