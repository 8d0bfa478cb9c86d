/**
 * The long-running commands in process: `serve` (pages, errors in the page, server-sent events on
 * save) and `build --watch` (rebuild on save and on a new file), plus the progress line on a
 * terminal. Both commands end on SIGINT; the test catches the handler they register and calls it,
 * so no signal is ever sent to the test process.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli, startCli, until, writeTree } from '../support/inprocess.js';

const flow = (label: string) => `kind: flow\nnodes:\n  - { id: s, type: start, label: ${label} }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`;
const roots: string[] = [];
const tree = (files: Record<string, string>) => { const d = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-live-')), files); roots.push(d); return d; };
afterAll(() => { for (const d of roots) fs.rmSync(d, { recursive: true, force: true }); });

/** SIGINT handlers registered while a test runs, kept instead of installed. */
let stops: Array<() => void> = [];
beforeEach(() => {
  stops = [];
  const once = process.once.bind(process);
  vi.spyOn(process, 'once').mockImplementation(((event: string, fn: () => void) => {
    if (event === 'SIGINT') { stops.push(fn); return process; }
    if (event === 'SIGTERM') return process;
    return once(event, fn);
  }) as typeof process.once);
});
afterEach(() => { vi.restoreAllMocks(); });
/** The command's own stop handler is the last one registered (writes register a cleanup first). */
const stop = () => stops[stops.length - 1]?.();

function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('serve', () => {
  it('lists the diagrams, shows each one or its problems, and tells open pages when a file is saved', async () => {
    const dir = tree({ 'a.flow.yaml': flow('First'), 'bad.flow.yaml': flow('Bad').replace('s -> e', 's -> x') });
    const run = startCli(['serve', '.', '--port', '0', '-t', 'dark'], dir);
    try {
      await serveChecks(run, dir);
    } finally {
      stop();
    }
    expect((await run.done).code).toBe(0);
  });

  async function serveChecks(run: ReturnType<typeof startCli>, dir: string): Promise<void> {
    await until(() => /at http:\/\/127\.0\.0\.1:\d+\//.test(run.stderr.text), 'the server to listen');
    const base = run.stderr.text.match(/(http:\/\/127\.0\.0\.1:\d+)\//)![1];
    expect(run.stderr.text).toBe(`journeyflow: serving 2 diagram file(s) at ${base}/ (Ctrl-C to stop)\n`);

    const index = await get(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<ul><li><a href="/view?file=a.flow.yaml">a.flow.yaml</a></li><li><a href="/view?file=bad.flow.yaml">bad.flow.yaml</a> <span class="bad">has problems</span></li></ul>');
    const nonce = String(index.headers['content-security-policy']).match(/script-src 'nonce-([^']+)'/)![1];
    expect(index.body).toContain(`<script nonce="${nonce}">`);
    expect(index.headers['x-content-type-options']).toBe('nosniff');

    const page = await get(`${base}/view?file=a.flow.yaml`);
    expect(page.body).toMatch(/<figure><svg [^>]*data-id="a"/);
    expect(page.body).toContain('First');
    const bad = await get(`${base}/view?file=bad.flow.yaml`);
    expect(bad.body).toContain('<pre class="problems">bad.flow.yaml:4:11 error [unreachable-node] node &quot;e&quot; cannot be reached');
    expect(bad.body).toContain('bad.flow.yaml:6:10 error [unknown-reference] edge target &quot;x&quot; is not a node of this flow\n  5 | edges:\n&gt; 6 |   - s -&gt; x\n');
    expect(bad.body).not.toContain('<figure>');
    expect(await get(`${base}/view?file=../etc/passwd`)).toMatchObject({ status: 404, body: 'not one of the served diagrams\n' });
    expect(await get(`${base}/favicon.ico`)).toMatchObject({ status: 404, body: 'not found\n' });

    const events: string[] = [];
    const req = http.get(`${base}/events`, (res) => { res.setEncoding('utf8'); res.on('data', (c) => events.push(String(c))); });
    await until(() => events.length > 0, 'the first event');
    const first = Number(events[0].match(/^data: (\d+)\n\n$/)![1]);
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('Second'));
    await until(() => events.some((e) => Number(e.match(/data: (\d+)/)?.[1]) > first), 'an event after the save');
    expect((await get(`${base}/view?file=a.flow.yaml`)).body).toContain('Second');
    fs.rmSync(path.join(dir, 'bad.flow.yaml'));
    await until(() => events.length > 2, 'an event after the removal');
    expect((await get(`${base}/`)).body).not.toContain('bad.flow.yaml');
    req.destroy();
  }

  it('says when the port is taken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const dir = tree({ 'a.flow.yaml': flow('A') });
    const r = await cli(['serve', 'a.flow.yaml', '--port', String(port)], dir);
    await new Promise((r2) => blocker.close(r2));
    expect([r.code, r.stderr]).toEqual([2, `journeyflow: port ${port} is in use; choose another with --port\n`]);
  });
});

describe('build --watch', () => {
  it('builds once, then rebuilds a saved file and a new one, reporting problems', async () => {
    const dir = tree({ 'src/a.flow.yaml': flow('First') });
    const run = startCli(['build', 'src', '--watch', '-o', 'out', '-f', 'svg,txt'], dir);
    try {
      await watchChecks(run, dir);
    } finally {
      stop();
    }
    expect((await run.done).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.svg', 'a.flow.txt', 'b.flow.svg', 'b.flow.txt']);
  });

  async function watchChecks(run: ReturnType<typeof startCli>, dir: string): Promise<void> {
    await until(() => run.stderr.text.includes('watching src (Ctrl-C to stop)\n'), 'the watcher');
    expect(run.stderr.text).toMatch(/^\[\d\d:\d\d:\d\d\] 2 file\(s\) written\nwatching src/);
    const svg = () => fs.readFileSync(path.join(dir, 'out/a.flow.svg'), 'utf8');
    expect(svg()).toContain('First');

    fs.writeFileSync(path.join(dir, 'src/a.flow.yaml'), flow('Second'));
    await until(() => svg().includes('Second'), 'the rebuild of a.flow.yaml');
    fs.writeFileSync(path.join(dir, 'src/b.flow.yaml'), flow('New'));
    await until(() => fs.existsSync(path.join(dir, 'out/b.flow.txt')), 'the build of the new file');
    fs.writeFileSync(path.join(dir, 'src/b.flow.yaml'), flow('Broken').replace('s -> e', 's -> x'));
    await until(() => run.stderr.text.includes('problem(s)'), 'the report of the broken file');
    expect(run.stderr.text).toMatch(/src\/b\.flow\.yaml:6:10 error \[unknown-reference\] edge target "x" is not a node of this flow\n[\s\S]*\] 0 file\(s\) written, 2 problem\(s\)\n/);
    fs.writeFileSync(path.join(dir, 'src/notes.txt'), 'not a diagram');
  }
});

describe('progress on a terminal', () => {
  it('shows one updating line [n/total] while several inputs build, and clears it', async () => {
    const dir = tree({ 'a.flow.yaml': flow('A'), 'b.flow.yaml': flow('B'), 'c.flow.yaml': flow('C') });
    const r = await cli(['build', '.', '-o', 'out', '-f', 'mmd', '-j', '1'], dir, { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r\u001b\[K\[1\/3\] a\.flow\.yaml/);
    expect(r.stderr).toContain('\r\u001b[K[3/3] c.flow.yaml');
    expect(r.stderr.endsWith('\r\u001b[Kjourneyflow: 3 file(s) written from 3 input(s)\n')).toBe(true);
  });
});
