import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, fixture } from '../support/cli.js';
import { MAX_EVENT_CLIENTS } from '../../src/cli/serve.js';
import { tinyFlow } from './async-cli.js';
import { chainFlow, STACK } from './helpers.js';

const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGTERM'); });

// As root, permissions do not apply: run the CLI as nobody so an unreadable folder really is one.
const asNobody = process.getuid?.() === 0 && fs.existsSync('/usr/bin/setpriv');
const canLock = asNobody || process.getuid?.() !== 0;

function start(args: string[], cwd: string, unprivileged = false) {
  const cmd = unprivileged && asNobody ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
  const child = spawn(cmd[0], [...cmd.slice(1), BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let err = '';
  let exited: number | null | undefined;
  child.stderr!.on('data', (d) => { err += String(d); });
  child.on('exit', (code) => { exited = code; });
  const waitFor = async (re: RegExp, ms = 20000): Promise<RegExpMatchArray> => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
      const m = err.match(re);
      if (m) return m;
      if (exited !== undefined) break;
    }
    throw new Error(`waiting for ${re}; exit ${exited}; stderr: ${err}`);
  };
  return { child, waitFor, stderr: () => err, exited: () => exited };
}

function get(port: number, pathname: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent: false, headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

async function serve(dir: string, args: string[] = [], unprivileged = false) {
  const s = start(['serve', ...(args.length ? args : ['.']), '--port', '0'], dir, unprivileged);
  const port = Number((await s.waitFor(/http:\/\/127\.0\.0\.1:(\d+)\//))[1]);
  return { ...s, port };
}

async function until(check: () => Promise<boolean> | boolean, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await check()) return;
  throw new Error('condition not met in time');
}

/** A fixture folder that the unprivileged user can read, with a sub-folder nobody can. */
function withLockedFolder() {
  const dir = fixture({ 'a.flow.yaml': tinyFlow('Visible'), 'locked/b.flow.yaml': tinyFlow() });
  fs.chmodSync(dir, 0o777);
  fs.chmodSync(path.join(dir, 'a.flow.yaml'), 0o666);
  fs.chmodSync(path.join(dir, 'locked'), 0o000);
  return dir;
}

describe('serve answers only this machine', () => {
  it('refuses a foreign Host header (DNS rebinding) with 403 and answers localhost names and the bound address', async () => {
    const dir = fixture({ 'a.flow.yaml': tinyFlow('Secret plan') });
    const s = await serve(dir);
    for (const host of ['evil.example', `evil.example:${s.port}`, 'localhost.evil.example', '127.0.0.1.evil.example']) {
      const r = await get(s.port, '/', host);
      expect(r.status, host).toBe(403);
      expect(r.body, host).not.toContain('a.flow.yaml');
    }
    expect((await get(s.port, '/events', 'evil.example')).status).toBe(403);
    for (const host of [`localhost:${s.port}`, `127.0.0.1:${s.port}`, `[::1]:${s.port}`, `app.localhost:${s.port}`, 'LOCALHOST']) {
      const r = await get(s.port, '/', host);
      expect(r.status, host).toBe(200);
      expect(r.body, host).toContain('a.flow.yaml');
    }
  });

  it(`keeps at most ${MAX_EVENT_CLIENTS} /events streams and says so to the next one, staying up`, async () => {
    const dir = fixture({ 'a.flow.yaml': tinyFlow() });
    const s = await serve(dir);
    const open: http.ClientRequest[] = [];
    // Resolves on the status line: a stream that is let in never ends by itself.
    const follow = () => new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: s.port, path: '/events', agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      open.push(req);
    });
    const statuses = await Promise.all(Array.from({ length: MAX_EVENT_CLIENTS }, follow));
    expect(statuses.every((c) => c === 200)).toBe(true);
    const over = await get(s.port, '/events', `127.0.0.1:${s.port}`);
    expect(over.status).toBe(503);
    expect(over.body).toMatch(/at most/);
    for (const req of open.splice(0)) req.destroy();
    // Closed streams free their places: a new page may follow changes again.
    await until(async () => (await follow()) === 200);
    for (const req of open) req.destroy();
    expect((await get(s.port, '/', `127.0.0.1:${s.port}`)).status).toBe(200);
  });
});

describe('watchers survive errors', () => {
  it.skipIf(!canLock)('serve reports an unreadable sub-folder (EACCES) and keeps serving', async () => {
    const dir = withLockedFolder();
    try {
      const s = await serve(dir, ['.'], true);
      await s.waitFor(/cannot watch .*locked/);
      expect(s.stderr()).not.toMatch(STACK);
      const r = await get(s.port, '/', `127.0.0.1:${s.port}`);
      expect(r.status).toBe(200);
      expect(r.body).toContain('a.flow.yaml');
      expect(s.exited()).toBeUndefined();
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it.skipIf(!canLock)('build --watch reports it too and still rebuilds the readable files', async () => {
    const dir = withLockedFolder();
    fs.mkdirSync(path.join(dir, 'out'), { mode: 0o777 });
    fs.chmodSync(path.join(dir, 'out'), 0o777);
    try {
      const w = start(['build', '.', '--watch', '-o', 'out'], dir, true);
      await w.waitFor(/watching/);
      await w.waitFor(/cannot watch .*locked/);
      fs.writeFileSync(path.join(dir, 'a.flow.yaml'), tinyFlow('Saved again'));
      await until(() => fs.readFileSync(path.join(dir, 'out/a.flow.svg'), 'utf8').includes('Saved again'));
      expect(w.exited()).toBeUndefined();
      expect(w.stderr()).not.toMatch(STACK);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});

describe('serve re-reads each saved file as an input', () => {
  it('a served file swapped for a symlink to a file outside its tree shows a diagnostic, not the file', async () => {
    const outside = fixture({ 'secret.flow.yaml': tinyFlow('TOP-SECRET-OUTSIDE') });
    const dir = fixture({ 'a.flow.yaml': tinyFlow('Before the swap') });
    const s = await serve(dir, ['a.flow.yaml']);
    const view = () => get(s.port, '/view?file=a.flow.yaml', `localhost:${s.port}`);
    expect((await view()).body).toContain('Before the swap');
    fs.rmSync(path.join(dir, 'a.flow.yaml'));
    fs.symlinkSync(path.join(outside, 'secret.flow.yaml'), path.join(dir, 'a.flow.yaml'));
    await until(async () => (await view()).body.includes('input-outside'));
    expect((await view()).body).not.toContain('TOP-SECRET-OUTSIDE');
  });

  it('a burst of saves ends with the last one shown, and the server answers throughout', async () => {
    const dir = fixture({ 'a.flow.yaml': tinyFlow('v0'), 'b.flow.yaml': tinyFlow('other') });
    const s = await serve(dir);
    for (let i = 1; i <= 20; i++) fs.writeFileSync(path.join(dir, 'a.flow.yaml'), tinyFlow(`v${i}`));
    expect((await get(s.port, '/', `localhost:${s.port}`)).status).toBe(200);
    await until(async () => (await get(s.port, '/view?file=a.flow.yaml', `localhost:${s.port}`)).body.includes('>v20<'));
    expect((await get(s.port, '/view?file=b.flow.yaml', `localhost:${s.port}`)).body).toContain('other');
  });
});

describe('serve draws previews off its HTTP thread (issue 24, Servers)', () => {
  it('answers /health and other pages while a large diagram is drawn (one at a time with -j 1), stops it at --timeout with a diagnostic in its page, and keeps serving', async () => {
    const dir = fixture({ 'a.flow.yaml': tinyFlow('Small one') });
    const s = await serve(dir, ['.', '--timeout', '2000', '-j', '1']);
    const drawnAtOnce: number[] = [];
    const host = `localhost:${s.port}`;
    // 3 000 steps take several seconds to lay out and draw, far past a 2 s limit, on any machine.
    fs.writeFileSync(path.join(dir, 'big.flow.yaml'), chainFlow(3000));
    // The answer itself says the large diagram is being drawn: it was given during that render.
    await until(async () => {
      const health = await get(s.port, '/health', host);
      const { rendering } = JSON.parse(health.body) as { rendering: string[] };
      drawnAtOnce.push(rendering.length);
      return health.status === 200 && rendering.includes('big.flow.yaml');
    });
    expect(Math.max(...drawnAtOnce)).toBe(1);
    const during = await Promise.all([get(s.port, '/view?file=a.flow.yaml', host), get(s.port, '/', host)]);
    expect(during.map((r) => r.status)).toEqual([200, 200]);
    expect(during[0].body).toContain('Small one');
    const big = () => get(s.port, '/view?file=big.flow.yaml', host);
    await until(async () => (await big()).body.includes('layout-too-complex'));
    expect((await big()).body).toMatch(/big\.flow\.yaml:1:1 error \[layout-too-complex\] this diagram is too complex to preview: .*time limit of 2000 ms/);
    // The ended thread was replaced: a save still shows.
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), tinyFlow('Saved after'));
    await until(async () => (await get(s.port, '/view?file=a.flow.yaml', host)).body.includes('Saved after'));
    expect(s.exited()).toBeUndefined();
    expect(s.stderr()).not.toMatch(STACK);
  });
});

describe('serve with hostile names and many saves (issue 24, findings 6 and Low)', () => {
  it('a theme named constructor shows a diagnostic in its page; a save re-renders that file alone (one new version), the other pages stay', async () => {
    const dir = fixture({ 'a.flow.yaml': tinyFlow('First'), 'b.flow.yaml': tinyFlow('Other').replace('kind: flow', 'kind: flow\ntheme: constructor') });
    const s = await serve(dir);
    const host = `localhost:${s.port}`;
    expect((await get(s.port, '/view?file=b.flow.yaml', host)).body).toContain('[unknown-reference] theme &quot;constructor&quot; is not a built-in theme');
    expect((await get(s.port, '/view?file=a.flow.yaml', host)).body).toContain('First');
    // Each render of a page takes the next version number, which /events sends to open pages.
    const versions: number[] = [];
    const stream = http.get({ host: '127.0.0.1', port: s.port, path: '/events', agent: false }, (res) => {
      res.setEncoding('utf8').on('data', (d: string) => { for (const m of d.matchAll(/data: (\d+)/g)) versions.push(Number(m[1])); });
    });
    try {
      await until(() => versions.length === 1);
      fs.writeFileSync(path.join(dir, 'a.flow.yaml'), tinyFlow('Second'));
      await until(() => versions.length === 2);
      expect(versions[1] - versions[0], 'renders for one save').toBe(1);
      expect((await get(s.port, '/view?file=a.flow.yaml', host)).body).toContain('Second');
      expect((await get(s.port, '/view?file=b.flow.yaml', host)).body).toContain('[unknown-reference]');
      expect(s.exited()).toBeUndefined();
      expect(s.stderr()).not.toMatch(STACK);
    } finally {
      stream.destroy();
    }
  });
});
